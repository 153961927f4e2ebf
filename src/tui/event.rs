//! The one stream of events the explorer's loop reads. Each source is a
//! thread with a [`Sender`]: the terminal's input, signals, the file watch,
//! the loader and the filter worker. A new source (a presenter's socket, say)
//! is one more thread that sends here and one more arm in the loop.

use std::sync::mpsc;

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use crate::load::{LoadProgress, Report};
use crate::tui::data::Prepared;
use crate::tui::filtering::Filtered;

pub type Sender = mpsc::Sender<Event>;
pub type Receiver = mpsc::Receiver<Event>;

pub fn channel() -> (Sender, Receiver) {
    mpsc::channel()
}

#[derive(Debug)]
pub enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize {
        width: u16,
        height: u16,
    },
    /// The terminal is gone (its input closed).
    InputClosed,
    /// A signal asks steppe to end: restore the terminal and exit 128 + it.
    Terminate(i32),
    /// Ctrl-Z from outside (SIGTSTP): give the terminal back and stop.
    Suspend,
    /// Continued after a stop (SIGCONT): take the terminal again and redraw.
    Resume,
    /// The watched files changed and have settled.
    FilesChanged,
    /// How far the load has got.
    LoadProgress {
        generation: u64,
        progress: LoadProgress,
    },
    /// A load finished: the data ready to show, or why it could not be read.
    Loaded {
        generation: u64,
        result: Box<Result<Prepared, Report>>,
    },
    /// A filter computed away from the loop.
    Filtered(Box<Filtered>),
    /// Another screen on the presenter's channel said something.
    Peer(crate::tui::state::link::PeerEvent),
    /// A second has passed (for the presenter's clock).
    Tick,
    /// An export written: where, and how many events; or why not.
    Exported(Result<(std::path::PathBuf, usize), String>),
}
