//! A load after one file changed since the last whole load of the same
//! files (see [`cache::Last`]): the other files' events are read from the
//! cache in their merged order, and only the changed file's events are
//! merged again, among what the others declare.
//!
//! It is taken only where it gives what a merge of every file would: the
//! file declares the same things at the same places (only its events
//! changed); no other file's events have its events' ids; they name the
//! same actors and, where lane sets or tours look at them, have the same
//! tags and quotes; every event they relate to is declared (the message for
//! one that is not suggests the nearest of all ids); and an id that came or
//! went is one nothing else could name (no tour, no other event naming it,
//! every other file's events in the timeline). Otherwise every file is
//! merged, as on a first load.

use std::collections::{BTreeMap, HashSet};

use super::cache::{self, Cache, Key, Last};
use super::merge::{self, Around};
use super::schema::EventDef;
use super::{
    Diagnostic, Input, Loaded, Prefer, Progress, Reader, Report, finish, sort_diagnostics,
    source_file,
};
use crate::model::Event;

/// One load of files whose last whole load is `last`.
pub struct Edit<'a> {
    pub cache: &'a Cache,
    pub last: &'a Last,
    /// The inputs' keys now.
    pub keys: &'a [Key],
    /// The key of the whole load it makes.
    pub whole: Key,
    pub prefer: Prefer,
    pub builtin: bool,
}

impl Edit<'_> {
    /// The load of `inputs` when exactly one of them changed since the last
    /// whole load and the change allows it (see above); `None` otherwise.
    pub fn load(&self, inputs: &[(String, Input)], reader: &Reader) -> Option<Loaded> {
        let (keys, last) = (self.keys, self.last);
        if last.files.len() != keys.len() || last.whole == self.whole {
            return None;
        }
        let mut changed = (0..keys.len()).filter(|&i| keys[i] != last.files[i]);
        let (Some(f), None) = (changed.next(), changed.next()) else { return None };
        // Every file has an entry of its own, so every event's id can be read.
        if !inputs.iter().all(|(_, i)| matches!(i, Input::Path(_))) {
            return None;
        }
        let mut before: Vec<Option<Key>> = keys.iter().copied().map(Some).collect();
        before[f] = Some(last.files[f]);
        let opened = self.cache.open_whole(last.whole, &before)?;
        let old = opened.entry(f)?;
        let (name, input) = &inputs[f];
        let quiet = Progress::quiet();
        let new = reader.read(f, name.clone(), input.clone(), input.size(), &quiet);
        if new.key != Some(keys[f]) || new.format != old.format {
            return None;
        }
        let sum = new.sum?;
        let (mut old_content, mut new_content) = (old.content?, new.content?);
        let old_defs = std::mem::take(&mut old_content.events);
        let new_defs = std::mem::take(&mut new_content.events);
        // Pictures are read afresh on every load: such a load is never kept whole.
        if new_defs.iter().any(|d| d.picture.is_some()) {
            return None;
        }
        // The same declarations at the same places: whatever the merge made
        // of them is as it was.
        if postcard::to_allocvec(&old_content).ok()? != postcard::to_allocvec(&new_content).ok()? {
            return None;
        }
        let (was_ids, ids) = (ids(&old_defs)?, ids(&new_defs)?);
        let related: HashSet<String> = old_defs
            .iter()
            .chain(&new_defs)
            .flat_map(|d| d.event.related.iter())
            .cloned()
            .collect();
        let wanted: HashSet<&[u8]> =
            was_ids.iter().chain(&ids).chain(&related).map(|s| s.as_bytes()).collect();
        let found = opened.ids_elsewhere(f, &wanted)?;
        if was_ids.iter().chain(&ids).any(|id| found.contains(id.as_bytes())) {
            return None;
        }
        // Ids that came or went: no tour step or other event may name them.
        let came_or_went: HashSet<&str> =
            was_ids.symmetric_difference(&ids).map(String::as_str).collect();
        if !came_or_went.is_empty() && !opened.every_event_kept_but(f) {
            return None;
        }
        let mut sums = opened.sums().to_vec();
        *sums.get_mut(f)? = Some(sum);
        let (before, mut sources) = opened.read_with_room(new_defs.len())?;
        let not_read: HashSet<(String, String)> = before.not_read.iter().cloned().collect();
        let undeclared = |ids: &HashSet<String>, defs: &[EventDef]| {
            let mut named = defs.iter().flat_map(|d| d.event.related.iter());
            named.any(|id| {
                !ids.contains(id)
                    && !found.contains(id.as_bytes())
                    && !not_read.contains(&("events".into(), id.clone()))
            })
        };
        if undeclared(&was_ids, &old_defs) || undeclared(&ids, &new_defs) {
            return None;
        }
        if !came_or_went.is_empty() {
            let tl = &before.timeline;
            let named = |e: &Event| e.related.iter().any(|id| came_or_went.contains(id.as_str()));
            if !tl.tours.is_empty() || tl.events.iter().any(named) {
                return None;
            }
        }
        let files: Vec<_> = inputs
            .iter()
            .zip(&before.formats)
            .map(|((name, input), format)| source_file(name.clone(), input.clone(), *format))
            .collect();
        let tl = &before.timeline;
        let found: Vec<&str> =
            related.iter().map(String::as_str).filter(|id| found.contains(id.as_bytes())).collect();
        let around = Around {
            files: &files,
            prefer: self.prefer,
            builtin: self.builtin,
            not_read: &not_read,
            countries: tl.countries.iter().map(|c| c.code.as_str()).collect(),
            actors: tl.actors.iter().map(|a| a.id.as_str()).collect(),
            events: HashSet::default(),
        };
        let was = merge::one_file(
            f,
            old_defs,
            &Around { events: known(&was_ids, &found), ..around.clone() },
        );
        let now = merge::one_file(f, new_defs, &Around { events: known(&ids, &found), ..around });
        let tags_count = !tl.lanes.is_empty();
        let quotes_count = !tl.tours.is_empty();
        if was.used != now.used
            || (tags_count && was.tags != now.tags)
            || (quotes_count && was.quotes != now.quotes)
        {
            return None;
        }
        let diagnostics = diagnostics(before.diagnostics, f, (&old.diagnostics, was.diags), {
            new.diagnostics.into_iter().chain(now.diags)
        })?;
        let mut timeline = before.timeline;
        let events = std::mem::take(&mut timeline.events);
        (timeline.events, sources) = in_place(events, sources, f, now.events)?;
        let whole = cache::Whole {
            timeline,
            formats: before.formats,
            diagnostics,
            not_read: before.not_read,
        };
        self.cache.put_whole(self.whole, &whole, &sums, &sources);
        for key in keys {
            self.cache.touch(*key);
        }
        let report = Report { files, diagnostics: whole.diagnostics };
        #[cfg(test)]
        TAKEN.set(TAKEN.get() + 1);
        Some(finish(whole.timeline, report))
    }
}

/// The ids of `defs`; `None` if one has none (a merge would take those
/// alike across files).
fn ids(defs: &[EventDef]) -> Option<HashSet<String>> {
    defs.iter().map(|d| Some(d.event.id.clone()).filter(|id| !id.is_empty())).collect()
}

/// The events a file's events may name: its own, and those of others' that they do.
fn known<'a>(ids: &'a HashSet<String>, elsewhere: &[&'a str]) -> HashSet<&'a str, merge::Fast> {
    ids.iter().map(String::as_str).chain(elsewhere.iter().copied()).collect()
}

/// A load's messages, `before` with those of file `f`'s reading and of the
/// merge of its events (`was`) replaced by `now` (its reading's first).
/// `None` if one of `was` is not among `before`.
fn diagnostics(
    before: Vec<Diagnostic>,
    f: usize,
    was: (&[Diagnostic], Vec<Diagnostic>),
    now: impl Iterator<Item = Diagnostic>,
) -> Option<Vec<Diagnostic>> {
    type Id<'a> = (Option<super::Mark>, super::Severity, &'a str, Option<&'a str>, Option<&'a str>);
    fn id(d: &Diagnostic) -> Id<'_> {
        (d.mark, d.severity, d.message.as_str(), d.help.as_deref(), d.note.as_deref())
    }
    let (mine, mut all): (Vec<Diagnostic>, Vec<Diagnostic>) =
        before.into_iter().partition(|d| d.file == f);
    let mut gone: BTreeMap<Id, usize> = BTreeMap::new();
    for d in was.0.iter().chain(&was.1) {
        *gone.entry(id(d)).or_default() += 1;
    }
    // What the merge said of the file's declarations stays: after its
    // reading's messages, as the merge's always come.
    let stays: Vec<bool> = mine
        .iter()
        .map(|d| match gone.get_mut(&id(d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect();
    if gone.values().any(|&n| n > 0) {
        return None;
    }
    let kept = mine.into_iter().zip(stays).filter_map(|(d, stays)| stays.then_some(d));
    all.extend(now);
    all.extend(kept);
    sort_diagnostics(&mut all);
    Some(all)
}

/// The merged events `events`, from `sources`, with those of file `f`
/// replaced by `mine` (in the merge's order, each with its place in the
/// file), put among them by date as a merge of every file would. `None` if
/// the order is not one of dates and files alone (a later definition took an
/// earlier file's place).
///
/// Done in the lists as they are: a second list of a million events would
/// raise the load's peak, and its fresh pages cost more than the moves.
fn in_place(
    mut events: Vec<Event>,
    mut sources: Vec<merge::Source>,
    f: usize,
    mut mine: Vec<(Event, u32)>,
) -> Option<(Vec<Event>, Vec<merge::Source>)> {
    let f = u32::try_from(f).ok()?;
    let key = |i: usize| Some((events.get(i)?.date, sources.get(i)?.0));
    if events.len() != sources.len() || (1..events.len()).any(|i| key(i - 1) > key(i)) {
        return None;
    }
    let mut from = sources.iter();
    events.retain(|_| from.next().is_some_and(|s| s.0 != f));
    sources.retain(|s| s.0 != f);
    mine.sort_by_key(|(e, _)| e.date);
    // From the end: each of the file's events, last first, goes after those
    // of the others that come after it, which move up to make room.
    let (mut rest, mut to) = (events.len(), events.len() + mine.len());
    let empty = || Event::new(String::new(), crate::model::PartialDate::year(0), String::new());
    events.resize_with(to, empty);
    sources.resize(to, (0, 0));
    while let Some((m, at)) = mine.pop() {
        while rest > 0 && (events[rest - 1].date, sources[rest - 1].0) > (m.date, f) {
            rest -= 1;
            to -= 1;
            events.swap(rest, to);
            sources.swap(rest, to);
        }
        to -= 1;
        events[to] = m;
        sources[to] = (f, at);
    }
    Some((events, sources))
}

#[cfg(test)]
thread_local! {
    /// How many loads on this thread merged one file again alone.
    static TAKEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::*;
    use crate::load::{Sources, load_sources};

    const HEAD: &str = "\
title: Edits
countries:
  - {code: KZ, name: Kazakhstan}
  - {code: RU, name: Russia}
  - {code: CN, name: China}
actors:
  - {id: putin, name: Vladimir Putin, country: RU}
  - {id: xi, name: Xi Jinping, country: CN}
  - {id: nobody, name: Nobody, country: KZ}
";

    const LANES: &str = "\
lanes:
  - id: powers
    title: Powers
    members: [RU, CN, tag:energy]
";

    const TOURS: &str = "\
tours:
  - id: tour
    title: A tour
    steps:
      - event: b-2
        quote: 1
      - event: a-1
      - event: c-1
";

    const A_EVENTS: &str = "\
events:
  - {id: a-1, date: 1991, title: A one, countries: [KZ], sources: [https://example.org/a1], related: [b-3]}
  - {id: a-2, date: 2001, title: A two, countries: [RU], actors: [putin], sources: [https://example.org/a2]}
";

    /// The first file: declarations, perhaps lane sets and a tour, and `events`.
    fn a(lanes: bool, tours: bool, events: &str) -> String {
        let lanes = if lanes { LANES } else { "" };
        let tours = if tours { TOURS } else { "" };
        format!("{HEAD}{lanes}{tours}{events}")
    }

    const B: &str = "\
countries:
  - {code: KZ, name: Qazaqstan}
actors:
  - {id: lonely, name: Lonely, country: KZ}
events:
  - {id: b-1, date: 1995, title: B one, countries: [KZ], actors: [putin], tags: [energy], sources: [https://example.org/b1]}
  - id: b-2
    date: 2001
    title: B two
    countries: [CN]
    actors: [xi]
    quotes:
      - {text: Words, by: xi}
    sources: [https://example.org/b2]
  - {id: b-3, date: 2005, title: B three, countries: [KZ, RU], sources: [https://example.org/b3]}
  - {id: b-4, date: 2010, title: B four, countries: [CN], sources: [https://example.org/b4]}
  - {id: b-5, date: 2010, title: B five, countries: [RU], related: [a-2], sources: [https://example.org/b5]}
  - {id: b-6, date: 2015, title: B six, countries: [KZ]}
";

    const C: &str = "\
events:
  - {id: c-1, date: 2001, title: C one, countries: [KZ], related: [b-4], sources: [https://example.org/c1]}
  - {id: c-2, date: 2010, title: C two, countries: [XX], sources: [https://example.org/c2]}
  - {id: c-3, date: 1995, title: C three, countries: [RU], actors: [xi], sources: [https://example.org/c3]}
";

    fn sources(dir: &Path, cache: bool) -> Sources {
        Sources { cache: cache.then(|| dir.join("cache")), ..Sources::paths(&[dir.join("tl")]) }
    }

    /// What a load shows, to compare one with another.
    fn shown(loaded: &Loaded) -> String {
        let files: Vec<_> = loaded.report.files.iter().map(|f| (&f.name, f.read_as)).collect();
        format!("{:#?}\n{:#?}\n{files:?}", loaded.timeline, loaded.report.diagnostics)
    }

    /// Loads `b` after loading `B` with the cache: the same as a load
    /// without it; and whether `b` was merged again alone.
    fn after(b: &str, prefer: Prefer, c: &str) -> bool {
        after_with(&a(true, true, A_EVENTS), b, prefer, c)
    }

    /// The first file without its tour and lane set.
    fn plain() -> String {
        a(false, false, A_EVENTS)
    }

    fn after_with(a: &str, b: &str, prefer: Prefer, c: &str) -> bool {
        edited(a, (B, b), prefer, c)
    }

    /// [`after`], with `b` changed from `b.0` to `b.1`.
    fn edited(a: &str, b: (&str, &str), prefer: Prefer, c: &str) -> bool {
        let dir = tempfile::tempdir().expect("a directory");
        let tl = dir.path().join("tl");
        fs::create_dir_all(&tl).expect("made");
        fs::write(tl.join("a.yaml"), a).expect("written");
        fs::write(tl.join("b.yaml"), b.0).expect("written");
        fs::write(tl.join("c.yaml"), c).expect("written");
        let with = Sources { prefer, ..sources(dir.path(), true) };
        let without = Sources { prefer, ..sources(dir.path(), false) };
        let first = load_sources(&with, &|_| {});
        assert_eq!(shown(&first), shown(&load_sources(&without, &|_| {})));
        fs::write(tl.join("b.yaml"), b.1).expect("written");
        let taken = TAKEN.get();
        let edited = load_sources(&with, &|_| {});
        let taken = TAKEN.get() > taken;
        assert_eq!(shown(&edited), shown(&load_sources(&without, &|_| {})), "after {}", b.1);
        // And the load it kept reads back the same.
        assert_eq!(shown(&load_sources(&with, &|_| {})), shown(&edited));
        taken
    }

    fn edit(from: &str, to: &str) -> String {
        assert!(B.contains(from), "{from}");
        B.replacen(from, to, 1)
    }

    #[test]
    fn events_that_keep_their_ids_and_names_are_merged_again_alone() {
        let same = |from: &str, to: &str| after(&edit(from, to), Prefer::Neither, C);
        assert!(same("title: B one", "title: B one edited"));
        // Moved among another file's events of the same date.
        assert!(same("date: 2005", "date: 2010"));
        assert!(same("date: 1995", "date: 2010-06"));
        // Warnings and errors come and go with the events.
        assert!(same(", sources: [https://example.org/b3]", ""));
        assert!(same(
            "countries: [CN], sources: [https://example.org/b4]",
            "countries: [XX], sources: [https://example.org/b4]"
        ));
        assert!(same(
            "{id: b-6, date: 2015, title: B six, countries: [KZ]}",
            "{id: b-6, date: 2015, title: B six, countries: [KZ], sources: [https://example.org/b6]}"
        ));
        assert!(same("related: [a-2]", "related: [a-2, c-2, c-1]"));
        // Broken, and defined twice: with no tour to show their quotes.
        let plain =
            |from: &str, to: &str| after_with(&plain(), &edit(from, to), Prefer::Neither, C);
        assert!(plain("{id: b-6, date: 2015,", "{id: b-6,"));
        assert!(plain("  - {id: b-6", "  - {id: b-6, date: 2016, title: Again}\n  - {id: b-6"));
        assert!(plain("tags: [energy]", "tags: [gas]"));
        // With one, they could change what its steps show.
        assert!(!same("{id: b-6, date: 2015,", "{id: b-6,"));
    }

    #[test]
    fn events_that_come_or_go_are_merged_again_alone_where_nothing_names_them() {
        // Every event of the other files enters the timeline (c-2 names no country it declares).
        let (a, c) = (plain(), C.replace("countries: [XX]", "countries: [KZ]"));
        let plain = |from: &str, to: &str| after_with(&a, &edit(from, to), Prefer::Neither, &c);
        let added = "\n  - {id: b-7, date: 1999, title: B seven, countries: [RU], sources: [https://example.org/b7]}\n";
        assert!(plain(
            "sources: [https://example.org/b1]}\n",
            &format!("sources: [https://example.org/b1]}}{added}")
        ));
        assert!(plain("id: b-6", "id: b-7"));
        assert!(plain(
            "  - {id: b-5, date: 2010, title: B five, countries: [RU], related: [a-2], sources: [https://example.org/b5]}\n",
            ""
        ));
        // One another file's event names (c-1 relates to b-4, a-1 to b-3).
        assert!(!plain("id: b-4", "id: b-8"));
        assert!(!plain("{id: b-3,", "{id: b-9,"));
        // One a tour could name; one another file has.
        assert!(!after(&edit("id: b-6", "id: b-7"), Prefer::Neither, C));
        assert!(!plain("id: b-6", "id: c-3"));
        // While an event of another file is left out, what it names is not
        // known: every file is merged.
        let c2 = |c: &str| after_with(&a, &edit("id: b-6", "id: b-7"), Prefer::Neither, c);
        assert!(!c2(&C.replace("related: [b-4]", "related: [b-4, b-7]")));
        assert!(!c2(C));
        assert!(c2(&c));
    }

    #[test]
    fn other_edits_merge_every_file() {
        let same = |from: &str, to: &str| after(&edit(from, to), Prefer::Neither, C);
        // A related id that nothing has: its message suggests the nearest of all.
        assert!(!same("related: [a-2]", "related: [a-2, nowhere]"));
        // Other actors named, a lane's tag gone, a tour's quote gone.
        assert!(!same("actors: [putin], tags", "actors: [xi], tags"));
        assert!(!same("tags: [energy]", "tags: [gas]"));
        assert!(!same("      - {text: Words, by: xi}\n", ""));
        // A declaration of its own.
        assert!(!same("countries:\n", "countries:\n  - {code: TM, name: Turkmenistan}\n"));
    }

    #[test]
    fn a_later_definition_in_another_files_place_merges_every_file() {
        let c = C.replace(
            "{id: c-3, date: 1995, title: C three",
            "{id: a-1, date: 1995, title: C three",
        );
        assert!(!after(&edit("title: B one", "title: B one edited"), Prefer::Later, &c));
        assert!(after(&edit("title: B one", "title: B one edited"), Prefer::Later, C));
    }

    #[test]
    fn edit_after_edit() {
        let dir = tempfile::tempdir().expect("a directory");
        let tl = dir.path().join("tl");
        fs::create_dir_all(&tl).expect("made");
        for (name, text) in [("a.yaml", &plain()[..]), ("b.yaml", B), ("c.yaml", C)] {
            fs::write(tl.join(name), text).expect("written");
        }
        let with = sources(dir.path(), true);
        load_sources(&with, &|_| {});
        let mut b = B.to_string();
        for (from, to) in
            [("B one", "B first"), ("date: 2005", "date: 1990"), ("B two", "B second")]
        {
            b = b.replacen(from, to, 1);
            fs::write(tl.join("b.yaml"), &b).expect("written");
            let taken = TAKEN.get();
            let edited = load_sources(&with, &|_| {});
            assert_eq!(TAKEN.get(), taken + 1, "{from}");
            assert_eq!(shown(&edited), shown(&load_sources(&sources(dir.path(), false), &|_| {})));
        }
    }

    /// One event as generated: ids drawn from few, some shared between files.
    #[derive(Debug, Clone)]
    struct Ev {
        id: (bool, u8),
        year: Option<u8>,
        title: u8,
        country: u8,
        actor: Option<u8>,
        tag: Option<u8>,
        related: Option<(char, u8)>,
        sourced: bool,
        quotes: u8,
    }

    fn ev() -> impl proptest::strategy::Strategy<Value = Ev> {
        use proptest::prelude::*;
        (
            (prop::bool::weighted(0.1), 0..5u8),
            prop::option::weighted(0.9, 0..4u8),
            0..3u8,
            0..4u8,
            prop::option::of(0..3u8),
            prop::option::of(0..3u8),
            prop::option::weighted(0.3, (prop::sample::select(vec!['a', 'b', 'c']), 0..6u8)),
            prop::bool::weighted(0.8),
            0..3u8,
        )
            .prop_map(
                |(id, year, title, country, actor, tag, related, sourced, quotes)| Ev {
                    id,
                    year,
                    title,
                    country,
                    actor,
                    tag,
                    related,
                    sourced,
                    quotes,
                },
            )
    }

    /// The YAML of a file of events, `file` naming their ids.
    fn events(file: char, evs: &[Ev]) -> String {
        let mut s = String::from("events:\n");
        for e in evs {
            let id =
                if e.id.0 { format!("s-{}", e.id.1 % 2) } else { format!("{file}-{}", e.id.1) };
            s.push_str(&format!("  - {{id: {id}, title: T{}", e.title));
            if let Some(y) = e.year {
                s.push_str(&format!(", date: {}", 1990 + u32::from(y)));
            }
            s.push_str(&format!(", countries: [{}]", ["KZ", "RU", "XX", "KZ"][e.country as usize]));
            if let Some(a) = e.actor {
                s.push_str(&format!(", actors: [{}]", ["putin", "xi", "ghost"][a as usize]));
            }
            if let Some(t) = e.tag {
                s.push_str(&format!(", tags: [{}]", ["energy", "gas", "trade"][t as usize]));
            }
            if let Some((f, n)) = e.related {
                s.push_str(&format!(", related: [{f}-{n}]"));
            }
            if e.sourced {
                s.push_str(", sources: [https://example.org/s]");
            }
            if e.quotes > 0 {
                let q = vec!["{text: W, by: xi}"; e.quotes as usize].join(", ");
                s.push_str(&format!(", quotes: [{q}]"));
            }
            s.push_str("}\n");
        }
        s
    }

    /// Files of random events, one of them edited, some of the edits keeping
    /// its ids: the load after the edit is always what a load without the
    /// cache gives, and enough of them merge the file alone to count.
    #[test]
    fn any_edit_gives_what_a_merge_of_every_file_gives() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let evs = || prop::collection::vec(ev(), 0..7);
        let flag = any::<bool>;
        let case = (evs(), evs(), evs(), evs(), flag(), flag(), flag(), flag(), flag());
        let mut runner = TestRunner::new(Config { cases: 150, ..Config::default() });
        let (taken, cases) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
        let result =
            runner.run(&case, |(a_evs, b, mut b2, c, keep, tours, lanes, later, declares)| {
                if keep {
                    // Their dates, titles, countries and sources change; what
                    // other files' declarations look at stays.
                    let changed = |(e, f): (&Ev, &Ev)| Ev {
                        year: f.year,
                        title: f.title,
                        country: f.country,
                        sourced: f.sourced,
                        ..e.clone()
                    };
                    b2 = b.iter().zip(b2.iter().chain(&b)).map(changed).collect();
                }
                let a_text = a(lanes, tours, &events('a', &a_evs));
                let prefer = if later { Prefer::Later } else { Prefer::Neither };
                cases.set(cases.get() + 1);
                // What it declares, the merge has something to say of.
                let head = if declares { &B[..B.find("events:").unwrap_or(0)] } else { "" };
                let b =
                    (format!("{head}{}", events('b', &b)), format!("{head}{}", events('b', &b2)));
                let alone = edited(&a_text, (&b.0, &b.1), prefer, &events('c', &c));
                taken.set(taken.get() + usize::from(alone));
                Ok(())
            });
        if let Err(e) = result {
            panic!("{e}");
        }
        let (taken, cases) = (taken.get(), cases.get());
        assert!(taken * 10 >= cases, "only {taken} of {cases} edits were merged alone");
    }
}
