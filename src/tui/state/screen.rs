//! What fills the screen: the main screen in one of its views (with the
//! pane that has the focus), or a full-screen one. Overlays go on top of
//! either ([`super::Overlays`]).

use super::present::Presentation;
use super::quiz::QuizState;
use crate::tui::layout::{Pane, View};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Main,
    /// Slides, one event each, for a projector.
    Present(Presentation),
    /// A quiz over the events shown when it started.
    Quiz(QuizState),
    /// The selected event, full-screen, scrolled down by this many lines.
    Detail {
        scroll: u16,
    },
}

/// The main screen's layout and the pane that takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MainView {
    pub view: View,
    pub focus: Pane,
}

impl MainView {
    /// Shows `view`, its home pane focused; the focus stays if it already shows.
    pub fn set(&mut self, view: View) {
        if self.view != view {
            self.view = view;
            self.focus = view.home();
        }
    }
}
