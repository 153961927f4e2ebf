//! The one place that changes the explorer's state: [`App::update`] takes a
//! message from any source and returns what the loop must do. An action
//! goes first to the screen in front — its context decides the handler, one
//! file per context — and the handlers for the data, the filter worker and
//! the link take the rest. Nothing here reads the view: what a scroll may
//! reach is measured by [`crate::tui::pages`], which the view draws from.

mod axis;
mod class;
mod complete;
mod data;
mod detail;
mod filter;
mod help;
mod link;
mod map;
mod mouse;
mod panes;
mod pickers;
mod present;
mod prompt;
mod quiz;
mod reader;

use ratatui::crossterm::event::KeyEventKind;

use super::action::Action;
use super::effect::{Effect, Ending};
use super::keymap::{self, Context};
use super::layout::{Areas, View};
use super::msg::Msg;
use super::state::{App, Overlay};

impl App {
    /// Takes a message; returns what the loop must do (load, filter, tell,
    /// stop). A message that changes what is shown moves [`App::version`].
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        let changed = self.handle(msg.into());
        if self.class_sync() || changed {
            self.version += 1;
        }
        std::mem::take(&mut self.effects)
    }

    /// Whether the message changed anything on screen.
    fn handle(&mut self, msg: Msg) -> bool {
        match msg {
            Msg::Key(key) if key.kind == KeyEventKind::Press => {
                keymap::lookup(self.context(), key).is_some_and(|a| self.action(a))
            }
            Msg::Key(_) => false,
            Msg::Mouse(m) => mouse::action(m).is_some_and(|a| self.action(a)),
            Msg::Action(a) => self.action(a),
            Msg::Resize { width, height } => {
                self.width = width;
                self.height = height;
                true
            }
            Msg::InputClosed => self.end(Ending::TerminalGone),
            Msg::Terminate(signal) => self.end(Ending::Signal(signal)),
            Msg::Suspend => {
                self.effects.push(Effect::Suspend);
                true
            }
            Msg::Resume => {
                self.effects.push(Effect::Resume);
                true
            }
            Msg::Load => {
                self.begin_load();
                true
            }
            Msg::LoadProgress { generation, progress } => self.load_progress(generation, progress),
            Msg::Loaded { generation, result } => self.loaded(generation, *result),
            Msg::Filtered(done) => self.filtered(*done),
            Msg::Exported(result) => {
                self.exported(result);
                true
            }
            Msg::Peer(said) => self.peer(said),
            Msg::Class(event) => self.class_event(event),
            Msg::Tick(now) => self.tick(now),
            Msg::SetFilter(filter) => {
                self.shown.filter = filter;
                self.refilter_by_hand();
                true
            }
            Msg::Select(id) => {
                self.select_id(&id);
                true
            }
            Msg::Graphics(heard) => self.images.on && self.images.hear(heard),
        }
    }

    fn end(&mut self, ending: Ending) -> bool {
        self.effects.push(Effect::End(ending));
        false
    }

    /// Acts on what a key or the mouse asks for, in the screen in front;
    /// tells the other screens of a lesson where this one went.
    fn action(&mut self, action: Action) -> bool {
        let (place, question) = self.moves_before();
        let before = self.shown.selected;
        self.status.message = None;
        match action {
            Action::Quit => {
                self.effects.push(Effect::End(Ending::Quit));
            }
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::ToggleHelp if self.context() != Context::Help => self.open_help(),
            Action::Click { column, row } => self.click(column, row),
            Action::ScrollUp { column, row } => self.wheel(column, row, -3),
            Action::ScrollDown { column, row } => self.wheel(column, row, 3),
            Action::ZoomWheel { column, row, zoom_in } => self.zoom_wheel(column, row, zoom_in),
            Action::RevealTally | Action::ShowJoin | Action::ToggleTop => self.class_action(action),
            // Esc puts the join code away before it leaves the lesson.
            Action::Back if self.class.qr => self.class_action(Action::ShowJoin),
            _ => match self.context() {
                Context::Help => self.help_action(action),
                Context::Prompt => self.prompt_action(action),
                Context::Tours | Context::Picker => self.picker_action(action),
                Context::Reader | Context::Stats => self.reader_action(action),
                Context::Present | Context::Tour | Context::Presenter => {
                    self.present_action(action)
                }
                Context::Quiz | Context::QuizDone => self.quiz_action(action),
                Context::Detail => self.detail_action(action),
                Context::Map => self.map_action(action),
                Context::Axis => self.axis_action(action),
                Context::Timeline | Context::Facets | Context::Panes | Context::Everywhere => {
                    self.panes_action(action)
                }
            },
        }
        self.tell_moves(place, question);
        // Whatever moved the selection, the time axis keeps it in view.
        if self.main.view == View::Axis && before != self.shown.selected {
            self.follow_selection();
        }
        true
    }

    /// The help, opened at the keys of the screen it is asked on.
    fn open_help(&mut self) {
        let at = super::pages::help_start(self.context());
        let scroll = u16::try_from(at).unwrap_or(0).min(super::pages::help_max_scroll(self));
        self.overlays.push(Overlay::Help { scroll });
    }

    /// Lines in a page of the focused pane.
    fn page(&self) -> isize {
        let rect = Areas::compute(self.main.view, self.width, self.height).get(self.main.focus);
        isize::try_from(rect.map_or(10, |r| r.height.saturating_sub(3)).max(1)).unwrap_or(1)
    }

    /// How far Up, Down, PgUp, PgDn, Home and End move: a line, a page, or
    /// as far as there is.
    fn distance(&self, action: Action) -> Option<isize> {
        Some(match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -self.page(),
            Action::PageDown => self.page(),
            Action::Home => isize::MIN / 2,
            Action::End => isize::MAX / 2,
            _ => return None,
        })
    }
}

/// `at` moved by `delta`, within `0..=max`.
fn scrolled(at: u16, delta: isize, max: u16) -> u16 {
    let delta = i16::try_from(delta.clamp(-10_000, 10_000)).unwrap_or(0);
    at.saturating_add_signed(delta).min(max)
}
