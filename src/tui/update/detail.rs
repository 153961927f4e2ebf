//! The full-screen event's keys: scroll it, step to the next or previous
//! event, follow its links, go back.

use super::scrolled;
use crate::tui::action::Action;
use crate::tui::layout::Pane;
use crate::tui::pages::detail_max_scroll;
use crate::tui::state::{App, Screen};

impl App {
    pub(super) fn detail_action(&mut self, action: Action) {
        match action {
            Action::NextEvent => self.step_full_screen(1),
            Action::PrevEvent => self.step_full_screen(-1),
            Action::Back => self.screen = Screen::Main,
            Action::OpenLinks => self.open_links(),
            Action::HistoryBack => self.history_step(true),
            Action::HistoryForward => self.history_step(false),
            _ => {
                if let Some(delta) = self.distance(action) {
                    self.scroll_detail(delta);
                }
            }
        }
    }

    pub(super) fn scroll_detail(&mut self, delta: isize) {
        let max = detail_max_scroll(self);
        if let Screen::Detail { scroll } = &mut self.screen {
            *scroll = scrolled(*scroll, delta, max);
        }
    }

    /// The next or previous event, from its top.
    fn step_full_screen(&mut self, delta: isize) {
        let before = self.shown.selected;
        self.main.focus = Pane::Timeline;
        self.shown.step(delta);
        if self.shown.selected != before {
            self.screen = Screen::Detail { scroll: 0 };
        }
    }

    /// Enter on an event: it opens full-screen.
    pub(super) fn open_full_screen(&mut self) {
        if !self.shown.events().is_empty() {
            self.screen = Screen::Detail { scroll: 0 };
        }
    }
}
