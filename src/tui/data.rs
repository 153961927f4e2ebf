//! The data behind the explorer, made ready away from the loop (in the
//! loader's thread): the query layer's indexes, and per country and actor
//! their number of events and first and last one, so no frame scans them.

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

#[derive(Debug, Clone, Default)]
pub struct Spans {
    /// One per `Timeline::countries`.
    pub countries: Vec<Reach>,
    /// One per `Timeline::actors`.
    pub actors: Vec<Reach>,
    /// The longest event, in years (see [`crate::tui::state::axis::extent`]): how
    /// far back the time axis looks for ranges reaching into its window.
    pub longest: f64,
}

impl Spans {
    pub fn new(tl: &Timeline) -> Spans {
        use std::collections::HashMap;
        let country: HashMap<&str, usize> =
            tl.countries.iter().enumerate().map(|(i, c)| (c.code.as_str(), i)).collect();
        let actor: HashMap<&str, usize> =
            tl.actors.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
        let mut spans = Spans {
            countries: vec![Reach::default(); tl.countries.len()],
            actors: vec![Reach::default(); tl.actors.len()],
            longest: 0.0,
        };
        for (i, e) in tl.events.iter().enumerate() {
            let (start, end) = crate::tui::state::axis::extent(tl, i);
            spans.longest = spans.longest.max(end - start);
            for c in &e.countries {
                if let Some(&k) = country.get(c.as_str()) {
                    spans.countries[k].add(i);
                }
            }
            // An actor listed twice in one event counts once.
            let mut seen: Vec<usize> =
                e.actors.iter().filter_map(|p| actor.get(p.id.as_str()).copied()).collect();
            seen.sort_unstable();
            seen.dedup();
            for k in seen {
                spans.actors[k].add(i);
            }
        }
        spans
    }
}

/// A timeline ready to show, with what the loader had to say about it.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub query: Query,
    pub spans: Spans,
    pub report: Report,
}

impl Prepared {
    pub fn new(query: Query, report: Report) -> Prepared {
        // Here, on the loading thread, so that the first search keystroke does not wait.
        query.prepare_search();
        let spans = Spans::new(query.timeline());
        Prepared { query, spans, report }
    }
}
