//! The help overlay's keys: scroll it, close it.

use super::scrolled;
use crate::tui::action::Action;
use crate::tui::pages::help_max_scroll;
use crate::tui::state::{App, Overlay};

impl App {
    pub(super) fn help_action(&mut self, action: Action) {
        if action == Action::ToggleHelp {
            self.overlays.retain(|o| !matches!(o, Overlay::Help { .. }));
        } else if let Some(delta) = self.distance(action) {
            self.scroll_help(delta);
        }
    }

    pub(super) fn scroll_help(&mut self, delta: isize) {
        let max = help_max_scroll(self);
        if let Some(Overlay::Help { scroll }) = self.overlays.top_mut() {
            *scroll = scrolled(*scroll, delta, max);
        }
    }
}
