//! What a person can ask of the explorer: keys become actions through the
//! keymap, mouse events by where they land. They reach `App::update` as
//! [`crate::tui::msg::Msg::Action`].

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
    /// The filter prompt: the whole filter as a `--where` expression.
    StartFilter,
    /// Tab in the filter prompt: complete the word being typed.
    Complete,
    /// The tag picker, with counts.
    OpenTags,
    /// The selected event's links, to follow one.
    OpenLinks,
    /// Back to where the last followed link was taken from; forward again.
    HistoryBack,
    HistoryForward,
    /// What is loaded: title, description, files, counts, eras, tours.
    OpenAbout,
    /// Frequency tables of the shown events.
    OpenStats,
    /// Write the shown events to a file.
    OpenExport,
    /// The map view, or back to the panes.
    ShowMap,
    /// On the map: to the capital that way.
    Left,
    Right,
    /// Zoom the map or the time axis in, out, or to fit.
    ZoomIn,
    ZoomOut,
    ZoomFit,
    /// The time axis, or back to the panes.
    ShowAxis,
    /// The time axis's lanes: packed, by country, actor, tag, each lane set.
    CycleLanes,
    /// The statistics page's table: by year or by decade.
    CyclePeriod,
    /// Move the time axis back or on in time.
    PanLeft,
    PanRight,
    /// The wheel with a modifier: zoom where the pointer is.
    ZoomWheel {
        column: u16,
        row: u16,
        zoom_in: bool,
    },
    /// Type-to-find in the countries or actors list.
    StartFind,
    /// The countries or actors pane's next order: events, name, first appearance.
    CycleSort,
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
    /// Blanks the projector, and shows it again.
    ToggleBlank,
    /// The presenter's list of steps to jump to.
    OpenSteps,
    /// The presenter's timers: pause and go on, back to zero.
    PauseTimer,
    ResetTimer,
    /// A live class: show (or hide) the tally of the question on screen.
    RevealTally,
    /// The address students join at, as a QR code, and the code.
    ShowJoin,
    /// The five best scores with a tally, or not.
    ToggleTop,
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
}
