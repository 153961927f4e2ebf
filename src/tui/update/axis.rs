//! The time axis's keys and clicks: step through the events, pan, zoom,
//! open one. Where each event is drawn is [`crate::tui::layout::axis`]'s, so
//! a click finds what the view drew.

use crate::tui::action::Action;
use crate::tui::layout::axis::{extent, lanes_area, lay_out};
use crate::tui::layout::{Areas, Pane, View};
use crate::tui::state::App;
use crate::tui::state::axis::{AxisState, LEVELS, LaneMode};

impl App {
    pub(super) fn axis_action(&mut self, action: Action) {
        match action {
            Action::ZoomIn => self.axis_zoom(true),
            Action::ZoomOut => self.axis_zoom(false),
            Action::ZoomFit => {
                self.main.set(View::Panes);
                self.toggle_axis();
            }
            Action::PanLeft => self.axis_pan(-0.25),
            Action::PanRight => self.axis_pan(0.25),
            Action::CycleLanes => {
                self.axis.lanes = self.axis.lanes.next(self.data.query.timeline());
                self.axis.lane = None;
            }
            Action::Up | Action::Down if self.axis.lanes != LaneMode::Packed => {
                self.axis_choose_lane(action == Action::Down);
            }
            Action::Activate if self.axis.lane.is_some() => self.axis_filter_to_lane(),
            Action::Back if self.axis.lane.is_some() => self.axis.lane = None,
            Action::PrevEvent | Action::NextEvent => {
                self.axis.lane = None;
                self.panes_action(action);
            }
            _ => self.panes_action(action),
        }
    }

    /// `V`: the time axis, centred on the selected event, or back to the panes.
    pub(super) fn toggle_axis(&mut self) {
        if self.main.view == View::Axis {
            self.main.set(View::Panes);
            return;
        }
        let tl = self.data.query.timeline();
        // The smallest level that shows every shown event.
        let (first, last) = match (self.shown.events().first(), self.shown.events().last()) {
            (Some(&a), Some(&b)) => (extent(tl, a).0, extent(tl, b).1),
            _ => (0.0, 1.0),
        };
        let level = LEVELS.iter().rposition(|&s| s >= (last - first) * 1.05).unwrap_or(0);
        self.axis = AxisState { level, centre: (first + last) / 2.0, ..self.axis };
        self.follow_selection();
        self.main.set(View::Axis);
    }

    /// Keeps the selected event on the axis, moving the window as little as
    /// that takes.
    pub(super) fn follow_selection(&mut self) {
        let Some(i) = self.shown.selected_event() else { return };
        let (s, _) = extent(self.data.query.timeline(), i);
        let (t0, t1) = self.axis.window();
        let margin = (t1 - t0) * 0.02;
        if s < t0 + margin {
            self.axis.centre -= t0 + margin - s;
        } else if s > t1 - margin {
            self.axis.centre += s - (t1 - margin);
        }
    }

    /// Zooms the axis a level in (`+`) or out, keeping the selection in view.
    pub(super) fn axis_zoom(&mut self, zoom_in: bool) {
        let level = if zoom_in { self.axis.level + 1 } else { self.axis.level.saturating_sub(1) };
        self.axis.level = level.min(LEVELS.len() - 1);
        if let Some(i) = self.shown.selected_event() {
            let (s, e) = extent(self.data.query.timeline(), i);
            // In to the selected event; out around the centre.
            if zoom_in {
                self.axis.centre = (s + e.min(s + self.axis.span() / 2.0)) / 2.0;
            }
        }
    }

    /// The lanes' columns now: those the axis draws.
    fn axis_columns(&self) -> Vec<crate::query::Column> {
        let tl = self.data.query.timeline();
        match self.axis.lanes.split(tl) {
            Some(split) => self.data.query.columns(&split, self.shown.events()).unwrap_or_default(),
            None => Vec::new(),
        }
    }

    /// `↑` `↓` in lanes: the lane above or below, starting from the one drawn first.
    fn axis_choose_lane(&mut self, down: bool) {
        let n = self.axis_columns().len();
        if n == 0 {
            return;
        }
        let start = self.axis.lane.or_else(|| {
            let area = Areas::compute(View::Axis, self.width, self.height).get(Pane::Axis)?;
            let (lanes, _) = lanes_area(area);
            let laid = self.axis_lanes(lanes.width, lanes.height)?;
            laid.bands.first().map(|b| b.lane)
        });
        self.axis.lane = Some(match (start, down) {
            (None, _) => 0,
            (Some(l), _) if self.axis.lane.is_none() => l,
            (Some(l), true) => (l + 1).min(n - 1),
            (Some(l), false) => l.saturating_sub(1),
        });
    }

    /// `Enter` on a lane's label: the filter becomes that lane's members.
    fn axis_filter_to_lane(&mut self) {
        let columns = self.axis_columns();
        let Some(column) = self.axis.lane.and_then(|l| columns.get(l)) else { return };
        self.shown.filter = self.data.query.column_filter(column);
        self.axis.lane = None;
        self.refilter_by_hand();
    }

    /// A click on the time axis selects the event drawn there; on a lane's
    /// label, filters to the lane.
    pub(super) fn axis_click(&mut self, column: u16, row: u16) -> bool {
        if self.main.view != View::Axis {
            return false;
        }
        let Some(area) = Areas::compute(View::Axis, self.width, self.height).get(Pane::Axis) else {
            return true;
        };
        let (lanes, n) = lanes_area(area);
        if let Some(laid) = self.axis_lanes(lanes.width, lanes.height) {
            if row < lanes.y || row >= lanes.bottom() || column < lanes.x {
                return true;
            }
            let (c, r) = (column - lanes.x, row - lanes.y);
            if c < laid.label_width {
                if let Some(lane) = laid.label_at(r) {
                    self.axis.lane = Some(lane);
                    self.axis_filter_to_lane();
                }
            } else if let Some(i) = laid.event_at(c - laid.label_width, r)
                && let Some(pos) = self.shown.events().iter().position(|&x| x == i)
            {
                self.shown.selected = pos;
            }
            return true;
        }
        if row >= lanes.y && row < lanes.bottom() && column >= lanes.x {
            let layout = lay_out(&self.axis_scene(), lanes.width, n);
            if let Some(pos) = layout.at(column - lanes.x, usize::from(row - lanes.y)) {
                self.shown.selected = pos;
            }
        }
        true
    }

    /// Moves the window by a share of its width (negative: back in time).
    pub(super) fn axis_pan(&mut self, share: f64) {
        self.axis.centre += self.axis.span() * share;
    }
}
