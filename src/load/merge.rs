//! Merges the contents of all files into one timeline: duplicate definitions,
//! references that name nothing, and the warnings that do not stop a load.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use rayon::prelude::*;

/// A faster hash than the standard one for the many short ids of a large timeline.
pub type Fast = hashbrown::DefaultHashBuilder;

use super::Prefer;
use super::diagnostic::Mark;
use super::diagnostic::{Diagnostic, SourceFile, did_you_mean, sample_list};
use super::schema::{ActorDef, EventDef, FileContent, LaneSetDef, Located, TourDef};
use crate::model::{Event, Lane, LaneSet, Member, PartialDate, Timeline};

/// Where one event came from: its file, and its place among the file's events.
pub type Source = (u32, u32);

/// The timeline made of `contents`, and where each of its events came from.
pub fn merge(
    contents: Vec<FileContent>,
    files: &[SourceFile],
    prefer: Prefer,
    builtin: bool,
    diags: &mut Vec<Diagnostic>,
) -> (Timeline, Vec<Source>) {
    let mut tl =
        Timeline { files: files.iter().map(|f| f.name.clone()).collect(), ..Timeline::default() };
    let mut countries: Vec<Located<_>> = Vec::new();
    let mut actors: Vec<ActorDef> = Vec::new();
    let mut eras: Vec<Located<_>> = Vec::new();
    let mut per_file: Vec<(usize, Vec<EventDef>)> = Vec::with_capacity(contents.len());
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
        per_file.push((file, content.events));
        tours.extend(content.tours.into_iter().map(|t| (file, t)));
        lanes.extend(content.lanes);
        tl.translations.extend(content.translations);
        not_read.extend(content.not_read);
    }

    let events = concatenate(per_file);
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
    let (mut events, broken) = dup.sort_out(events);
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
    // Only an event's related list and a tour name events: a million imported
    // events that name none need no set of their ids.
    let names_events = !tours.is_empty()
        || !differing_tours.is_empty()
        || events.iter().chain(&broken).any(|(_, e)| !e.event.related.is_empty());
    let event_ids: HashSet<&str, Fast> = if names_events {
        let ids = events.iter().chain(&broken).map(|(_, e)| e.event.id.as_str());
        ids.filter(|id| !id.is_empty()).collect()
    } else {
        HashSet::default()
    };
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
    // Events that name something undeclared: left out like any event with an error.
    let known = Known { countries: &country_codes, actors: &actor_ids, events: &event_ids };
    let (unresolved, used_actors) = check_all(&events, &broken, &known, &mut refs);
    // The quotes of each event a tour step names, found without a scan per step.
    let quote_counts: HashMap<&str, usize, Fast> = if tours.is_empty() && differing_tours.is_empty()
    {
        HashMap::default()
    } else {
        let mut counts = HashMap::default();
        for (id, n) in quote_counts(&events) {
            counts.entry(id).or_insert(n);
        }
        counts
    };
    for (file, def) in tours.iter().chain(&differing_tours) {
        let steps = &def.tour.steps;
        // Each event is looked up once, however many steps name it, and a
        // step's words are made only for a message.
        let found: Vec<(bool, Option<usize>)> = steps
            .events()
            .iter()
            .map(|id| (event_ids.contains(id.as_str()), quote_counts.get(id.as_str()).copied()))
            .collect();
        let named = steps.iter().zip(steps.event_positions()).zip(def.steps.iter());
        for (i, ((step, e), mark)) in named.enumerate() {
            let Some(&(known, quotes)) = found.get(e) else { continue };
            let what = || format!("step {} of tour `{}`", def.steps.written(i) + 1, def.tour.id);
            if !known {
                refs.check(&event_ids, step.event, "event", &what(), *file, mark);
            }
            // An event not read, or read with errors, has its own error already.
            let Some(quotes) = quotes else { continue };
            if let Some(n) = step.quote().filter(|&n| n >= quotes) {
                refs.diags.push(Diagnostic::error(
                    *file,
                    Some(mark),
                    format!(
                        "{} shows quote {} of event `{}`, which has {}",
                        what(),
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
    let (events, sources) = in_date_order(events);
    tl.events = events;
    tl.tours = tours.into_iter().map(|(_, t)| t.tour).collect();
    (tl, sources)
}

/// Events, each with its file.
type Tagged = Vec<(usize, EventDef)>;

/// Events checked at once by one core.
const CHUNK: usize = 16_384;

impl Duplicates<'_> {
    /// The checks of events that need no other kind of thing: broken events
    /// (still to have their references checked, then dropped) are taken
    /// apart, and an id defined twice is reported. The events kept, and the
    /// broken ones.
    fn sort_out(&mut self, mut events: Tagged) -> (Tagged, Tagged) {
        let mut broken: Vec<_> = events.extract_if(.., |(_, e)| !e.complete).collect();
        same_id_in_one_file(&events, &broken, self.files, self.diags);
        let (events, differing) = self.dedup(
            events,
            "event",
            |e| &e.1.event.id,
            |e| (e.0, e.1.mark),
            |a, b| a.1.event.same_definition(&b.1.event),
        );
        // A second, different definition is reported as such, and nothing more.
        broken.extend(differing.into_iter().map(|(f, e)| (f, EventDef { complete: false, ..e })));
        (events, broken)
    }
}

/// The references of `events` and of `broken` checked on every core: for
/// each of `events`, whether it names something undeclared, and the actors
/// they all name.
fn check_all<'a>(
    events: &'a [(usize, EventDef)],
    broken: &'a [(usize, EventDef)],
    known: &Known,
    refs: &mut Refs,
) -> (Vec<bool>, HashSet<&'a str, Fast>) {
    let (builtin, not_read) = (refs.builtin, refs.not_read);
    let checked: Vec<Checked> = events
        .par_chunks(CHUNK)
        .chain(broken.par_chunks(CHUNK))
        .map(|chunk| check_events(chunk, known, builtin, not_read))
        .collect();
    let mut used: HashSet<&str, Fast> = HashSet::default();
    let mut unresolved = Vec::with_capacity(events.len() + broken.len());
    for part in checked {
        refs.diags.extend(part.diags);
        unresolved.extend(part.unresolved);
        used.extend(part.used);
    }
    unresolved.truncate(events.len());
    (unresolved, used)
}

/// How many quotes each event has, as a tour step showing one is checked.
fn quote_counts(events: &[(usize, EventDef)]) -> impl Iterator<Item = (&str, usize)> {
    events.iter().map(|(_, e)| (e.event.id.as_str(), e.event.quotes.len()))
}

/// What is known around one file's events: every other file as the last
/// merge left it, for merging again after that file alone changed.
#[derive(Clone)]
pub struct Around<'a> {
    pub files: &'a [SourceFile],
    pub prefer: Prefer,
    pub builtin: bool,
    pub not_read: &'a HashSet<(String, String)>,
    pub countries: HashSet<&'a str, Fast>,
    pub actors: HashSet<&'a str, Fast>,
    /// The event ids the file's events may name that some file declares.
    pub events: HashSet<&'a str, Fast>,
}

/// What the merge makes of one file's events, and what other parts of a
/// merge see of them.
pub struct OneFile {
    /// The events that enter the timeline, in the merge's order before the
    /// dates are sorted, each with its place among the file's events.
    pub events: Vec<(Event, u32)>,
    /// The merge's messages about them, in the order the merge gives them.
    pub diags: Vec<Diagnostic>,
    /// The actors they name, sorted.
    pub used: Vec<String>,
    /// The tags of those kept, sorted (lane sets name them).
    pub tags: Vec<String>,
    /// How many quotes each kept event has, by id, sorted (tour steps show them).
    pub quotes: Vec<(String, usize)>,
}

/// The merge's work on the events of `file` alone, as a whole merge does it
/// when no other file has an event with any of their ids.
pub fn one_file(file: usize, defs: Vec<EventDef>, around: &Around) -> OneFile {
    let events: Vec<(usize, EventDef)> =
        defs.into_iter().zip(0..).map(|(e, at)| (file, EventDef { at, ..e })).collect();
    let mut diags = Vec::new();
    let mut dup = Duplicates { files: around.files, prefer: around.prefer, diags: &mut diags };
    let (mut events, broken) = dup.sort_out(events);
    let known =
        Known { countries: &around.countries, actors: &around.actors, events: &around.events };
    let mut refs = Refs { diags: dup.diags, builtin: around.builtin, not_read: around.not_read };
    let (unresolved, used) = check_all(&events, &broken, &known, &mut refs);
    let mut used: Vec<String> = used.into_iter().map(str::to_string).collect();
    used.sort_unstable();
    let mut tags: Vec<String> =
        events.iter().flat_map(|(_, e)| e.event.tags.iter().cloned()).collect();
    tags.sort_unstable();
    tags.dedup();
    let mut quotes: Vec<(String, usize)> =
        quote_counts(&events).map(|(id, n)| (id.to_string(), n)).collect();
    quotes.sort_unstable();
    let mut left_out = unresolved.into_iter();
    events.retain(|_| !left_out.next().unwrap_or(false));
    let events = events.into_iter().map(|(_, e)| (e.event, e.at)).collect();
    OneFile { events, diags, used, tags, quotes }
}

/// Every file's events in one list, tagged with their file, moved on all cores.
fn concatenate(per_file: Vec<(usize, Vec<EventDef>)>) -> Vec<(usize, EventDef)> {
    let total: usize = per_file.iter().map(|(_, events)| events.len()).sum();
    let mut all = Vec::with_capacity(total);
    let mut rest = &mut all.spare_capacity_mut()[..total];
    let mut parts = Vec::with_capacity(per_file.len());
    for (file, events) in per_file {
        let (part, tail) = std::mem::take(&mut rest).split_at_mut(events.len());
        rest = tail;
        parts.push((part, file, events));
    }
    parts.into_par_iter().for_each(|(part, file, events)| {
        for ((slot, mut e), at) in part.iter_mut().zip(events).zip(0..) {
            e.at = at;
            slot.write((file, e));
        }
    });
    // SAFETY: the parts cover the first `total` slots, each as long as its
    // file's events, and every slot was written.
    unsafe { all.set_len(total) };
    all
}

/// What may be named, by kind.
struct Known<'a> {
    countries: &'a HashSet<&'a str, Fast>,
    actors: &'a HashSet<&'a str, Fast>,
    events: &'a HashSet<&'a str, Fast>,
}

/// What checking some events' references found.
struct Checked<'a> {
    diags: Vec<Diagnostic>,
    /// For each event, whether it names something undeclared.
    unresolved: Vec<bool>,
    /// The actors they name.
    used: HashSet<&'a str, Fast>,
}

/// "event `id`", made only for a message.
struct EventName<'a>(&'a str);

impl std::fmt::Display for EventName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_empty() { f.write_str("an event") } else { write!(f, "event `{}`", self.0) }
    }
}

fn check_events<'a>(
    events: &'a [(usize, EventDef)],
    known: &Known,
    builtin: bool,
    not_read: &HashSet<(String, String)>,
) -> Checked<'a> {
    let mut diags = Vec::new();
    let mut refs = Refs { diags: &mut diags, builtin, not_read };
    let mut used: HashSet<&str, Fast> = HashSet::default();
    let mut unresolved = Vec::with_capacity(events.len());
    for (file, def) in events {
        let e = &def.event;
        let what = EventName(&e.id);
        let mut resolved = true;
        for (code, mark) in e.countries.iter().zip(&def.countries) {
            resolved &= refs.check(known.countries, code, "country", &what, *file, *mark);
        }
        for (p, mark) in e.actors.iter().zip(&def.actors) {
            used.insert(p.id.as_str());
            resolved &= refs.check(known.actors, &p.id, "actor", &what, *file, *mark);
        }
        // A quote's speaker is an actor's id or a plain name: an id counts as a use.
        used.extend(e.quotes.iter().map(|q| q.by.as_str()));
        for (id, mark) in e.related.iter().zip(&def.related) {
            if *id == e.id {
                refs.diags.push(Diagnostic::error(
                    *file,
                    Some(*mark),
                    format!("{what} is related to itself"),
                ));
                resolved = false;
            }
            resolved &= refs.check(known.events, id, "event", &what, *file, *mark);
        }
        unresolved.push(!resolved);
        if e.sources.is_empty() && def.complete {
            refs.diags.push(Diagnostic::warning(
                *file,
                Some(def.mark),
                format!("{what} has no sources; add at least one: a web address, or a book with its title"),
            ));
        }
    }
    Checked { diags, unresolved, used }
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

/// The events in date order, equal dates in the order given, and where
/// each came from: its file, and its place among the file's events. The
/// order is found on the dates alone, then each event is swapped into its
/// place once, in the list it came in: a second list of a million events
/// would raise the load's peak, and a sort of whole events moves each many
/// times.
fn in_date_order(events: Vec<(usize, EventDef)>) -> (Vec<Event>, Vec<Source>) {
    let mut order: Vec<(PartialDate, usize)> =
        events.iter().map(|(_, e)| e.event.date).zip(0..).collect();
    // Unstable, but the positions break ties: equal dates keep their order.
    if !order.is_sorted() {
        order.par_sort_unstable();
    }
    let sources: Vec<Source> =
        order.par_iter().map(|&(_, i)| (events[i].0 as u32, events[i].1.at)).collect();
    // Collected in place: the events' list is reused.
    let mut events: Vec<Event> = events.into_iter().map(|(_, e)| e.event).collect();
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
    (events, sources)
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
        what: &dyn std::fmt::Display,
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
    fn references_checked_in_chunks_leave_out_exactly_the_events_that_name_nothing() {
        use crate::model::{Country, Source};
        // Three chunks of events and one of broken ones: the unknown names sit on
        // each side of the chunks' edges.
        let bad = [0, CHUNK - 1, CHUNK, 2 * CHUNK - 1, 2 * CHUNK, 40_000 - 1];
        let mark = |line: usize| Mark { line, column: 3, width: 2 };
        let def = |i: usize, complete: bool| {
            let code = if bad.contains(&i) { "XX" } else { "KZ" };
            let mut event = event(&format!("e{i}"), 1800 + (i % 200) as i32);
            event.countries = vec![code.to_string()];
            event.sources = vec![Source::default()];
            let at = mark(i + 1);
            EventDef {
                event,
                complete,
                mark: at,
                countries: vec![at],
                actors: vec![],
                related: vec![],
                picture: None,
                at: 0,
            }
        };
        let kz = Country {
            code: "KZ".into(),
            name: "Kazakhstan".into(),
            aliases: vec![],
            capital: None,
            location: None,
        };
        let contents: Vec<FileContent> = (0..2)
            .map(|file| {
                let range = file * 20_000..(file + 1) * 20_000;
                let mut events: Vec<EventDef> = range.map(|i| def(i, true)).collect();
                if file == 1 {
                    let mut broken = def(39_999, false);
                    broken.event.id = "broken".into();
                    events.push(broken);
                }
                let countries = vec![Located { value: kz.clone(), file, mark: mark(1) }];
                FileContent { file, countries, events, ..FileContent::default() }
            })
            .collect();
        let files = [SourceFile::new("a.yaml", ""), SourceFile::new("b.yaml", "")];
        let ids: Vec<Vec<String>> = contents
            .iter()
            .map(|c| c.events.iter().map(|d| d.event.id.clone()).collect())
            .collect();
        let mut diags = Vec::new();
        let (tl, sources) = merge(contents, &files, Prefer::Neither, false, &mut diags);
        let kept: HashSet<&str> = tl.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(tl.events.len(), 40_000 - bad.len());
        // Each event is named by its file and its place there.
        assert_eq!(sources.len(), tl.events.len());
        for (e, &(file, at)) in tl.events.iter().zip(&sources) {
            assert_eq!(ids[file as usize][at as usize], e.id);
        }
        for i in bad {
            assert!(!kept.contains(format!("e{i}").as_str()), "e{i} names nothing, yet was kept");
        }
        let unknown: Vec<&str> = diags
            .iter()
            .filter(|d| d.message.starts_with("unknown country `XX`"))
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(unknown.len(), bad.len() + 1, "{unknown:?}");
        assert!(unknown[0].contains("in event `e0`"), "{unknown:?}");
        assert!(unknown.last().is_some_and(|m| m.contains("in event `broken`")), "{unknown:?}");
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
        let defs = |events: &[Event]| -> Vec<(usize, EventDef)> {
            let def = |(i, event): (usize, &Event)| EventDef {
                event: event.clone(),
                complete: true,
                mark: Mark { line: i + 1, column: 1, width: 1 },
                countries: vec![Mark { line: i + 1, column: 3, width: 2 }],
                actors: vec![],
                related: vec![],
                picture: None,
                at: i as u32 * 2,
            };
            events.iter().enumerate().map(|(i, e)| (i % 3, def((i, e)))).collect()
        };
        for n in [0, 1, 2, 3, 10, 500] {
            let events: Vec<Event> =
                years[..n].iter().enumerate().map(|(i, &y)| event(&format!("e{i}"), y)).collect();
            let mut want: Vec<(usize, &Event)> = events.iter().enumerate().collect();
            want.sort_by_key(|(_, e)| e.date);
            let (ordered, sources) = in_date_order(defs(&events));
            let want_ids: Vec<&str> = want.iter().map(|(_, e)| e.id.as_str()).collect();
            assert_eq!(ids_of(&ordered), want_ids, "{n} events");
            let want_sources: Vec<Source> =
                want.iter().map(|&(i, _)| ((i % 3) as u32, i as u32 * 2)).collect();
            assert_eq!(sources, want_sources, "{n} events");
        }
        let sorted: Vec<Event> = (0..5).map(|i| event(&format!("s{i}"), 1900 + i)).collect();
        assert_eq!(ids_of(&in_date_order(defs(&sorted)).0), ids_of(&sorted));
    }

    #[test]
    fn a_tour_step_is_counted_among_all_the_steps_written_and_keeps_its_translations() {
        let text = "\
events:
  - {id: e1, date: 2001, title: One, sources: [https://example.org/1]}
tours:
  - id: t
    title: A tour
    steps:
      - event: e1
      - note: A step with no event, not read.
        translations:
          ru: {note: Не прочитан}
      - event: nowhere
      - event: e1
        quote: 3
        translations:
          ru: {note: Четвёртый}
";
        let loaded = crate::load::load_texts(vec![("t.yaml".into(), Ok(text.into()))]);
        let messages: Vec<&str> =
            loaded.report.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(messages.iter().any(|m| m.contains("step 2 of tour `t`")), "{messages:?}");
        assert!(
            messages.iter().any(|m| m.starts_with("unknown event `nowhere` in step 3 of tour `t`")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.starts_with("step 4 of tour `t` shows quote 3")),
            "{messages:?}"
        );
        // Its translations go with it, to the third step read; the second's are not kept.
        let tr = &loaded.timeline.translations;
        let note = |n| tr.get("ru", &crate::model::Field::StepNote("t".into(), n));
        assert_eq!((note(0), note(1), note(2)), (None, None, Some("Четвёртый")));
    }

    fn ids_of(events: &[Event]) -> Vec<&str> {
        events.iter().map(|e| e.id.as_str()).collect()
    }
}
