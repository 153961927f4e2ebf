//! The time axis's keys and clicks: step through the events, pan, zoom,
//! open one. Where each event is drawn is [`crate::tui::layout::axis`]'s, so
//! a click finds what the view drew.

use crate::tui::action::Action;
use crate::tui::layout::axis::{extent, lanes_area, lay_out};
use crate::tui::layout::{Areas, Pane, View};
use crate::tui::state::App;
use crate::tui::state::axis::{AxisState, LEVELS};

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
        self.axis = AxisState { level, centre: (first + last) / 2.0 };
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

    /// A click on the time axis selects the event drawn there.
    pub(super) fn axis_click(&mut self, column: u16, row: u16) -> bool {
        if self.main.view != View::Axis {
            return false;
        }
        let Some(area) = Areas::compute(View::Axis, self.width, self.height).get(Pane::Axis) else {
            return true;
        };
        let (lanes, n) = lanes_area(area);
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
