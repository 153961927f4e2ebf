//! The about and statistics pages' keys: scroll, close.

use super::scrolled;
use crate::tui::action::Action;
use crate::tui::pages::reader_max_scroll;
use crate::tui::state::{App, Overlay};

impl App {
    pub(super) fn reader_action(&mut self, action: Action) {
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

    /// `S`: the frequency tables of the shown events, as `steppe stats` gives them.
    pub(super) fn open_stats(&mut self) {
        let stats = Box::new(self.data.query.stats(self.shown.events()));
        self.overlays.push(Overlay::Stats { stats, scroll: 0 });
    }
}
