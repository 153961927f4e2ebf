//! Everything that can happen in the explorer. Keys and mouse events become
//! actions (through the keymap); `App::update` is the only thing that acts.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Give the terminal back and stop; the shell's `fg` brings steppe back.
    Suspend,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// The next or previous event, in the full-screen view.
    NextEvent,
    PrevEvent,
    NextPane,
    PrevPane,
    /// Enter or Space: toggle a country or actor; on an event, open it.
    Activate,
    ToggleMatch,
    ClearFilters,
    StartSearch,
    NextMatch,
    PrevMatch,
    StartYearJump,
    /// Esc: leave the current overlay, view or input.
    Back,
    ToggleHelp,
    /// Typing into the search or year prompt.
    Input(char),
    DeleteChar,
    /// Enter in a prompt.
    Submit,
    /// Slides of the shown events, from the selected one.
    StartPresentation,
    /// The list of tours.
    OpenTours,
    StartQuiz,
    /// In a tour: the teacher's note, the class question.
    ToggleNotes,
    ToggleQuestion,
    Click {
        column: u16,
        row: u16,
    },
    ScrollUp {
        column: u16,
        row: u16,
    },
    ScrollDown {
        column: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
}

/// What `update` asks the loop to do: the state changes in `update`, the
/// I/O happens in the loop.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Load the files (again), as load number `generation`.
    Load { generation: u64 },
    /// Run a filter in the filter worker.
    Filter(Box<crate::tui::filtering::FilterRequest>),
    /// Give the terminal back and stop (Ctrl-Z); `fg` continues.
    Suspend,
    /// Say this line to the other screens of the lesson.
    Tell(String),
}
