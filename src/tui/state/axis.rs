//! The time axis view's state: how much time the width shows, the moment
//! at its centre (in years, see [`moment`]), and its lanes.

use crate::model::Timeline;
use crate::query::Split;
pub use crate::tui::layout::axis::{extent, moment};

/// The spans the axis can show across its width, in years: from two
/// centuries down to a month.
pub const LEVELS: [f64; 11] =
    [200.0, 100.0, 50.0, 25.0, 10.0, 5.0, 2.0, 1.0, 0.5, 0.25, 1.0 / 12.0];

/// How the axis puts events in lanes (`g` cycles them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LaneMode {
    /// Packed so that nothing overlaps.
    #[default]
    Packed,
    Country,
    Actor,
    Tag,
    /// A lane set of the timeline: its position in `Timeline::lanes`.
    Set(usize),
}

impl LaneMode {
    /// The next choice: packed, by country, actor, tag, then each lane set.
    pub fn next(self, tl: &Timeline) -> LaneMode {
        match self {
            LaneMode::Packed => LaneMode::Country,
            LaneMode::Country => LaneMode::Actor,
            LaneMode::Actor => LaneMode::Tag,
            LaneMode::Tag if !tl.lanes.is_empty() => LaneMode::Set(0),
            LaneMode::Set(n) if n + 1 < tl.lanes.len() => LaneMode::Set(n + 1),
            _ => LaneMode::Packed,
        }
    }

    /// The split it draws, `None` when packed.
    pub fn split(self, tl: &Timeline) -> Option<Split> {
        match self {
            LaneMode::Packed => None,
            LaneMode::Country => Some(Split::Country(Vec::new())),
            LaneMode::Actor => Some(Split::Actor(Vec::new())),
            LaneMode::Tag => Some(Split::Tag(Vec::new())),
            LaneMode::Set(n) => tl.lanes.get(n).map(|s| Split::Set(s.id.clone())),
        }
    }

    /// "by country", "The powers".
    pub fn name(self, tl: &Timeline) -> String {
        match self {
            LaneMode::Packed => "packed".into(),
            LaneMode::Country => "by country".into(),
            LaneMode::Actor => "by actor".into(),
            LaneMode::Tag => "by tag".into(),
            LaneMode::Set(n) => tl.lanes.get(n).map_or("packed".into(), |s| s.title.clone()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AxisState {
    /// A position in [`LEVELS`].
    pub level: usize,
    /// The moment at the centre of the axis.
    pub centre: f64,
    pub lanes: LaneMode,
    /// The lane whose label is chosen (`↑` `↓`), for `Enter` to filter to it.
    pub lane: Option<usize>,
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
