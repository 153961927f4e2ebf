//! Small state structs, one per overlay, and the overlay stack. The screens
//! keep theirs beside their logic ([`super::present::Presentation`],
//! [`super::quiz::QuizState`]).

pub mod axis;
mod facets;
mod history;
pub mod link;
mod map;
mod overlay;
mod pickers;

pub use axis::AxisState;
pub use facets::{FacetOrder, FacetSort, SortKey};
pub use history::{History, Place};
pub use map::MapState;
pub use overlay::{Completion, Overlay, Overlays, Prompt, PromptKind};
pub use pickers::{ExportFormat, LinkItem, Picker, TagItem};
