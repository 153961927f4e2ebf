//! The map view's state: the country under its cursor and the part of the
//! world shown (none chosen: where it opens, see [`crate::tui::layout::geo::home`]).

use crate::tui::layout::geo::Bounds;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MapState {
    /// A position in `Timeline::countries`.
    pub cursor: usize,
    /// The part of the world chosen by zooming; `None`: the home view.
    pub bounds: Option<Bounds>,
    /// Showing every located country (`0` goes back and forth).
    pub everything: bool,
}
