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
            Action::Back => {
                let back = match &mut self.screen {
                    Screen::Quiz(q) => q.back.take(),
                    _ => None,
                };
                self.screen = back.map_or(Screen::Main, |p| Screen::Present(*p));
            }
            // With a class, Enter shows the class's tally, then goes on.
            Action::Submit
                if self.class.serving
                    && matches!(&self.screen, Screen::Quiz(q) if q.outcome.is_none() && q.input.is_empty() && !q.finished()) =>
            {
                if self.class.tally.is_some() {
                    if let Screen::Quiz(q) = &mut self.screen {
                        q.skip();
                    }
                } else {
                    self.class_action(Action::RevealTally);
                }
            }
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

    /// `z` in a tour: a quiz over the tour's events, and back to the tour after.
    pub(super) fn start_tour_quiz(&mut self) {
        let Screen::Present(p) = &self.screen else { return };
        let mut quiz = QuizState::new(self.timeline(), &p.slides, self.lesson.quiz_seed);
        if quiz.questions.is_empty() {
            self.status.message = Some("no questions to ask about this tour's events".into());
            return;
        }
        self.lesson.quiz_seed = self.lesson.quiz_seed.wrapping_add(1);
        quiz.back = Some(Box::new(p.clone()));
        self.screen = Screen::Quiz(quiz);
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
