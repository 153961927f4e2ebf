//! What a filter shows, computed in one go from the query layer: the events,
//! the facet counts, the timeline's rows. Pure, so it runs in the loop for
//! small timelines and in the filter worker for big ones, where a newer
//! request supersedes an older one and typing never waits.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::model::PartialDate;
use crate::query::{Filter, Hits, Query};

/// A line of the timeline pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// An era begins: index into `Timeline::eras`.
    Era(usize),
    /// Position in `App::shown`.
    Event(usize),
}

/// A filter to run away from the loop; `generation` tells a stale answer.
#[derive(Debug, Clone)]
pub struct FilterRequest {
    pub generation: u64,
    pub query: Arc<Query>,
    pub filter: Filter,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filtered {
    pub generation: u64,
    /// Positions in `timeline.events` that pass the filter, in order.
    pub shown: Vec<usize>,
    pub rows: Vec<Row>,
    pub country_counts: Vec<usize>,
    pub actor_counts: Vec<usize>,
    /// Events per year.
    pub per_year: BTreeMap<i32, usize>,
    /// The widest year label among the shown events.
    pub year_width: usize,
}

/// What `filter` shows; `hits` is the search of `filter.search` if it has
/// been run already (see [`Query::search`]).
pub fn compute(query: &Query, filter: &Filter, generation: u64, hits: Option<&Hits>) -> Filtered {
    let outcome = query.outcome(filter, hits);
    let shown = outcome.shown;
    let mut per_year = BTreeMap::new();
    // Shown events come in date order: count runs of a year, not each event.
    let mut run: Option<(i32, usize)> = None;
    for &i in &shown {
        let year = query.start_year(i);
        match &mut run {
            Some((y, n)) if *y == year => *n += 1,
            _ => {
                if let Some((y, n)) = run.replace((year, 1)) {
                    *per_year.entry(y).or_default() += n;
                }
            }
        }
    }
    if let Some((y, n)) = run {
        *per_year.entry(y).or_default() += n;
    }
    // Labels only grow with the number of digits: the extremes are enough.
    let year_width = [per_year.keys().next(), per_year.keys().next_back()]
        .into_iter()
        .flatten()
        .map(|&y| crate::text::width(&PartialDate::year_label(y)))
        .max()
        .unwrap_or(4);
    Filtered {
        generation,
        rows: build_rows(query, &shown),
        country_counts: outcome.country_counts,
        actor_counts: outcome.actor_counts,
        shown,
        per_year,
        year_width,
    }
}

fn build_rows(query: &Query, shown: &[usize]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(shown.len() + query.timeline().eras.len());
    let mut era: Option<usize> = None;
    for (pos, &i) in shown.iter().enumerate() {
        let this = query.era_of(i);
        if let Some(t) = this
            && this != era
        {
            rows.push(Row::Era(t));
        }
        era = this;
        rows.push(Row::Event(pos));
    }
    rows
}

/// The row of the event at `pos` in `shown`: rows are in order, with each
/// era row just before an event row, so a binary search finds it.
pub fn row_of(rows: &[Row], pos: usize) -> usize {
    let key = |r: usize| match rows[r] {
        Row::Event(p) => 2 * p + 1,
        // An era row sorts just before the event that follows it.
        Row::Era(_) => match rows.get(r + 1) {
            Some(Row::Event(p)) => 2 * p,
            _ => usize::MAX,
        },
    };
    let mut lo = 0;
    let mut hi = rows.len();
    while lo < hi {
        let mid = (lo + hi) / 2;
        if key(mid) < 2 * pos + 1 { lo = mid + 1 } else { hi = mid }
    }
    if lo < rows.len() && rows[lo] == Row::Event(pos) { lo } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_row_of_an_event_is_found_among_era_rows() {
        let rows = [Row::Era(0), Row::Event(0), Row::Event(1), Row::Era(1), Row::Event(2)];
        assert_eq!(row_of(&rows, 0), 1);
        assert_eq!(row_of(&rows, 1), 2);
        assert_eq!(row_of(&rows, 2), 4);
        assert_eq!(row_of(&rows, 3), 0, "an event not shown");
        assert_eq!(row_of(&[], 0), 0);
    }
}
