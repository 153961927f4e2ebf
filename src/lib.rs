//! steppe: a terminal explorer for regional diplomacy timelines.
//!
//! The flow is one way: [`load`] turns YAML into a [`model::Timeline`],
//! [`query`] filters and counts it, and the CLI outputs and the TUI ask the
//! same query layer the same questions.

pub mod atlas;
pub(crate) mod atomic;
pub mod cli;
pub mod document;
pub mod export;
pub mod load;
pub mod memory;
pub mod model;
pub mod query;
pub mod teach;
pub mod text;
pub mod tui;
