//! The time axis view's state: how much time the width shows, and the
//! moment at its centre (in years, see [`moment`]).

pub use crate::tui::layout::axis::{extent, moment};

/// The spans the axis can show across its width, in years: from two
/// centuries down to a month.
pub const LEVELS: [f64; 11] =
    [200.0, 100.0, 50.0, 25.0, 10.0, 5.0, 2.0, 1.0, 0.5, 0.25, 1.0 / 12.0];

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AxisState {
    /// A position in [`LEVELS`].
    pub level: usize,
    /// The moment at the centre of the axis.
    pub centre: f64,
}

impl AxisState {
    /// Years across the width.
    pub fn span(&self) -> f64 {
        LEVELS[self.level.min(LEVELS.len() - 1)]
    }

    /// The first and last moment shown.
    pub fn window(&self) -> (f64, f64) {
        (self.centre - self.span() / 2.0, self.centre + self.span() / 2.0)
    }
}
