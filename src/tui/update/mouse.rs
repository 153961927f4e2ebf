//! The mouse: a click selects what is under it, the wheel scrolls what is
//! under it (with a modifier, zooms the map or the time axis). Lines are
//! found with the same layout the view draws with.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use crate::tui::action::Action;
use crate::tui::filtering::Row;
use crate::tui::keymap::Context;
use crate::tui::layout::{Areas, Listing, Pane, View};
use crate::tui::state::{App, Screen, scroll_offset};

/// What a mouse event asks for, if anything.
pub fn action(m: MouseEvent) -> Option<Action> {
    let modified = !m.modifiers.is_empty();
    let (column, row) = (m.column, m.row);
    match m.kind {
        MouseEventKind::ScrollUp | MouseEventKind::ScrollDown if modified => {
            Some(Action::ZoomWheel { column, row, zoom_in: m.kind == MouseEventKind::ScrollUp })
        }
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp { column, row }),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown { column, row }),
        _ => None,
    }
}

impl App {
    /// Whether the main screen is in front, with nothing over it.
    fn main_in_front(&self) -> bool {
        self.overlays.is_empty() && self.screen == Screen::Main
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        if !self.main_in_front() || self.map_click(column, row) || self.axis_click(column, row) {
            return;
        }
        let Some((pane, listing, line)) = self.hit(column, row) else { return };
        self.main.focus = pane;
        match listing {
            Listing::Events => {
                if let Some(Row::Event(p)) = self.shown.rows().get(line) {
                    self.shown.selected = *p;
                }
            }
            Listing::Countries => {
                if let Some(item) = self.facets.country_order.item(line) {
                    self.facets.country_cursor = item;
                }
            }
            Listing::Actors => {
                if let Some(item) = self.facets.actor_order.item(line) {
                    self.facets.actor_cursor = item;
                }
            }
        }
    }

    /// The wheel scrolls the page or list in front; on the main screen, the
    /// pane under it (the map zooms, the time axis pans).
    pub(super) fn wheel(&mut self, column: u16, row: u16, delta: isize) {
        match self.context() {
            Context::Help => self.scroll_help(delta),
            Context::Reader | Context::Stats => self.scroll_reader(delta),
            Context::Tours | Context::Picker => self.picker_step(delta),
            Context::Detail => self.scroll_detail(delta),
            Context::QuizDone => self.scroll_quiz(delta),
            Context::Timeline | Context::Facets | Context::Map | Context::Axis => {
                if self.map_wheel(column, row, delta < 0) {
                    return;
                }
                if self.main.view == View::Axis {
                    self.axis_pan(if delta < 0 { -0.1 } else { 0.1 });
                    return;
                }
                if let Some((pane, _, _)) = self.hit(column, row) {
                    let before = self.main.focus;
                    self.main.focus = pane;
                    self.move_by(delta);
                    self.main.focus = before;
                }
            }
            Context::Prompt
            | Context::Present
            | Context::Tour
            | Context::Presenter
            | Context::Quiz
            | Context::Panes
            | Context::Everywhere => {}
        }
    }

    /// The wheel with a modifier: the time axis zooms; the map zooms where the pointer is.
    pub(super) fn zoom_wheel(&mut self, column: u16, row: u16, zoom_in: bool) {
        if !self.main_in_front() {
            return;
        }
        if self.main.view == View::Axis {
            self.axis_zoom(zoom_in);
        } else {
            self.map_wheel(column, row, zoom_in);
        }
    }

    /// The list pane under a screen position, what it lists, and the line
    /// of the list there (`usize::MAX` on its border).
    fn hit(&self, column: u16, row: u16) -> Option<(Pane, Listing, usize)> {
        let areas = Areas::compute(self.main.view, self.width, self.height);
        let (pane, rect) = areas.pane_at(column, row)?;
        let listing = pane.spec().lists?;
        let inner_top = rect.y + 1;
        let inner_height = rect.height.saturating_sub(2);
        if row < inner_top || row >= inner_top + inner_height {
            return Some((pane, listing, usize::MAX));
        }
        let line = usize::from(row - inner_top);
        let facets = &self.facets;
        let (cursor, len) = match listing {
            Listing::Events => (self.shown.selected_row(), self.shown.rows().len()),
            Listing::Countries => {
                (facets.country_order.rank(facets.country_cursor), facets.country_order.len())
            }
            Listing::Actors => {
                (facets.actor_order.rank(facets.actor_cursor), facets.actor_order.len())
            }
        };
        Some((pane, listing, scroll_offset(cursor, len, usize::from(inner_height)) + line))
    }
}
