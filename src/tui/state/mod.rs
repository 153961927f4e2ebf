//! The explorer's state: [`App`], made of one small struct per feature —
//! the data, what the filter shows, the facet panes, the main view, the
//! screen, the overlay stack, the map, the time axis, loading, the lesson
//! and the status line. The handlers in [`crate::tui::update`] change them;
//! the view only reads them.

mod app;
pub mod axis;
pub mod class;
pub mod data;
mod facets;
mod history;
pub mod images;
pub mod link;
pub mod loading;
mod map;
mod overlay;
mod pickers;
pub mod present;
pub mod quiz;
pub(crate) mod relocate;
mod screen;
pub mod shown;
pub mod status;

pub use app::{App, scroll_offset};
pub use axis::AxisState;
pub use class::{Class, ClassEvent, Join};
pub use data::{Data, Prepared, Reach};
pub use facets::{FacetOrder, FacetSort, Facets, SortKey};
pub use history::{History, Place};
pub use images::{Graphics, Heard, Images};
pub use link::{Clock, Lesson, Link, PeerEvent};
pub use loading::{LoadState, Loading, StartError, Startup};
pub use map::MapState;
pub use overlay::{Completion, Overlay, Overlays, Prompt, PromptKind, StatsTable};
pub use pickers::{ExportFormat, LinkItem, Picker, TagItem};
pub use present::{Presentation, Relocated};
pub use quiz::QuizState;
pub use screen::{MainView, Screen};
pub use shown::{BACKGROUND_FROM, Shown};
pub use status::{Held, Status};
