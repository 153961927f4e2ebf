//! The threads that feed the explorer's one stream of events
//! ([`crate::tui::msg`]). Each takes a sender and runs until the stream's
//! receiver is gone; adding a source is adding a module here.

pub mod class;
pub mod clock;
pub mod decode;
pub mod export;
pub mod filter;
pub mod input;
pub mod loader;
pub mod peer;
pub mod signals;
pub mod watch;
