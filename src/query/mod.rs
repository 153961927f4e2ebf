//! The one place that answers "which events?" and "how many per country or
//! actor?", for the CLI and the TUI alike.
//!
//! [`Query::new`] indexes a timeline once: posting lists per country, actor,
//! tag and era, each event's span as a comparable day and link maps; every
//! event's text is folded for search on the first search. Filters ([`Filter`], with an optional
//! `--where` expression parsed by [`parse`]) are then answered with bit sets
//! over the events instead of a scan of the data.

mod eval;
mod expr;
mod filter;
pub mod fold;
pub mod lanes;
mod lists;
mod parse;
mod resolve;
mod search;
pub mod stats;

use std::sync::OnceLock;

use fixedbitset::FixedBitSet;
use hashbrown::{HashMap, HashSet};
use rayon::prelude::*;

pub use eval::Outcome;
pub use expr::{Where, WhereError};
pub use filter::{Filter, Sort};
pub use fold::{fold, match_ranges};
pub use lanes::{Column, Split};
pub use parse::parse;
pub use resolve::FilterError;
pub use search::Hits;
pub use stats::Stats;

use crate::model::Timeline;
use lists::Lists;
use search::TextIndex;

/// A day as one comparable number: year, month and day packed in order.
pub(crate) type Day = i32;

pub(crate) fn day((year, month, day): (i32, u8, u8)) -> Day {
    year * 512 + i32::from(month) * 32 + i32::from(day)
}

/// Events indexed by one task in [`Query::new`].
const ROWS_AT_ONCE: usize = 1 << 14;

/// What [`Query::new`] makes of each event, for a run of events.
struct Rows {
    countries: Lists,
    actors: Lists,
    tags: Lists,
    links: Lists,
    era: Vec<u32>,
    first: Vec<Day>,
    last: Vec<Day>,
}

impl Rows {
    fn with_capacity(n: usize) -> Rows {
        Rows {
            countries: Lists::with_capacity(n),
            actors: Lists::with_capacity(n),
            tags: Lists::with_capacity(n),
            links: Lists::with_capacity(n),
            era: Vec::with_capacity(n),
            first: Vec::with_capacity(n),
            last: Vec::with_capacity(n),
        }
    }

    /// `other`'s rows after these.
    fn append(&mut self, other: Rows) {
        self.countries.append(&other.countries);
        self.actors.append(&other.actors);
        self.tags.append(&other.tags);
        self.links.append(&other.links);
        self.era.extend(other.era);
        self.first.extend(other.first);
        self.last.extend(other.last);
    }
}

/// A timeline with the indexes that make filtering and counting cheap.
#[derive(Debug, Clone)]
pub struct Query {
    timeline: Timeline,
    /// Every tag used by an event, sorted.
    tags: Vec<String>,
    country_pos: HashMap<String, u32>,
    actor_pos: HashMap<String, u32>,
    tag_pos: HashMap<String, u32>,
    /// Per event: positions in `timeline.countries`, `timeline.actors`, `tags`.
    event_countries: Lists,
    event_actors: Lists,
    event_tags: Lists,
    /// Per country, actor, tag, era: the events, in order.
    country_events: Lists,
    actor_events: Lists,
    tag_events: Lists,
    era_events: Lists,
    /// Per event: the era the timeline shows it under (`u32::MAX`: none).
    event_era: Vec<u32>,
    /// Per event: the events it names as related, and those that name it.
    links_to: Lists,
    linked_from: Lists,
    /// Per event: first and last day it covers.
    first: Vec<Day>,
    last: Vec<Day>,
    /// Built on the first search: a listing without one never folds the text.
    text: OnceLock<TextIndex>,
    /// Asked one question (the command line): a search looks through each
    /// event's text as it folds it, and keeps no index for a next one.
    asked_once: bool,
    /// Whether a search has been made without the index.
    searched: OnceLock<()>,
    /// Every attribute's name, sorted: made when first asked for.
    attribute_names: OnceLock<Vec<String>>,
}

impl Query {
    pub fn new(timeline: Timeline) -> Self {
        let n = timeline.events.len();
        let country_pos: HashMap<String, u32> =
            timeline.countries.iter().zip(0..).map(|(c, i)| (c.code.clone(), i)).collect();
        let actor_pos: HashMap<String, u32> =
            timeline.actors.iter().zip(0..).map(|(a, i)| (a.id.clone(), i)).collect();
        let tags: HashSet<&str> = timeline
            .events
            .par_chunks(ROWS_AT_ONCE)
            .map(|chunk| chunk.iter().flat_map(|e| e.tags.iter().map(String::as_str)).collect())
            .reduce(HashSet::new, |mut a: HashSet<&str>, b| {
                a.extend(b);
                a
            });
        let mut tags: Vec<String> = tags.into_iter().map(str::to_string).collect();
        tags.sort_unstable();
        let tag_pos: HashMap<String, u32> = tags.iter().cloned().zip(0..).collect();
        let era_index: HashMap<usize, u32> = timeline
            .eras
            .iter()
            .zip(0..)
            .map(|(e, i)| (e as *const crate::model::Era as usize, i))
            .collect();
        // Events are looked up by id from every core: the table is made once, first.
        let _ = timeline.event_index("");
        let row = |e: &crate::model::Event, r: &mut Rows| {
            r.countries.push_unique(e.countries.iter().filter_map(|c| country_pos.get(c).copied()));
            r.actors.push_unique(e.actors.iter().filter_map(|a| actor_pos.get(&a.id).copied()));
            r.tags.push_unique(e.tags.iter().filter_map(|t| tag_pos.get(t).copied()));
            let related = e.related.iter().filter_map(|r| timeline.event_index(r));
            r.links.push_unique(related.map(|j| j as u32));
            let era = timeline.era_of(e).and_then(|x| era_index.get(&(x as *const _ as usize)));
            r.era.push(era.copied().unwrap_or(u32::MAX));
            let end = e.end.unwrap_or(e.date).latest().max(e.date.latest());
            r.first.push(day(e.date.earliest()));
            r.last.push(day(end));
        };
        let parts: Vec<Rows> = timeline
            .events
            .par_chunks(ROWS_AT_ONCE)
            .map(|chunk| {
                let mut r = Rows::with_capacity(chunk.len());
                crate::memory::walk_ahead(chunk.len(), |k| &chunk[k], |e| row(e, &mut r));
                r
            })
            .collect();
        let mut all = Rows::with_capacity(n);
        for part in parts {
            all.append(part);
        }
        let Rows {
            countries: event_countries,
            actors: event_actors,
            tags: event_tags,
            links: links_to,
            era: event_era,
            first,
            last,
        } = all;
        let ((country_events, actor_events), ((tag_events, era_events), linked_from)) = rayon::join(
            || {
                rayon::join(
                    || event_countries.transpose(timeline.countries.len()),
                    || event_actors.transpose(timeline.actors.len()),
                )
            },
            || {
                rayon::join(
                    || {
                        rayon::join(
                            || event_tags.transpose(tags.len()),
                            || Lists::single(&event_era, timeline.eras.len()),
                        )
                    },
                    || links_to.transpose(n),
                )
            },
        );
        Query {
            country_events,
            actor_events,
            tag_events,
            era_events,
            linked_from,
            text: OnceLock::new(),
            asked_once: false,
            searched: OnceLock::new(),
            attribute_names: OnceLock::new(),
            event_countries,
            event_tags,
            event_actors,
            links_to,
            event_era,
            first,
            last,
            tags,
            country_pos,
            actor_pos,
            tag_pos,
            timeline,
        }
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// This query for one question: its searches keep no folded text.
    pub fn asked_once(mut self) -> Self {
        self.asked_once = true;
        self
    }

    /// The folded text of every event, for search; built on first use.
    fn text(&self) -> &TextIndex {
        self.text.get_or_init(|| TextIndex::new(&self.timeline, &self.tags))
    }

    /// Folds every event's text for search now, so that the first search
    /// does not wait for it (the explorer does this on its loading thread).
    pub fn prepare_search(&self) {
        self.text();
    }

    /// Every tag used by an event, sorted.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// The name of every attribute an event has, sorted (`attr:NAME`).
    pub fn attribute_names(&self) -> &[String] {
        self.attribute_names.get_or_init(|| {
            let mut names: HashSet<&str> = HashSet::new();
            for e in &self.timeline.events {
                for (name, _) in e.attributes.iter() {
                    if !names.contains(name) {
                        names.insert(name);
                    }
                }
            }
            let mut names: Vec<String> = names.into_iter().map(str::to_string).collect();
            names.sort_unstable();
            names
        })
    }

    /// The position of the event with this id, in constant time.
    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.timeline.event_index(id)
    }

    /// The era (a position in `timeline().eras`) the timeline shows event `i` under.
    pub fn era_of(&self, i: usize) -> Option<usize> {
        self.event_era.get(i).filter(|&&e| e != u32::MAX).map(|&e| e as usize)
    }

    /// The year event `i` starts in, read from the index (no trip to the event).
    pub fn start_year(&self, i: usize) -> i32 {
        self.first.get(i).map_or(0, |d| d.div_euclid(512))
    }

    /// The events event `i` names as related, and the events that name it.
    pub fn links(&self, i: usize) -> (&[u32], &[u32]) {
        (self.links_to.get(i), self.linked_from.get(i))
    }

    /// The events that involve country `k` (a position in `timeline().countries`), in order.
    pub fn events_of_country(&self, k: usize) -> &[u32] {
        self.country_events.get(k)
    }

    /// The events actor `k` (a position in `timeline().actors`) took part in, in order.
    pub fn events_of_actor(&self, k: usize) -> &[u32] {
        self.actor_events.get(k)
    }

    /// How many events involve each country, with no filter.
    pub fn country_totals(&self) -> Vec<usize> {
        self.country_events.lengths()
    }

    /// How many events each actor took part in, with no filter.
    pub fn actor_totals(&self) -> Vec<usize> {
        self.actor_events.lengths()
    }

    /// Does event `i` contain the text, folded (case, accents and width ignored)?
    pub fn event_contains(&self, i: usize, text: &str) -> bool {
        let needle = fold(text.trim());
        i < self.timeline.events.len() && self.text_matches(i, &needle)
    }

    fn all(&self) -> FixedBitSet {
        let mut set = FixedBitSet::with_capacity(self.timeline.events.len());
        set.insert_range(..);
        set
    }

    fn none(&self) -> FixedBitSet {
        FixedBitSet::with_capacity(self.timeline.events.len())
    }
}
