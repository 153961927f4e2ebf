//! The about and statistics pages' keys: scroll, close; on the statistics
//! page, move through the period × member table and filter to a row or cell.

use super::scrolled;
use crate::query::stats::Period;
use crate::tui::action::Action;
use crate::tui::pages::reader::{SPLIT_FIRST_LINE, page_area};
use crate::tui::pages::reader_max_scroll;
use crate::tui::state::axis::LaneMode;
use crate::tui::state::{App, Overlay, StatsTable};

impl App {
    pub(super) fn reader_action(&mut self, action: Action) {
        if let Some(Overlay::Stats { table, .. }) = self.overlays.top_mut() {
            let rows = table.split.rows.len();
            let columns = table.split.columns.len();
            match action {
                Action::Up if table.row > 0 => {
                    table.row -= 1;
                    return self.show_stats_row();
                }
                Action::Down if table.row + 1 < rows => {
                    table.row += 1;
                    return self.show_stats_row();
                }
                Action::Left => {
                    table.cell = table.cell.and_then(|c| c.checked_sub(1));
                    return;
                }
                Action::Right if columns > 0 => {
                    table.cell = Some(table.cell.map_or(0, |c| (c + 1).min(columns - 1)));
                    return;
                }
                Action::CycleLanes => {
                    let mode = match table.mode.next(self.data.query.timeline()) {
                        LaneMode::Packed => LaneMode::Country,
                        m => m,
                    };
                    let by = table.split.by;
                    return self.set_stats_table(mode, by);
                }
                Action::CyclePeriod => {
                    let by = match table.split.by {
                        Period::Year => Period::Decade,
                        Period::Decade => Period::Year,
                    };
                    let mode = table.mode;
                    return self.set_stats_table(mode, by);
                }
                Action::Activate => return self.filter_to_stats_cell(),
                _ => {}
            }
        }
        if action == Action::Back {
            self.overlays.pop();
        } else if let Some(delta) = self.distance(action) {
            self.scroll_reader(delta);
        }
    }

    pub(super) fn scroll_reader(&mut self, delta: isize) {
        let max = reader_max_scroll(self);
        if let Some(Overlay::About { scroll } | Overlay::Stats { scroll, .. }) =
            self.overlays.top_mut()
        {
            *scroll = scrolled(*scroll, delta, max);
        }
    }

    /// `i`: what is loaded: title, description, files, counts, eras, tours.
    pub(super) fn open_about(&mut self) {
        self.overlays.push(Overlay::About { scroll: 0 });
    }

    /// `S`: the frequency tables of the shown events, as `steppe stats` gives
    /// them, under a period × member table: by the time axis's lanes, else
    /// the timeline's first lane set, else by country.
    pub(super) fn open_stats(&mut self) {
        let stats = Box::new(self.data.query.stats(self.shown.events()));
        let tl = self.data.query.timeline();
        let mode = match self.axis.lanes {
            LaneMode::Packed if !tl.lanes.is_empty() => LaneMode::Set(0),
            LaneMode::Packed => LaneMode::Country,
            m => m,
        };
        let years = match (self.shown.events().first(), self.shown.events().last()) {
            (Some(&a), Some(&b)) => self.data.query.start_year(b) - self.data.query.start_year(a),
            _ => 0,
        };
        let by = if years > 40 { Period::Decade } else { Period::Year };
        let table = Box::new(self.stats_table(mode, by));
        self.overlays.push(Overlay::Stats { stats, scroll: 0, table });
    }

    /// The table for `mode` and `by`, its cursor on the first row.
    pub(super) fn stats_table(&self, mode: LaneMode, by: Period) -> StatsTable {
        let q = &self.data.query;
        let columns = mode
            .split(q.timeline())
            .and_then(|s| q.columns(&s, self.shown.events()).ok())
            .unwrap_or_default();
        StatsTable {
            split: q.split_table(self.shown.events(), by, columns),
            mode,
            row: 0,
            cell: None,
        }
    }

    fn set_stats_table(&mut self, mode: LaneMode, by: Period) {
        let new = self.stats_table(mode, by);
        if let Some(Overlay::Stats { table, scroll, .. }) = self.overlays.top_mut() {
            **table = new;
            *scroll = 0;
        }
    }

    /// Scrolls the page so that the table's row is on it.
    fn show_stats_row(&mut self) {
        let inner = page_area(ratatui::layout::Rect::new(0, 0, self.width, self.height));
        let height = inner.height.saturating_sub(2).max(1);
        if let Some(Overlay::Stats { table, scroll, .. }) = self.overlays.top_mut() {
            let line = SPLIT_FIRST_LINE + u16::try_from(table.row).unwrap_or(u16::MAX);
            if line < *scroll || table.row == 0 {
                *scroll = if table.row == 0 { 0 } else { line };
            } else if line >= *scroll + height {
                *scroll = line + 1 - height;
            }
        }
    }

    /// `Enter`: the filter becomes the period of the row, and the cell's
    /// member if a cell is chosen; the page closes on the events.
    fn filter_to_stats_cell(&mut self) {
        let Some(Overlay::Stats { table, .. }) = self.overlays.top() else { return };
        let Some(filter) = table.split.filter(&self.data.query, table.row, table.cell) else {
            return;
        };
        self.overlays.pop();
        self.shown.filter = filter;
        self.refilter_by_hand();
    }
}
