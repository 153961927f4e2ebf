//! The quiz's keys: type a year or an answer's number, go on, scroll the
//! results, leave; and starting a quiz from the explorer.

use super::scrolled;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::pages::quiz_max_scroll;
use crate::tui::state::{App, QuizState, Screen};

impl App {
    pub(super) fn quiz_action(&mut self, action: Action) {
        let tl = self.data.query.timeline();
        match action {
            Action::Back => self.screen = Screen::Main,
            Action::Input(c) => {
                if let Screen::Quiz(q) = &mut self.screen {
                    q.key(tl, c);
                }
            }
            Action::DeleteChar => {
                if let Screen::Quiz(q) = &mut self.screen {
                    q.delete();
                }
            }
            Action::Submit => {
                if let Screen::Quiz(q) = &mut self.screen {
                    q.submit(tl);
                }
            }
            _ => {
                if let Some(delta) = self.distance(action) {
                    self.scroll_quiz(delta);
                }
            }
        }
    }

    pub(super) fn scroll_quiz(&mut self, delta: isize) {
        let max = quiz_max_scroll(self);
        if let Screen::Quiz(q) = &mut self.screen {
            q.scroll = scrolled(q.scroll, delta, max);
        }
    }

    /// `z`: a quiz over the events the filter shows now.
    pub(super) fn start_quiz(&mut self) {
        if self.shown.events().is_empty() {
            self.status.message = Some(format!(
                "no events to ask about ({} clears the filters)",
                key(Context::Panes, Action::ClearFilters)
            ));
            return;
        }
        let quiz = QuizState::new(self.timeline(), self.shown.events(), self.lesson.quiz_seed);
        // The next quiz in this session asks other questions.
        self.lesson.quiz_seed = self.lesson.quiz_seed.wrapping_add(1);
        self.screen = Screen::Quiz(quiz);
    }
}
