//! The command line: clap's definitions ([`args`]), the one place that turns
//! them into steppe's types ([`convert`]), each command as thin glue over the
//! library ([`commands`]), and the completions and manual pages generated
//! from the definitions ([`generate`]).

mod args;
pub mod commands;
mod convert;
pub mod generate;

pub use args::*;
