//! Slides, tours and the presenter's view: step through them, show the
//! teacher's note and the class question, go back to the explorer; and
//! starting them from the explorer.

use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::layout::Pane;
use crate::tui::state::{App, Presentation, Screen};

impl App {
    pub(super) fn present_action(&mut self, action: Action) {
        if action == Action::Back {
            return self.leave_presentation();
        }
        if action == Action::StartQuiz {
            return self.start_tour_quiz();
        }
        let tl = self.data.query.timeline();
        let Screen::Present(p) = &mut self.screen else { return };
        let at = p.at;
        match (action, p.jump) {
            // The list of steps takes the keys that move in it while it is open.
            (Action::Up, Some(c)) => p.jump = Some(c.saturating_sub(1)),
            (Action::Down, Some(c)) => p.jump = Some((c + 1).min(p.slides.len().saturating_sub(1))),
            (Action::Submit, Some(c)) => {
                p.step(tl, c as isize - p.at as isize);
                p.jump = None;
            }
            (Action::OpenSteps, Some(_)) => p.jump = None,
            (Action::OpenSteps, None) => p.jump = Some(p.at),
            (Action::NextEvent, _) => p.step(tl, 1),
            (Action::PrevEvent, _) => p.step(tl, -1),
            (Action::Home, _) => p.step(tl, isize::MIN / 2),
            (Action::End, _) => p.step(tl, isize::MAX / 2),
            (Action::ToggleNotes, _) => p.notes = !p.notes,
            (Action::ToggleQuestion, _) => p.question = !p.question,
            (Action::ToggleBlank, _) => {
                p.blank = !p.blank;
                if self.lesson.link.is_some() {
                    let line = if p.blank { "blank on" } else { "blank off" };
                    self.effects.push(crate::tui::effect::Effect::Tell(line.into()));
                }
            }
            (Action::PauseTimer, _) => {
                if let Some(c) = &mut self.lesson.clock {
                    c.paused = !c.paused;
                }
            }
            (Action::ResetTimer, _) => {
                if let Some(c) = &mut self.lesson.clock {
                    c.lesson = std::time::Duration::ZERO;
                    c.step = std::time::Duration::ZERO;
                }
            }
            _ => {}
        }
        if p.at != at {
            // A new step: its own timer from zero.
            if let Some(c) = &mut self.lesson.clock {
                c.step = std::time::Duration::ZERO;
            }
        }
    }

    /// Back to the explorer on the slide's event, if the filter shows it.
    fn leave_presentation(&mut self) {
        let Screen::Present(p) = &self.screen else { return };
        if let Some(e) = p.event() {
            match self.shown.events().iter().position(|&i| i == e) {
                Some(pos) => {
                    self.shown.selected = pos;
                    self.main.focus = Pane::Timeline;
                }
                None => {
                    self.status.message = Some(format!(
                        "that event is hidden by the filters ({} clears them)",
                        key(Context::Panes, Action::ClearFilters)
                    ))
                }
            }
        }
        self.screen = Screen::Main;
    }

    /// `p`: slides of the shown events, from the selected one.
    pub(super) fn start_presentation(&mut self) {
        if self.shown.events().is_empty() {
            self.status.message = Some(format!(
                "no events to present ({} clears the filters)",
                key(Context::Panes, Action::ClearFilters)
            ));
        } else {
            let tl = self.data.query.timeline();
            let slides = self.shown.events().to_vec();
            self.screen = Screen::Present(Presentation::of_events(tl, slides, self.shown.selected));
        }
    }

    /// Starts a tour (a position in `Timeline::tours`) in presentation mode.
    pub(super) fn start_tour(&mut self, tour: usize) {
        let query = &self.data.query;
        let tl = query.timeline();
        if let Some(mut p) = tl.tours.get(tour).and_then(|t| Presentation::of_tour(query, &t.id)) {
            p.presenter = self.lesson.presenter;
            p.notes = self.lesson.presenter;
            self.screen = Screen::Present(p);
            self.follow_lesson();
        }
    }
}
