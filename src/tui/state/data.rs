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

/// The reach of every country and actor, and how long the longest event is.
#[derive(Debug, Clone, Default)]
pub struct Reaches {
    /// One per `Timeline::countries`.
    pub countries: Vec<Reach>,
    /// One per `Timeline::actors`.
    pub actors: Vec<Reach>,
    /// The longest event, in years (see [`crate::tui::layout::axis::extent`]): how
    /// far back the time axis looks for ranges reaching into its window.
    pub longest: f64,
}

impl Reaches {
    /// Read from the query layer's lists of events per country and actor
    /// (an event that names one twice counts once).
    pub fn new(query: &Query) -> Reaches {
        use rayon::prelude::*;
        let tl = query.timeline();
        let longest = (0..tl.events.len())
            .into_par_iter()
            .with_min_len(1 << 14)
            .map(|i| {
                let (start, end) = crate::tui::layout::axis::extent(tl, i);
                end - start
            })
            .reduce(|| 0.0, f64::max);
        Reaches {
            countries: (0..tl.countries.len())
                .map(|k| Reach::of(query.events_of_country(k)))
                .collect(),
            actors: (0..tl.actors.len()).map(|k| Reach::of(query.events_of_actor(k))).collect(),
            longest,
        }
    }
}

/// A timeline ready to show, with what the loader had to say about it.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub query: Arc<Query>,
    pub reaches: Reaches,
    pub report: Report,
}

impl Prepared {
    /// The text is folded for search later (see [`crate::tui::sources::loader`]).
    pub fn new(query: Query, report: Report) -> Prepared {
        let reaches = Reaches::new(&query);
        Prepared { query: Arc::new(query), reaches, report }
    }
}

/// The data on screen: the query layer over the loaded timelines, and the
/// reach of each country and actor.
#[derive(Debug, Clone)]
pub struct Data {
    pub query: Arc<Query>,
    pub reaches: Reaches,
}

impl Default for Data {
    fn default() -> Self {
        Data { query: Arc::new(Query::new(Timeline::default())), reaches: Reaches::default() }
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
        let query = Query::new(tl);
        let reaches = Reaches::new(&query);
        let tl = query.timeline();
        let count = |has: &dyn Fn(&crate::model::Event) -> bool| {
            let at: Vec<usize> = (0..tl.events.len()).filter(|&i| has(&tl.events[i])).collect();
            Reach { total: at.len(), first: at.first().copied(), last: at.last().copied() }
        };
        assert_eq!(reaches.countries.len(), tl.countries.len());
        for (c, reach) in tl.countries.iter().zip(&reaches.countries) {
            assert_eq!(*reach, count(&|e| e.countries.contains(&c.code)), "{}", c.code);
        }
        assert_eq!(reaches.actors.len(), tl.actors.len());
        for (a, reach) in tl.actors.iter().zip(&reaches.actors) {
            assert_eq!(*reach, count(&|e| e.actors.iter().any(|p| p.id == a.id)), "{}", a.id);
        }
        assert!(
            reaches.countries.iter().any(|r| r.total > 1),
            "the bundled timelines share countries"
        );
        // The longest event spans years, not a day.
        let longest = (0..tl.events.len())
            .map(|i| {
                let (start, end) = crate::tui::layout::axis::extent(tl, i);
                end - start
            })
            .fold(0.0, f64::max);
        assert_eq!(reaches.longest, longest);
        assert!(longest > 1.0, "{longest}");
    }
}
