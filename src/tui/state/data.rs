//! The data behind the explorer, made ready away from the loop (in the
//! loader's thread): the query layer's indexes, and per country and actor
//! their number of events and first and last one, so no frame scans them.

use std::sync::Arc;

use crate::load::Report;
use crate::model::Timeline;
use crate::query::Query;

/// How many events involve a country or actor, and the first and last of them
/// (positions in `Timeline::events`, which is in date order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reach {
    pub total: usize,
    pub first: Option<usize>,
    pub last: Option<usize>,
}

impl Reach {
    /// The reach of these events, in order.
    fn of(events: &[u32]) -> Reach {
        let at = |e: Option<&u32>| e.map(|&e| e as usize);
        Reach { total: events.len(), first: at(events.first()), last: at(events.last()) }
    }
}

/// How long the longest event is, in years (see
/// [`crate::tui::layout::axis::extent`]): how far back the time axis looks
/// for ranges reaching into its window.
fn longest(tl: &Timeline) -> f64 {
    use rayon::prelude::*;
    (0..tl.events.len())
        .into_par_iter()
        .with_min_len(1 << 14)
        .map(|i| {
            let (start, end) = crate::tui::layout::axis::extent(tl, i);
            end - start
        })
        .reduce(|| 0.0, f64::max)
}

/// A timeline ready to show, with what the loader had to say about it.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub query: Arc<Query>,
    pub longest: f64,
    pub report: Report,
}

impl Prepared {
    /// The text is folded for search later (see [`crate::tui::sources::loader`]).
    pub fn new(query: Query, report: Report) -> Prepared {
        let longest = longest(query.timeline());
        Prepared { query: Arc::new(query), longest, report }
    }
}

/// The data on screen: the query layer over the loaded timelines, and how
/// long its longest event is.
#[derive(Debug, Clone)]
pub struct Data {
    pub query: Arc<Query>,
    pub longest: f64,
}

impl Data {
    /// The reach of country `k` (a position in the timeline's countries),
    /// read from the query layer's list of its events (an event that names
    /// it twice counts once).
    pub fn country_reach(&self, k: usize) -> Reach {
        Reach::of(self.query.events_of_country(k))
    }

    /// The reach of actor `k`, as [`Data::country_reach`].
    pub fn actor_reach(&self, k: usize) -> Reach {
        Reach::of(self.query.events_of_actor(k))
    }
}

impl Default for Data {
    fn default() -> Self {
        Data { query: Arc::new(Query::new(Timeline::default())), longest: 0.0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Participant;

    #[test]
    fn reaches_count_each_countrys_and_actors_events_and_find_the_first_and_last() {
        let mut tl = crate::load::load_bundled().timeline;
        // An actor named twice in one event counts once.
        if let Some(e) = tl.events.get_mut(3)
            && let Some(first) = e.actors.first().cloned()
        {
            e.actors.push(Participant { id: first.id, role: None });
        }
        let prepared = Prepared::new(Query::new(tl), Report::default());
        let data = Data { query: prepared.query, longest: prepared.longest };
        let tl = data.query.timeline();
        let count = |has: &dyn Fn(&crate::model::Event) -> bool| {
            let at: Vec<usize> = (0..tl.events.len()).filter(|&i| has(&tl.events[i])).collect();
            Reach { total: at.len(), first: at.first().copied(), last: at.last().copied() }
        };
        for (k, c) in tl.countries.iter().enumerate() {
            assert_eq!(
                data.country_reach(k),
                count(&|e| e.countries.contains(&c.code)),
                "{}",
                c.code
            );
        }
        for (k, a) in tl.actors.iter().enumerate() {
            assert_eq!(
                data.actor_reach(k),
                count(&|e| e.actors.iter().any(|p| p.id == a.id)),
                "{}",
                a.id
            );
        }
        // Past the lists, nothing.
        assert_eq!(data.country_reach(tl.countries.len()), Reach::default());
        assert_eq!(data.actor_reach(tl.actors.len()), Reach::default());
        assert!(
            (0..tl.countries.len()).any(|k| data.country_reach(k).total > 1),
            "the bundled timelines share countries"
        );
        // The longest event spans years, not a day.
        let longest = (0..tl.events.len())
            .map(|i| {
                let (start, end) = crate::tui::layout::axis::extent(tl, i);
                end - start
            })
            .fold(0.0, f64::max);
        assert_eq!(data.longest, longest);
        assert!(longest > 1.0, "{longest}");
    }
}
