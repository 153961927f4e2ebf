//! Small state structs, one per overlay, and the overlay stack. The screens
//! keep theirs beside their logic ([`super::present::Presentation`],
//! [`super::quiz::QuizState`]).

mod overlay;

pub use overlay::{Overlay, Overlays, Prompt, PromptKind};
