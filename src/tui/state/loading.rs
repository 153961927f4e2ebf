//! Loading as state: whether the first data is there, the load under way,
//! and what the command line asked to open with once it is.

use crate::load::{LoadProgress, Report};
use crate::query::Filter;

/// What the command line asked to open with, applied once the data is loaded.
#[derive(Debug, Clone, Default)]
pub struct Startup {
    /// Checked against the data when it arrives.
    pub filter: Filter,
    pub goto: Option<String>,
    pub tour: Option<String>,
    pub present: bool,
    pub quiz: bool,
    /// Open the tour in the presenter's view: notes, question, next step, clock.
    pub presenter: bool,
    /// The command that shows the loader's warnings: `steppe validate` with
    /// the same files and options.
    pub validate: String,
}

/// A load under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    pub generation: u64,
    pub progress: Option<LoadProgress>,
}

/// Why the explorer could not open at all (the terminal is given back first).
#[derive(Debug, Clone)]
pub enum StartError {
    /// The files have errors.
    Load(Box<Report>),
    /// The command line asks for something the data lacks.
    Usage(String),
}

#[derive(Debug, Clone)]
pub struct LoadState {
    /// False until the first data is there: a progress screen shows until then.
    pub ready: bool,
    /// A load under way; the data on screen stays until it is done.
    pub under_way: Option<Loading>,
    /// Files changed again during a load: load once more after it.
    pub again: bool,
    /// The data on screen is what loaded of files with errors: a reload that
    /// still has errors replaces it rather than keeping it.
    pub partial: bool,
    /// The number of the last load started.
    pub generation: u64,
    /// What the command line asked for, until the first data arrives.
    pub startup: Option<Startup>,
}

impl Default for LoadState {
    fn default() -> Self {
        LoadState {
            ready: true,
            under_way: None,
            again: false,
            partial: false,
            generation: 0,
            startup: None,
        }
    }
}
