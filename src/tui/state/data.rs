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
    fn add(&mut self, event: usize) {
        self.total += 1;
        self.first = Some(self.first.map_or(event, |f| f.min(event)));
        self.last = Some(self.last.map_or(event, |l| l.max(event)));
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
    pub fn new(tl: &Timeline) -> Reaches {
        use std::collections::HashMap;
        let country: HashMap<&str, usize> =
            tl.countries.iter().enumerate().map(|(i, c)| (c.code.as_str(), i)).collect();
        let actor: HashMap<&str, usize> =
            tl.actors.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
        let mut reaches = Reaches {
            countries: vec![Reach::default(); tl.countries.len()],
            actors: vec![Reach::default(); tl.actors.len()],
            longest: 0.0,
        };
        for (i, e) in tl.events.iter().enumerate() {
            let (start, end) = crate::tui::layout::axis::extent(tl, i);
            reaches.longest = reaches.longest.max(end - start);
            for c in &e.countries {
                if let Some(&k) = country.get(c.as_str()) {
                    reaches.countries[k].add(i);
                }
            }
            // An actor listed twice in one event counts once.
            let mut seen: Vec<usize> =
                e.actors.iter().filter_map(|p| actor.get(p.id.as_str()).copied()).collect();
            seen.sort_unstable();
            seen.dedup();
            for k in seen {
                reaches.actors[k].add(i);
            }
        }
        reaches
    }
}

/// A timeline ready to show, with what the loader had to say about it.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub query: Query,
    pub reaches: Reaches,
    pub report: Report,
}

impl Prepared {
    pub fn new(query: Query, report: Report) -> Prepared {
        // Here, on the loading thread, so that the first search keystroke does not wait.
        query.prepare_search();
        let reaches = Reaches::new(query.timeline());
        Prepared { query, reaches, report }
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
