//! Merges the contents of all files into one timeline: duplicate definitions,
//! references that name nothing, and the warnings that do not stop a load.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// A faster hash than the standard one for the many short ids of a large timeline.
type Fast = hashbrown::DefaultHashBuilder;

use super::Prefer;
use super::diagnostic::Mark;
use super::diagnostic::{Diagnostic, SourceFile, did_you_mean, sample_list};
use super::schema::{ActorDef, EventDef, FileContent, LaneSetDef, Located, TourDef};
use crate::model::{Lane, LaneSet, Member, Timeline};

pub fn merge(
    contents: Vec<FileContent>,
    files: &[SourceFile],
    prefer: Prefer,
    builtin: bool,
    diags: &mut Vec<Diagnostic>,
) -> Timeline {
    let mut tl =
        Timeline { files: files.iter().map(|f| f.name.clone()).collect(), ..Timeline::default() };
    let mut countries: Vec<Located<_>> = Vec::new();
    let mut actors: Vec<ActorDef> = Vec::new();
    let mut eras: Vec<Located<_>> = Vec::new();
    let mut events: Vec<(usize, EventDef)> =
        Vec::with_capacity(contents.iter().map(|c| c.events.len()).sum());
    let mut tours: Vec<(usize, TourDef)> = Vec::new();
    let mut lanes: Vec<LaneSetDef> = Vec::new();
    // What errors kept from being read: references to it follow from those errors.
    let mut not_read: HashSet<(String, String)> = HashSet::new();
    for content in contents {
        let file = content.file;
        // The first title read, or with --prefer later the last.
        let (title, description) = (content.title, content.description);
        (tl.title, tl.description) = match prefer {
            Prefer::Neither => (tl.title.or(title), tl.description.or(description)),
            Prefer::Later => (title.or(tl.title), description.or(tl.description)),
        };
        countries.extend(content.countries);
        actors.extend(content.actors);
        eras.extend(content.eras);
        events.extend(content.events.into_iter().map(|e| (file, e)));
        tours.extend(content.tours.into_iter().map(|t| (file, t)));
        lanes.extend(content.lanes);
        tl.translations.extend(content.translations);
        not_read.extend(content.not_read);
    }

    // Broken events still have their references checked, then are dropped.
    let mut broken: Vec<_> = events.extract_if(.., |(_, e)| !e.complete).collect();
    same_id_in_one_file(&events, &broken, files, diags);
    let mut dup = Duplicates { files, prefer, diags };
    let countries = dup
        .dedup(
            countries,
            "country",
            |c| &c.value.code,
            |c| (c.file, c.mark),
            |a, b| a.value == b.value,
        )
        .0;
    let actors = dup
        .dedup(actors, "actor", |a| &a.actor.id, |a| (a.file, a.mark), |a, b| a.actor == b.actor)
        .0;
    let eras =
        dup.dedup(eras, "era", |e| &e.value.id, |e| (e.file, e.mark), |a, b| a.value == b.value).0;
    let (mut events, differing) = dup.dedup(
        events,
        "event",
        |e| &e.1.event.id,
        |e| (e.0, e.1.mark),
        |a, b| a.1.event.same_definition(&b.1.event),
    );
    // A second, different definition is reported as such, and nothing more.
    broken.extend(differing.into_iter().map(|(f, e)| (f, EventDef { complete: false, ..e })));
    let (tours, differing_tours) = dup.dedup(
        tours,
        "tour",
        |t| &t.1.tour.id,
        |t| (t.0, t.1.mark),
        |a, b| a.1.tour == b.1.tour,
    );

    let country_codes: HashSet<&str, Fast> =
        countries.iter().map(|c| c.value.code.as_str()).collect();
    let actor_ids: HashSet<&str, Fast> = actors.iter().map(|a| a.actor.id.as_str()).collect();
    let event_ids: HashSet<&str, Fast> = events
        .iter()
        .chain(&broken)
        .map(|(_, e)| e.event.id.as_str())
        .filter(|id| !id.is_empty())
        .collect();
    let mut refs = Refs { diags: dup.diags, builtin, not_read: &not_read };

    for a in &actors {
        if let Some(code) = &a.actor.country {
            refs.check(
                &country_codes,
                code,
                "country",
                &format!("actor `{}`", a.actor.id),
                a.file,
                a.country,
            );
        }
    }
    let mut used_actors: HashSet<&str, Fast> = HashSet::default();
    // Events that name something undeclared: left out like any event with an error.
    let mut unresolved = vec![false; events.len()];
    for (i, (file, def)) in events.iter().chain(&broken).enumerate() {
        let e = &def.event;
        let what =
            if e.id.is_empty() { "an event".to_string() } else { format!("event `{}`", e.id) };
        let mut resolved = true;
        for (code, mark) in e.countries.iter().zip(&def.countries) {
            resolved &= refs.check(&country_codes, code, "country", &what, *file, *mark);
        }
        for (p, mark) in e.actors.iter().zip(&def.actors) {
            used_actors.insert(p.id.as_str());
            resolved &= refs.check(&actor_ids, &p.id, "actor", &what, *file, *mark);
        }
        // A quote's speaker is an actor's id or a plain name: an id counts as a use.
        used_actors.extend(e.quotes.iter().map(|q| q.by.as_str()));
        for (id, mark) in e.related.iter().zip(&def.related) {
            if *id == e.id {
                refs.diags.push(Diagnostic::error(
                    *file,
                    Some(*mark),
                    format!("{what} is related to itself"),
                ));
                resolved = false;
            }
            resolved &= refs.check(&event_ids, id, "event", &what, *file, *mark);
        }
        if let Some(flag) = unresolved.get_mut(i) {
            *flag = !resolved;
        }
        if e.sources.is_empty() && def.complete {
            refs.diags.push(Diagnostic::warning(
                *file,
                Some(def.mark),
                format!("{what} has no sources; add at least one: a web address, or a book with its title"),
            ));
        }
    }
    // The quotes of each event a tour step names, found without a scan per step.
    let quote_counts: HashMap<&str, usize, Fast> = if tours.is_empty() && differing_tours.is_empty()
    {
        HashMap::default()
    } else {
        let mut counts = HashMap::default();
        for (_, e) in &events {
            counts.entry(e.event.id.as_str()).or_insert(e.event.quotes.len());
        }
        counts
    };
    for (file, def) in tours.iter().chain(&differing_tours) {
        for (i, (step, mark)) in def.tour.steps.iter().zip(&def.steps).enumerate() {
            let what = format!("step {} of tour `{}`", i + 1, def.tour.id);
            refs.check(&event_ids, &step.event, "event", &what, *file, *mark);
            // An event not read, or read with errors, has its own error already.
            let Some(&quotes) = quote_counts.get(step.event.as_str()) else { continue };
            if let Some(n) = step.quote.filter(|&n| n >= quotes) {
                refs.diags.push(Diagnostic::error(
                    *file,
                    Some(*mark),
                    format!(
                        "{what} shows quote {} of event `{}`, which has {}",
                        n + 1,
                        step.event,
                        crate::text::count(quotes, "quote", "quotes")
                    ),
                ));
            }
        }
    }
    for a in &actors {
        if !used_actors.contains(a.actor.id.as_str()) {
            refs.diags.push(Diagnostic::warning(
                a.file,
                Some(a.mark),
                format!("actor `{}` is never referenced by an event", a.actor.id),
            ));
        }
    }

    let tags: HashSet<&str, Fast> =
        events.iter().flat_map(|(_, e)| e.event.tags.iter().map(String::as_str)).collect();
    // Resolved first, so that `RU` and `country:RU` are the same set twice.
    let lanes: Vec<Located<LaneSet>> = lanes
        .iter()
        .map(|set| Located {
            value: resolve_lanes(set, &country_codes, &actor_ids, &tags, &mut refs),
            file: set.file,
            mark: set.mark,
        })
        .collect();
    let mut dup = Duplicates { files, prefer, diags: refs.diags };
    tl.lanes = dup
        .dedup(lanes, "lane set", |l| &l.value.id, |l| (l.file, l.mark), |a, b| a.value == b.value)
        .0
        .into_iter()
        .map(|l| l.value)
        .collect();

    tl.countries = countries.into_iter().map(|c| c.value).collect();
    tl.actors = actors.into_iter().map(|a| a.actor).collect();
    tl.eras = eras.into_iter().map(|e| e.value).collect();
    tl.eras.sort_by_key(|e| e.start);
    let mut left_out = unresolved.into_iter();
    events.retain(|_| !left_out.next().unwrap_or(false));
    tl.events = in_date_order(events.into_iter().map(|(_, e)| e.event).collect());
    tl.tours = tours.into_iter().map(|(_, t)| t.tour).collect();
    tl
}

/// A lane set's members as countries, actors and tags: `country:RU`,
/// `actor:putin`, `tag:summit`, or a plain name taken as the first of a
/// country's code, an actor's id or a tag that has it. A member that names
/// nothing is reported at its place and left out.
fn resolve_lanes(
    set: &LaneSetDef,
    countries: &HashSet<&str, Fast>,
    actors: &HashSet<&str, Fast>,
    tags: &HashSet<&str, Fast>,
    refs: &mut Refs,
) -> LaneSet {
    let what = format!("lane set `{}`", set.id);
    let mut lanes = Vec::new();
    for lane in &set.lanes {
        let mut members = Vec::new();
        for (text, mark) in &lane.members {
            let member = match text.split_once(':') {
                Some(("country", code)) => refs
                    .check(countries, code, "country", &what, set.file, *mark)
                    .then(|| Member::Country(code.to_string())),
                Some(("actor", id)) => refs
                    .check(actors, id, "actor", &what, set.file, *mark)
                    .then(|| Member::Actor(id.to_string())),
                Some(("tag", tag)) if tags.contains(tag) => Some(Member::Tag(tag.to_string())),
                Some(("tag", tag)) => {
                    let help = did_you_mean(tag, tags.iter().copied())
                        .map(|s| format!("did you mean `tag:{s}`?"));
                    refs.diags.push(
                        Diagnostic::error(
                            set.file,
                            Some(*mark),
                            format!("no event has the tag `{tag}` that {what} names"),
                        )
                        .with_help(help),
                    );
                    None
                }
                _ if countries.contains(text.as_str()) => Some(Member::Country(text.clone())),
                _ if actors.contains(text.as_str()) => Some(Member::Actor(text.clone())),
                _ if tags.contains(text.as_str()) => Some(Member::Tag(text.clone())),
                _ => {
                    let all = countries.iter().chain(actors).chain(tags).copied();
                    let help = match did_you_mean(text, all) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "write a country's code (`RU`), an actor's id (`putin`) or a tag (`summit`), or spell it `country:RU`, `actor:putin`, `tag:summit`".into(),
                    };
                    refs.diags.push(
                        Diagnostic::error(
                            set.file,
                            Some(*mark),
                            format!(
                                "unknown member `{text}` in {what}: expected a country's code, an actor's id or a tag of an event"
                            ),
                        )
                        .with_help(Some(help)),
                    );
                    None
                }
            };
            members.extend(member);
        }
        if !members.is_empty() {
            lanes.push(Lane { title: lane.title.clone(), members });
        }
    }
    LaneSet { id: set.id.clone(), title: set.title.clone(), lanes }
}

/// A broken event whose id another event of its file has: reported now, as
/// the broken one does not reach the check of duplicates.
fn same_id_in_one_file(
    events: &[(usize, EventDef)],
    broken: &[(usize, EventDef)],
    files: &[SourceFile],
    diags: &mut Vec<Diagnostic>,
) {
    if broken.is_empty() {
        return;
    }
    let wanted: HashSet<(usize, &str), Fast> = broken
        .iter()
        .map(|(f, e)| (*f, e.event.id.as_str()))
        .filter(|(_, id)| !id.is_empty())
        .collect();
    let mut seen: HashMap<(usize, &str), Mark, Fast> = HashMap::default();
    let all =
        events.iter().chain(broken).filter(|(f, e)| wanted.contains(&(*f, e.event.id.as_str())));
    let mut pairs: Vec<(usize, &str, Mark, Mark)> = Vec::new();
    for (f, e) in all {
        match seen.get(&(*f, e.event.id.as_str())) {
            Some(&first) => {
                let (a, b) = if first < e.mark { (first, e.mark) } else { (e.mark, first) };
                pairs.push((*f, e.event.id.as_str(), a, b));
            }
            None => {
                seen.insert((*f, e.event.id.as_str()), e.mark);
            }
        }
    }
    for (f, id, first, later) in pairs {
        let name = files.get(f).map_or("", |f| f.name.as_str());
        diags.push(
            Diagnostic::error(
                f,
                Some(later),
                format!(
                    "event `{id}` is defined twice; the first definition is at {name}:{}:{}",
                    first.line, first.column
                ),
            )
            .with_help(Some("rename one of them: each event needs an id of its own".into())),
        );
    }
}

/// The events by start, equal starts in the order they were read. The order
/// is found on the dates alone, then each event is swapped into its place
/// once, in place: a sort of whole events moves each many times.
fn in_date_order(mut events: Vec<crate::model::Event>) -> Vec<crate::model::Event> {
    if events.is_sorted_by_key(|e| e.date) {
        return events;
    }
    let mut order: Vec<(crate::model::PartialDate, usize)> =
        events.iter().map(|e| e.date).zip(0..).collect();
    // Unstable, but the positions break ties: equal dates keep their order.
    order.sort_unstable();
    // Position k takes the event now at `from[k]`; one cycle of moves at a time.
    let mut from: Vec<usize> = order.into_iter().map(|(_, i)| i).collect();
    const DONE: usize = usize::MAX;
    for start in 0..from.len() {
        let mut at = start;
        while from[at] != DONE {
            let next = std::mem::replace(&mut from[at], DONE);
            if next == start {
                break;
            }
            events.swap(at, next);
            at = next;
        }
    }
    events
}

struct Duplicates<'a> {
    files: &'a [SourceFile],
    prefer: Prefer,
    diags: &'a mut Vec<Diagnostic>,
}

impl Duplicates<'_> {
    /// Keeps one definition of each key, at the place of the first. A later
    /// one that differs is an error, returned apart so its own references can
    /// still be checked; with [`Prefer::Later`] it replaces the one kept, with
    /// a note. Works in place: a million events are never held twice.
    fn dedup<T>(
        &mut self,
        mut items: Vec<T>,
        what: &str,
        key: impl Fn(&T) -> &String,
        place: impl Fn(&T) -> (usize, Mark),
        same: impl Fn(&T, &T) -> bool,
    ) -> (Vec<T>, Vec<T>) {
        #[derive(Clone, Copy, PartialEq)]
        enum Verdict {
            Keep,
            Same,
            Differs,
            /// Replaced by a later definition, or moved to the first one's place.
            Replaced,
        }
        let mut verdicts = vec![Verdict::Keep; items.len()];
        // The first place of each key, and the later definition that holds it now.
        let mut first: HashMap<&str, usize, Fast> =
            HashMap::with_capacity_and_hasher(items.len(), Fast::default());
        let mut holder: HashMap<usize, usize, Fast> = HashMap::default();
        for (i, item) in items.iter().enumerate() {
            let Some(&slot) = first.get(key(item).as_str()) else {
                first.insert(key(item), i);
                continue;
            };
            let kept = holder.get(&slot).copied().unwrap_or(slot);
            if same(&items[kept], item) {
                verdicts[i] = Verdict::Same;
                continue;
            }
            let (f0, m0) = place(&items[kept]);
            let (f1, m1) = place(item);
            let earlier = self.place(f0, m0);
            let id = key(item);
            if self.prefer == Prefer::Later {
                verdicts[i] = Verdict::Replaced;
                holder.insert(slot, i);
                self.diags.push(
                    Diagnostic::note(
                        f1,
                        Some(m1),
                        format!(
                            "{what} `{id}` replaces the earlier, different definition at {earlier}"
                        ),
                    )
                    .with_help(Some(
                        "--prefer later keeps the definition read last; files are read in the order given, the built-in timeline first".into(),
                    )),
                );
                continue;
            }
            verdicts[i] = Verdict::Differs;
            // In one file, two ids alike are a slip; across files, two versions of one thing.
            let help = if f0 == f1 {
                format!("rename one of them: each {what} needs an id of its own")
            } else {
                "remove one of them, make both identical, or let the later file win with --prefer later".into()
            };
            self.diags.push(
                Diagnostic::error(
                    f1,
                    Some(m1),
                    format!(
                        "{what} `{id}` is defined twice, differently; the first definition is at {earlier}"
                    ),
                )
                .with_help(Some(help)),
            );
        }
        drop(first);
        // The last definition read takes the first one's place, which keeps
        // lists (countries, actors) in the order they were first declared.
        for (slot, last) in holder {
            items.swap(slot, last);
        }
        let mut at = 0;
        let mut differing = Vec::new();
        let extracted = items.extract_if(.., |_| {
            at += 1;
            verdicts[at - 1] != Verdict::Keep
        });
        for (item, verdict) in extracted.zip(verdicts.iter().filter(|v| **v != Verdict::Keep)) {
            if *verdict == Verdict::Differs {
                differing.push(item);
            }
        }
        (items, differing)
    }

    /// "a.yaml:2:12", and what the file is when it is not plain YAML on disk.
    fn place(&self, file: usize, mark: Mark) -> String {
        let f = self.files.get(file);
        let name = f.map_or("", |f| f.name.as_str());
        let how = f.and_then(|f| f.read_as).map(|how| format!(" ({how})")).unwrap_or_default();
        format!("{name}:{}:{}{how}", mark.line, mark.column)
    }
}

struct Refs<'a> {
    diags: &'a mut Vec<Diagnostic>,
    /// (list, id) of items an error kept from being read.
    not_read: &'a HashSet<(String, String)>,
    /// Whether the bundled timelines are part of this load; if not, a name
    /// they declare is pointed out.
    builtin: bool,
}

/// Whether the bundled timelines declare this country, actor or event.
fn in_bundled(kind: &str, id: &str) -> bool {
    static BUNDLED: OnceLock<Timeline> = OnceLock::new();
    let tl = BUNDLED.get_or_init(|| super::load_bundled().timeline);
    match kind {
        "country" => tl.country(id).is_some(),
        "actor" => tl.actor(id).is_some(),
        "event" => tl.event_index(id).is_some(),
        _ => false,
    }
}

impl Refs<'_> {
    fn check(
        &mut self,
        known: &HashSet<&str, Fast>,
        id: &str,
        kind: &str,
        what: &str,
        file: usize,
        mark: Mark,
    ) -> bool {
        if known.contains(id) {
            return true;
        }
        let list = if kind == "country" { "countries".to_string() } else { format!("{kind}s") };
        // Written, but kept from being read by an error reported there: the
        // event naming it stays, as one naming a broken event does.
        if self.not_read.contains(&(list, id.to_string())) {
            return true;
        }
        let declared = sample_list(known.iter().copied());
        // Two-letter codes are all one letter apart: a guess would mislead.
        let help = if !self.builtin && in_bundled(kind, id) {
            Some(format!(
                "the built-in timeline has {kind} `{id}`: add --with-builtin to load it with these files"
            ))
        } else {
            (kind != "country")
                .then(|| did_you_mean(id, known.iter().copied()))
                .flatten()
                .map(|s| format!("did you mean `{s}`?"))
        };
        self.diags.push(
            Diagnostic::error(
                file,
                Some(mark),
                format!("unknown {kind} `{id}` in {what} (declared: {declared})"),
            )
            .with_help(help),
        );
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, PartialDate};

    fn event(id: &str, year: i32) -> Event {
        Event::new(id, PartialDate::year(year), id)
    }

    #[test]
    fn events_are_put_in_date_order_keeping_the_order_of_equal_dates() {
        // Cycles of every length, fixed points and ties, against a stable sort.
        let mut years: Vec<i32> = Vec::new();
        let mut seed = 7u32;
        for _ in 0..500 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            years.push(1800 + (seed >> 16) as i32 % 40);
        }
        for n in [0, 1, 2, 3, 10, 500] {
            let events: Vec<Event> =
                years[..n].iter().enumerate().map(|(i, &y)| event(&format!("e{i}"), y)).collect();
            let mut want = events.clone();
            want.sort_by_key(|e| e.date);
            let ids = |v: &[Event]| v.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&in_date_order(events)), ids(&want), "{n} events");
        }
        let sorted: Vec<Event> = (0..5).map(|i| event(&format!("s{i}"), 1900 + i)).collect();
        assert_eq!(in_date_order(sorted.clone()).len(), sorted.len());
    }
}
