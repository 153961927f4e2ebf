//! What `App::update` asks the loop to do: the state changes in `update`,
//! the I/O happens in the loop (or in the threads it starts).

use crate::tui::filtering::FilterRequest;
use crate::tui::sources::export::ExportRequest;
use crate::tui::state::StartError;

#[derive(Debug, Clone)]
pub enum Effect {
    /// Load the files (again), as load number `generation`.
    Load { generation: u64 },
    /// Run a filter in the filter worker.
    Filter(Box<FilterRequest>),
    /// Give the terminal back and stop (Ctrl-Z); `fg` continues.
    Suspend,
    /// Take the terminal again after a stop, and draw everything afresh.
    Resume,
    /// Say this line to the other screens of the lesson.
    Tell(String),
    /// Tell the class's phones where the lesson is and what is asked.
    Class(Box<crate::teach::class::Broadcast>),
    /// The lesson page the class server serves, made anew after a load,
    /// and the lesson's title for the join page.
    ClassPage { title: String, html: std::sync::Arc<str> },
    /// Write the shown events to a new file.
    Export(Box<ExportRequest>),
    /// The session is over.
    End(Ending),
}

/// How a session ended.
#[derive(Debug, Clone)]
pub enum Ending {
    /// The person quit.
    Quit,
    /// A signal ended it: exit with 128 + the signal's number.
    Signal(i32),
    /// The terminal went away.
    TerminalGone,
    /// It could not open: the files have errors, or the command line asks
    /// for what they lack.
    Refused(StartError),
}
