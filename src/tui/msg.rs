//! The one stream of messages the explorer's loop reads, and the one kind of
//! thing `App::update` takes. Each source is a thread with a [`Sender`]: the
//! terminal's input, signals, the file watch, the loader, the filter worker,
//! the presenter's socket, the clock, the export writer. A new source is one
//! more thread that sends here, and one more arm in `update`.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::SystemTime;

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use crate::load::{LoadProgress, Report};
use crate::query::Filter;
use crate::tui::action::Action;
use crate::tui::filtering::Filtered;
use crate::tui::state::{ClassEvent, PeerEvent, Prepared};

pub type Sender = mpsc::Sender<Msg>;
pub type Receiver = mpsc::Receiver<Msg>;

pub fn channel() -> (Sender, Receiver) {
    mpsc::channel()
}

#[derive(Debug)]
pub enum Msg {
    /// A key as the terminal sent it; the keymap makes it an action.
    Key(KeyEvent),
    /// The mouse; where it lands makes it an action.
    Mouse(MouseEvent),
    /// An action, as a key or the mouse asks for it.
    Action(Action),
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
    /// Load the files (again): at the start, and when the watched files
    /// changed and have settled.
    Load,
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
    Peer(PeerEvent),
    /// The class server reported a join, an answer, a full class.
    Class(ClassEvent),
    /// Time has passed (for the presenter's clock).
    Tick(SystemTime),
    /// An export written: where, and how many events; or why not.
    Exported(Result<(PathBuf, usize), String>),
    /// Show what this filter lets through (the command line's, say).
    SetFilter(Filter),
    /// Select the event with this id, if the filter shows it.
    Select(String),
    /// The terminal answered the question of what graphics it has.
    Graphics(crate::tui::state::Heard),
}

impl From<Action> for Msg {
    fn from(action: Action) -> Msg {
        Msg::Action(action)
    }
}
