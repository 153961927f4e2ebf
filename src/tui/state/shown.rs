//! What the filter shows and which of it is selected. The filter's result
//! ([`Filtered`]) is kept whole as the query layer computed it; a big
//! timeline's filter runs in the filter worker, and the last result stays
//! until the newer one arrives.

use crate::query::Filter;
use crate::tui::filtering::{Filtered, Row, row_of};

/// From this many events on, filters run in the filter worker.
pub const BACKGROUND_FROM: usize = 20_000;

#[derive(Debug, Clone)]
pub struct Shown {
    pub filter: Filter,
    /// The events the filter lets through, with their rows and counts.
    pub filtered: Filtered,
    /// Position in `filtered.shown` of the selected event.
    pub selected: usize,
    /// The number of the newest filter asked for: a result with another is stale.
    pub generation: u64,
    /// A filter is being computed away from the loop; the last one shows.
    pub pending: bool,
    /// From this many events on, filters go to the filter worker.
    pub background_from: usize,
}

impl Default for Shown {
    fn default() -> Self {
        Shown {
            filter: Filter::default(),
            filtered: Filtered { year_width: 4, ..Filtered::default() },
            selected: 0,
            generation: 0,
            pending: false,
            background_from: usize::MAX,
        }
    }
}

impl Shown {
    /// Positions in `Timeline::events` that pass the filter, in order.
    pub fn events(&self) -> &[usize] {
        &self.filtered.shown
    }

    /// The position in `Timeline::events` of the selected event.
    pub fn selected_event(&self) -> Option<usize> {
        self.filtered.shown.get(self.selected).copied()
    }

    /// The row of the selected event in the timeline pane.
    pub fn selected_row(&self) -> usize {
        row_of(&self.filtered.rows, self.selected)
    }

    pub fn rows(&self) -> &[Row] {
        &self.filtered.rows
    }

    /// Keeps the selection on a shown event.
    pub fn clamp(&mut self) {
        self.selected = self.selected.min(self.filtered.shown.len().saturating_sub(1));
    }

    /// Moves the selection by `delta`, within the shown events.
    pub fn step(&mut self, delta: isize) {
        if let Some(last) = self.filtered.shown.len().checked_sub(1) {
            self.selected = self.selected.saturating_add_signed(delta).min(last);
        }
    }

    /// The position in `shown` of event `i`, or of the first shown after it.
    pub fn position_of(&self, i: usize) -> usize {
        // `shown` is in timeline order.
        self.filtered.shown.partition_point(|&e| e < i)
    }
}
