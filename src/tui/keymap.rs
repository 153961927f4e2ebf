//! The one table of keys. Key handling, the footer hints and the help overlay
//! all read it, so what they say is what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Any pane of the main screen.
    Panes,
    /// The timeline pane.
    Timeline,
    /// The countries or actors pane.
    Facets,
    /// The full-screen event view.
    Detail,
    /// The map view.
    Map,
    /// The time axis view.
    Axis,
    /// The help overlay.
    Help,
    /// Typing a search or a year.
    Prompt,
    /// Presentation mode: slides.
    Present,
    /// Presenting a tour: slides with notes and questions.
    Tour,
    /// The presenter's view of a tour, on the teacher's own screen: the
    /// note is always there, so it has no key.
    Presenter,
    /// The tour picker.
    Tours,
    /// A list over the screen: tags, links, export formats.
    Picker,
    /// A page of text over the screen: about, statistics.
    Reader,
    /// The statistics page, whose table has rows and cells to pick.
    Stats,
    /// A quiz.
    Quiz,
    /// A quiz's results, once every question is answered.
    QuizDone,
    /// Every screen.
    Everywhere,
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in the footer and help.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    /// The few words the footer shows for it, if it is shown there.
    pub footer: Option<&'static str>,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

const fn bind(
    context: Context,
    keys: &'static [(KeyCode, KeyModifiers)],
    label: &'static str,
    action: Action,
    help: &'static str,
    footer: Option<&'static str>,
) -> Binding {
    Binding { context, keys, label, action, help, footer }
}

use Context::{
    Axis, Detail, Everywhere, Facets, Help, Map, Panes, Picker, Present, Presenter, Prompt, Quiz,
    QuizDone, Reader, Stats, Timeline, Tour, Tours,
};
use KeyCode::{
    BackTab, Backspace, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// Every key of the explorer. Order matters: it is the order of the footer and the help.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(Panes, &[(Up, NONE), (Char('k'), NONE)], "↑ k", Action::Up, "move up", None),
    bind(Panes, &[(Down, NONE), (Char('j'), NONE)], "↓ j", Action::Down, "move down", None),
    bind(Panes, &[(PageUp, NONE)], "PgUp", Action::PageUp, "move up a page", None),
    bind(Panes, &[(PageDown, NONE)], "PgDn", Action::PageDown, "move down a page", None),
    bind(Panes, &[(Home, NONE), (Char('g'), NONE)], "Home g", Action::Home, "go to the first", None),
    bind(Panes, &[(End, NONE), (Char('G'), SHIFT), (Char('G'), NONE)], "End G", Action::End, "go to the last", None),
    bind(Facets, &[(Enter, NONE), (Char(' '), NONE)], "Enter", Action::Activate, "toggle it in the filter", Some("toggle")),
    bind(Timeline, &[(Enter, NONE), (Char(' '), NONE)], "Enter", Action::Activate, "open the event full-screen", Some("open")),
    bind(Panes, &[(Tab, NONE)], "Tab", Action::NextPane, "next pane", Some("pane")),
    bind(Panes, &[(BackTab, SHIFT), (BackTab, NONE)], "S-Tab", Action::PrevPane, "previous pane", None),
    bind(Timeline, &[(Char('/'), NONE)], "/", Action::StartSearch, "search as you type", Some("search")),
    bind(Facets, &[(Char('/'), NONE)], "/", Action::StartFind, "find in this list as you type", Some("find")),
    bind(Facets, &[(Char('s'), NONE)], "s", Action::CycleSort, "sort: events, name, first seen", Some("sort")),
    bind(Panes, &[(Char('?'), NONE), (Char('?'), SHIFT)], "?", Action::ToggleHelp, "help: every key", Some("help")),
    bind(Panes, &[(Char('q'), NONE), (Char('c'), CTRL)], "q C-c", Action::Quit, "quit", Some("quit")),
    bind(Panes, &[(Char('n'), NONE)], "n", Action::NextMatch, "next search match", None),
    bind(Panes, &[(Char('N'), SHIFT), (Char('N'), NONE)], "N", Action::PrevMatch, "previous search match", None),
    bind(Panes, &[(Esc, NONE)], "Esc", Action::Back, "clear the search", None),
    bind(Panes, &[(Char('m'), NONE)], "m", Action::ToggleMatch, "match any or all countries", None),
    bind(Panes, &[(Char('c'), NONE)], "c", Action::ClearFilters, "clear all filters", Some("clear")),
    bind(Panes, &[(Char('f'), NONE)], "f", Action::StartFilter, "filter: tag:summit from:2013 …", Some("filter")),
    bind(Panes, &[(Char('#'), NONE), (Char('#'), SHIFT)], "#", Action::OpenTags, "tags, with counts", Some("tags")),
    bind(Panes, &[(Char('r'), NONE)], "r", Action::OpenLinks, "the event's links, to follow", Some("links")),
    bind(Panes, &[(Backspace, NONE), (Left, ALT)], "Bksp A-←", Action::HistoryBack, "back, before the link", None),
    bind(Panes, &[(Right, ALT)], "A-→", Action::HistoryForward, "forward again", None),
    bind(Panes, &[(Char('y'), NONE)], "y", Action::StartYearJump, "jump to a year", Some("year")),
    bind(Panes, &[(Char('p'), NONE)], "p", Action::StartPresentation, "slides of the shown events", Some("present")),
    bind(Panes, &[(Char('t'), NONE)], "t", Action::OpenTours, "guided tours (lessons)", Some("tours")),
    bind(Panes, &[(Char('z'), NONE)], "z", Action::StartQuiz, "quiz on the shown events", Some("quiz")),
    bind(Panes, &[(Char('M'), SHIFT), (Char('M'), NONE)], "M", Action::ShowMap, "the map, and back", Some("map")),
    bind(Panes, &[(Char('V'), SHIFT), (Char('V'), NONE)], "V", Action::ShowAxis, "the time axis, and back", Some("axis")),
    bind(Panes, &[(Char('S'), SHIFT), (Char('S'), NONE)], "S", Action::OpenStats, "statistics of the shown events", Some("stats")),
    bind(Panes, &[(Char('e'), NONE)], "e", Action::OpenExport, "export the shown events", Some("export")),
    bind(Panes, &[(Char('i'), NONE)], "i", Action::OpenAbout, "about these timelines", Some("about")),
    bind(Map, &[(Left, NONE), (Char('h'), NONE)], "← h", Action::Left, "the capital to the west", None),
    bind(Map, &[(Right, NONE), (Char('l'), NONE)], "→ l", Action::Right, "the capital to the east", None),
    bind(Map, &[(Up, NONE), (Char('k'), NONE)], "↑ k", Action::Up, "the capital to the north", None),
    bind(Map, &[(Down, NONE), (Char('j'), NONE)], "↓ j", Action::Down, "the capital to the south", Some("move")),
    bind(Map, &[(Enter, NONE), (Char(' '), NONE)], "Enter", Action::Activate, "toggle its country, filter", Some("toggle")),
    bind(Map, &[(Char('+'), NONE), (Char('+'), SHIFT), (Char('='), NONE)], "+", Action::ZoomIn, "zoom in", Some("zoom")),
    bind(Map, &[(Char('-'), NONE)], "-", Action::ZoomOut, "zoom out", None),
    bind(Map, &[(Char('0'), NONE)], "0", Action::ZoomFit, "fit the region, or all", Some("fit")),
    bind(Map, &[(Char(']'), NONE)], "]", Action::NextEvent, "next event", None),
    bind(Map, &[(Char('['), NONE)], "[", Action::PrevEvent, "previous event", None),
    bind(Map, &[(Esc, NONE)], "Esc", Action::Back, "back to the panes", Some("back")),
    bind(Axis, &[(Left, NONE), (Char('h'), NONE)], "← h", Action::PrevEvent, "previous event", None),
    bind(Axis, &[(Right, NONE), (Char('l'), NONE)], "→ l", Action::NextEvent, "next event", Some("event")),
    bind(Axis, &[(Char('<'), NONE), (Char('<'), SHIFT), (Left, SHIFT), (Char('H'), SHIFT), (Char('H'), NONE)], "< S-←", Action::PanLeft, "back in time", None),
    bind(Axis, &[(Char('>'), NONE), (Char('>'), SHIFT), (Right, SHIFT), (Char('L'), SHIFT), (Char('L'), NONE)], "> S-→", Action::PanRight, "on in time", Some("pan")),
    bind(Axis, &[(Char('+'), NONE), (Char('+'), SHIFT), (Char('='), NONE)], "+", Action::ZoomIn, "zoom in, down to a month", Some("zoom")),
    bind(Axis, &[(Char('-'), NONE)], "-", Action::ZoomOut, "zoom out, up to two centuries", None),
    bind(Axis, &[(Char('0'), NONE)], "0", Action::ZoomFit, "fit the shown events", Some("fit")),
    bind(Axis, &[(Char('g'), NONE)], "g", Action::CycleLanes, "lanes by country, actor, tag…", Some("lanes")),
    bind(Axis, &[(Up, NONE), (Char('k'), NONE)], "↑ k", Action::Up, "the lane above (in lanes)", None),
    bind(Axis, &[(Down, NONE), (Char('j'), NONE)], "↓ j", Action::Down, "the lane below (in lanes)", None),
    bind(Axis, &[(Enter, NONE)], "Enter", Action::Activate, "open event; filter to a lane", Some("open")),
    bind(Axis, &[(Esc, NONE)], "Esc", Action::Back, "back to the panes", Some("back")),
    bind(Detail, &[(Up, NONE), (Char('k'), NONE)], "↑ k", Action::Up, "scroll up", None),
    bind(Detail, &[(Down, NONE), (Char('j'), NONE)], "↓ j", Action::Down, "scroll down", Some("scroll")),
    bind(Detail, &[(PageUp, NONE)], "PgUp", Action::PageUp, "scroll up a page", None),
    bind(Detail, &[(PageDown, NONE), (Char(' '), NONE)], "PgDn", Action::PageDown, "scroll down a page", None),
    bind(Detail, &[(Home, NONE), (Char('g'), NONE)], "Home g", Action::Home, "to the top", None),
    bind(Detail, &[(End, NONE), (Char('G'), SHIFT), (Char('G'), NONE)], "End G", Action::End, "to the bottom", None),
    bind(Detail, &[(Right, NONE), (Char('l'), NONE)], "→ l", Action::NextEvent, "next event", Some("next")),
    bind(Detail, &[(Left, NONE), (Char('h'), NONE)], "← h", Action::PrevEvent, "previous event", Some("previous")),
    bind(Detail, &[(Esc, NONE), (Enter, NONE)], "Esc", Action::Back, "back to the timeline", Some("back")),
    bind(Detail, &[(Char('r'), NONE)], "r", Action::OpenLinks, "its links, to follow", Some("links")),
    bind(Detail, &[(Backspace, NONE), (Left, ALT)], "Bksp A-←", Action::HistoryBack, "back, before the link", None),
    bind(Detail, &[(Right, ALT)], "A-→", Action::HistoryForward, "forward again", None),
    bind(Detail, &[(Char('?'), NONE), (Char('?'), SHIFT)], "?", Action::ToggleHelp, "help", Some("help")),
    bind(Detail, &[(Char('q'), NONE), (Char('c'), CTRL)], "q", Action::Quit, "quit", Some("quit")),
    bind(Help, &[(Esc, NONE), (Char('?'), NONE), (Char('?'), SHIFT)], "Esc ?", Action::ToggleHelp, "close the help", Some("close")),
    bind(Help, &[(Up, NONE), (Char('k'), NONE)], "↑ k", Action::Up, "scroll up", None),
    bind(Help, &[(Down, NONE), (Char('j'), NONE)], "↓ j", Action::Down, "scroll down", Some("scroll")),
    bind(Help, &[(PageUp, NONE)], "PgUp", Action::PageUp, "scroll up a page", None),
    bind(Help, &[(PageDown, NONE), (Char(' '), NONE)], "PgDn", Action::PageDown, "scroll down a page", None),
    bind(Help, &[(Char('q'), NONE), (Char('c'), CTRL)], "q", Action::Quit, "quit", Some("quit")),
    bind(Present, &[(Right, NONE), (Char(' '), NONE), (PageDown, NONE), (Char('l'), NONE)], "→ Space", Action::NextEvent, "next slide", Some("next")),
    bind(Present, &[(Left, NONE), (Backspace, NONE), (PageUp, NONE), (Char('h'), NONE)], "← Bksp", Action::PrevEvent, "previous slide", Some("back")),
    bind(Present, &[(Home, NONE), (Char('g'), NONE)], "Home", Action::Home, "first slide", None),
    bind(Present, &[(End, NONE), (Char('G'), SHIFT), (Char('G'), NONE)], "End", Action::End, "last slide", None),
    bind(Present, &[(Char('b'), NONE), (Char('.'), NONE)], "b .", Action::ToggleBlank, "blank the projector, and back", Some("blank")),
    bind(Presenter, &[(Char('a'), NONE)], "a", Action::ToggleQuestion, "question on the projector", Some("question")),
    bind(Presenter, &[(Char('v'), NONE)], "v", Action::RevealTally, "class: show/hide the tally", Some("tally")),
    bind(Presenter, &[(Char('z'), NONE)], "z", Action::StartQuiz, "class: a quiz on the tour", None),
    bind(Presenter, &[(Char('s'), NONE)], "s", Action::OpenSteps, "the steps, to jump to one", Some("steps")),
    bind(Presenter, &[(Up, NONE), (Char('k'), NONE)], "↑ k", Action::Up, "in the steps: up", None),
    bind(Presenter, &[(Down, NONE), (Char('j'), NONE)], "↓ j", Action::Down, "in the steps: down", None),
    bind(Presenter, &[(Enter, NONE)], "Enter", Action::Submit, "in the steps: go there", None),
    bind(Presenter, &[(Char('c'), NONE)], "c", Action::PauseTimer, "pause the timers, go on", Some("pause")),
    bind(Presenter, &[(Char('C'), SHIFT), (Char('C'), NONE)], "C", Action::ResetTimer, "the timers back to zero", Some("reset")),
    bind(Presenter, &[(Esc, NONE), (Char('p'), NONE)], "Esc p", Action::Back, "explorer (t Enter returns here)", Some("explorer")),
    bind(Tour, &[(Char('a'), NONE)], "a", Action::ToggleQuestion, "show/hide the class question", Some("question")),
    bind(Tour, &[(Char('v'), NONE)], "v", Action::RevealTally, "class: show/hide the tally", Some("tally")),
    bind(Tour, &[(Char('z'), NONE)], "z", Action::StartQuiz, "class: a quiz on the tour", None),
    bind(Tour, &[(Char('i'), NONE)], "i", Action::ToggleNotes, "show/hide the teacher's note", Some("notes")),
    bind(Present, &[(Esc, NONE), (Char('p'), NONE)], "Esc p", Action::Back, "back to the explorer", Some("explorer")),
    bind(Present, &[(Char('Q'), SHIFT), (Char('Q'), NONE)], "Q", Action::ShowJoin, "class: join address, QR code", Some("join")),
    bind(Present, &[(Char('T'), SHIFT), (Char('T'), NONE)], "T", Action::ToggleTop, "class: top five with the tally", None),
    bind(Present, &[(Char('?'), NONE), (Char('?'), SHIFT)], "?", Action::ToggleHelp, "help", Some("help")),
    bind(Present, &[(Char('q'), NONE), (Char('c'), CTRL)], "q", Action::Quit, "quit", Some("quit")),
    bind(Tours, &[(Up, NONE), (Char('k'), NONE)], "↑ k", Action::Up, "previous tour", None),
    bind(Tours, &[(Down, NONE), (Char('j'), NONE)], "↓ j", Action::Down, "next tour", None),
    bind(Tours, &[(Enter, NONE)], "Enter", Action::Submit, "start the tour", Some("start")),
    bind(Tours, &[(Esc, NONE), (Char('t'), NONE)], "Esc", Action::Back, "close the list", Some("close")),
    bind(Tours, &[(Char('q'), NONE), (Char('c'), CTRL)], "q", Action::Quit, "quit", Some("quit")),
    bind(Picker, &[(Up, NONE)], "↑", Action::Up, "move up", None),
    bind(Picker, &[(Down, NONE)], "↓", Action::Down, "move down", None),
    bind(Picker, &[(PageUp, NONE)], "PgUp", Action::PageUp, "up a page", None),
    bind(Picker, &[(PageDown, NONE)], "PgDn", Action::PageDown, "down a page", None),
    bind(Picker, &[(Home, NONE)], "Home", Action::Home, "the first", None),
    bind(Picker, &[(End, NONE)], "End", Action::End, "the last", None),
    bind(Picker, &[(Enter, NONE)], "Enter", Action::Submit, "take it", Some("take")),
    bind(Picker, &[(Esc, NONE)], "Esc", Action::Back, "close", Some("close")),
    bind(Picker, &[(Backspace, NONE)], "Bksp", Action::DeleteChar, "delete a typed letter", None),
    bind(Picker, &[(Char('c'), CTRL)], "C-c", Action::Quit, "quit", None),
    bind(Reader, &[(Up, NONE), (Char('k'), NONE)], "↑ k", Action::Up, "scroll up; a row up", None),
    bind(Reader, &[(Down, NONE), (Char('j'), NONE)], "↓ j", Action::Down, "scroll down; a row down", Some("scroll")),
    bind(Stats, &[(Left, NONE), (Char('h'), NONE)], "← h", Action::Left, "the cell to the left", None),
    bind(Stats, &[(Right, NONE), (Char('l'), NONE)], "→ l", Action::Right, "the cell to the right", Some("cell")),
    bind(Stats, &[(Enter, NONE)], "Enter", Action::Activate, "filter to the row or cell", Some("filter")),
    bind(Stats, &[(Char('g'), NONE)], "g", Action::CycleLanes, "the table's columns", Some("columns")),
    bind(Stats, &[(Char('b'), NONE)], "b", Action::CyclePeriod, "by year or by decade", None),
    bind(Reader, &[(PageUp, NONE)], "PgUp", Action::PageUp, "up a page", None),
    bind(Reader, &[(PageDown, NONE), (Char(' '), NONE)], "PgDn", Action::PageDown, "down a page", None),
    bind(Reader, &[(Esc, NONE), (Char('i'), NONE), (Char('S'), SHIFT), (Char('S'), NONE)], "Esc", Action::Back, "close", Some("close")),
    bind(Reader, &[(Char('q'), NONE), (Char('c'), CTRL)], "q", Action::Quit, "quit", Some("quit")),
    bind(Quiz, &[(Enter, NONE)], "Enter", Action::Submit, "answer, then go on", Some("answer / next")),
    bind(Quiz, &[(Up, NONE)], "↑", Action::Up, "scroll the results", None),
    bind(Quiz, &[(Down, NONE)], "↓", Action::Down, "scroll the results", None),
    bind(Quiz, &[(Backspace, NONE)], "Bksp", Action::DeleteChar, "delete a digit", None),
    bind(Quiz, &[(Esc, NONE)], "Esc", Action::Back, "leave the quiz", Some("leave")),
    bind(Quiz, &[(Char('v'), NONE)], "v", Action::RevealTally, "class: show/hide the tally", Some("tally")),
    bind(Quiz, &[(Char('Q'), SHIFT), (Char('Q'), NONE)], "Q", Action::ShowJoin, "class: join address, QR code", Some("join")),
    bind(Quiz, &[(Char('T'), SHIFT), (Char('T'), NONE)], "T", Action::ToggleTop, "class: top five with the tally", None),
    bind(Quiz, &[(Char('c'), CTRL)], "C-c", Action::Quit, "quit", None),
    bind(QuizDone, &[(Up, NONE), (Char('k'), NONE)], "↑ k", Action::Up, "scroll up", None),
    bind(QuizDone, &[(Down, NONE), (Char('j'), NONE)], "↓ j", Action::Down, "scroll down", Some("scroll")),
    bind(QuizDone, &[(Esc, NONE)], "Esc", Action::Back, "back to the explorer", Some("back")),
    bind(QuizDone, &[(Char('q'), NONE), (Char('c'), CTRL)], "q", Action::Quit, "quit", Some("quit")),
    bind(Prompt, &[(Enter, NONE)], "Enter", Action::Submit, "keep the search, apply", Some("done")),
    bind(Prompt, &[(Esc, NONE)], "Esc", Action::Back, "cancel (and clear a search)", Some("cancel")),
    bind(Prompt, &[(Backspace, NONE)], "Bksp", Action::DeleteChar, "delete a character", None),
    bind(Prompt, &[(Tab, NONE)], "Tab", Action::Complete, "complete a name (filter)", Some("complete")),
    bind(Prompt, &[(Char('c'), CTRL)], "C-c", Action::Quit, "quit", None),
    bind(Everywhere, &[(Char('z'), CTRL)], "C-z", Action::Suspend, "stop; the shell's fg resumes", None),
];

/// The contexts a screen state listens to, most specific first.
pub fn contexts(active: Context) -> &'static [Context] {
    match active {
        Context::Timeline => &[Context::Timeline, Context::Panes, Everywhere],
        Context::Facets => &[Context::Facets, Context::Panes, Everywhere],
        Context::Panes => &[Context::Panes, Everywhere],
        Context::Detail => &[Context::Detail, Everywhere],
        Context::Map => &[Context::Map, Context::Panes, Everywhere],
        Context::Axis => &[Context::Axis, Context::Panes, Everywhere],
        Context::Help => &[Context::Help, Everywhere],
        Context::Prompt => &[Context::Prompt, Everywhere],
        Context::Present => &[Context::Present, Everywhere],
        Context::Tour => &[Context::Tour, Context::Present, Everywhere],
        Context::Presenter => &[Context::Presenter, Context::Present, Everywhere],
        Context::Tours => &[Context::Tours, Everywhere],
        Context::Picker => &[Context::Picker, Everywhere],
        Context::Reader => &[Context::Reader, Everywhere],
        Context::Stats => &[Context::Stats, Context::Reader, Everywhere],
        Context::Quiz => &[Context::Quiz, Everywhere],
        Context::QuizDone => &[Context::QuizDone, Everywhere],
        Context::Everywhere => &[Everywhere],
    }
}

/// The action a key press means in `active`, if any.
pub fn lookup(active: Context, key: KeyEvent) -> Option<Action> {
    // Terminals differ in whether Shift comes with an upper-case letter.
    let mods = key.modifiers & (KeyModifiers::SHIFT | KeyModifiers::CONTROL | KeyModifiers::ALT);
    for ctx in contexts(active) {
        for b in BINDINGS.iter().filter(|b| b.context == *ctx) {
            if b.keys.iter().any(|(code, m)| *code == key.code && *m == mods) {
                return Some(b.action);
            }
        }
    }
    // Where text is typed, a character that is no binding is input.
    if matches!(active, Context::Prompt | Context::Quiz | Context::Picker)
        && let KeyCode::Char(c) = key.code
        && !mods.contains(KeyModifiers::CONTROL)
        && !mods.contains(KeyModifiers::ALT)
    {
        return Some(Action::Input(c));
    }
    None
}

/// How the key for `action` in `active` is written in prose ("c", "Esc"):
/// the first key of its binding, so that a hint can never name a key that
/// does something else. Every hint the explorer shows is built with it.
pub fn key(active: Context, action: Action) -> &'static str {
    let found = contexts(active)
        .iter()
        .flat_map(|ctx| BINDINGS.iter().filter(move |b| b.context == *ctx))
        .find(|b| b.action == action);
    debug_assert!(found.is_some(), "no key for {action:?} in {active:?}");
    found.map_or("?", |b| b.label.split(' ').next().unwrap_or(b.label))
}

/// A footer hint: its keys and words, where it stands in the footer, and
/// how soon it gives way on a short line.
struct Hint {
    rank: u8,
    at: usize,
    action: Action,
    keys: &'static str,
    words: &'static str,
}

/// The footer hints of `active`: an action bound in a more specific context
/// is shown once, as bound there.
fn hints(active: Context) -> Vec<Hint> {
    let mut seen: Vec<Action> = Vec::new();
    let mut out = Vec::new();
    for ctx in contexts(active) {
        for b in BINDINGS.iter().filter(|b| b.context == *ctx) {
            if seen.contains(&b.action) {
                continue;
            }
            seen.push(b.action);
            if let Some(words) = b.footer {
                let keys = b.label.split(' ').next().unwrap_or(b.label);
                let at = out.len();
                out.push(Hint { rank: footer_rank(active, b), at, action: b.action, keys, words });
            }
        }
    }
    out
}

/// Which hints a short footer keeps (lower first): help and quit, which
/// must always be found; then the keys of a view (map, time axis) or, on
/// the panes, a teacher's keys (slides, tours, quiz); then the panes' own
/// keys; then the rest.
fn footer_rank(active: Context, b: &Binding) -> u8 {
    let panes = matches!(active, Context::Timeline | Context::Facets);
    match b.action {
        Action::ToggleHelp | Action::Quit => 0,
        Action::StartPresentation | Action::OpenTours | Action::StartQuiz if panes => 1,
        _ if b.context == active && !panes => 1,
        _ if b.context == active || b.context != Context::Panes => 2,
        _ => 3,
    }
}

/// The (keys, words) pairs for the footer in `active`: the most specific
/// context's first, each context's in the table's order.
pub fn footer(active: Context) -> Vec<(&'static str, &'static str)> {
    hints(active).into_iter().map(|h| (h.keys, h.words)).collect()
}

/// The footer's hints that fit in `room` columns, each costing `cost(keys,
/// words)`, for the actions that do something now (`works`): kept in the
/// order they give way, shown in the footer's order.
pub fn footer_fitting(
    active: Context,
    room: usize,
    cost: impl Fn(&str, &'static str) -> usize,
    works: impl Fn(Action) -> bool,
) -> Vec<(&'static str, &'static str)> {
    let mut all = hints(active);
    all.retain(|h| works(h.action));
    // A stable sort: within a rank, the footer's order.
    all.sort_by_key(|h| h.rank);
    let mut left = room;
    let mut kept: Vec<Hint> = Vec::new();
    for h in all {
        let w = cost(h.keys, h.words);
        if w <= left {
            left -= w;
            kept.push(h);
        }
    }
    kept.sort_by_key(|h| h.at);
    kept.into_iter().map(|h| (h.keys, h.words)).collect()
}

/// Headings, their contexts and bindings for the help overlay, in table order.
pub fn help_sections() -> Vec<(&'static str, Context, Vec<&'static Binding>)> {
    let sections = [
        ("Everywhere on the main screen", Context::Panes),
        ("Timeline pane", Context::Timeline),
        ("Countries and actors panes", Context::Facets),
        ("Map view", Context::Map),
        ("Time axis: wheel pans, Ctrl+wheel zooms", Context::Axis),
        ("Search and year prompts", Context::Prompt),
        ("Presenting slides and tours", Context::Present),
        ("In a tour", Context::Tour),
        ("Presenter's view (--presenter)", Context::Presenter),
        ("Tour list", Context::Tours),
        ("Tags, links, export: type to find", Context::Picker),
        ("About and statistics pages", Context::Reader),
        ("Statistics page", Context::Stats),
        ("Quiz: type a year or an answer's number", Context::Quiz),
        ("Quiz results", Context::QuizDone),
        ("Full-screen event", Context::Detail),
        ("This help", Context::Help),
        ("Everywhere", Context::Everywhere),
    ];
    sections
        .into_iter()
        .map(|(title, ctx)| (title, ctx, BINDINGS.iter().filter(|b| b.context == ctx).collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_mean_different_things_by_context() {
        assert_eq!(lookup(Context::Timeline, key(Enter)), Some(Action::Activate));
        assert_eq!(lookup(Context::Prompt, key(Enter)), Some(Action::Submit));
        assert_eq!(lookup(Context::Prompt, key(Char('q'))), Some(Action::Input('q')));
        assert_eq!(lookup(Context::Facets, key(Char('q'))), Some(Action::Quit));
        assert_eq!(lookup(Context::Help, key(Char('j'))), Some(Action::Down));
        assert_eq!(lookup(Context::Help, key(Char('c'))), None);
        let shifted = KeyEvent::new(Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Context::Timeline, shifted), Some(Action::End));
        let ctrl_c = KeyEvent::new(Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Context::Prompt, ctrl_c), Some(Action::Quit));
        assert_eq!(lookup(Context::Timeline, ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.context == b.context {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{k:?} bound twice in {:?}", a.context);
                    }
                }
            }
        }
    }

    #[test]
    fn help_words_fit_the_help_column() {
        for b in BINDINGS {
            assert!(b.help.chars().count() <= 31, "{:?} is too long for the help", b.help);
            assert!(b.label.chars().count() <= 8, "{:?} is too long for the help", b.label);
        }
    }

    #[test]
    fn prose_names_the_first_key_of_a_binding() {
        assert_eq!(super::key(Context::Timeline, Action::ClearFilters), "c");
        assert_eq!(super::key(Context::Help, Action::ToggleHelp), "Esc");
        assert_eq!(super::key(Context::Facets, Action::Activate), "Enter");
        assert_eq!(super::key(Context::Tour, Action::NextEvent), "→");
    }

    #[test]
    fn footer_hints_come_from_the_table() {
        let hints = footer(Context::Timeline);
        assert_eq!(hints.first(), Some(&("Enter", "open")));
        assert!(hints.contains(&("/", "search")));
        assert!(hints.contains(&("q", "quit")));
        assert!(!footer(Context::Prompt).contains(&("q", "quit")));
        // The about page offers only what works there; statistics add their table's keys.
        let about = footer(Context::Reader);
        assert!(
            about.contains(&("Esc", "close")) && about.iter().any(|h| h.1 == "scroll"),
            "{about:?}"
        );
        assert!(!about.iter().any(|(_, what)| ["filter", "columns", "cell"].contains(what)));
        let stats = footer(Context::Stats);
        assert!(stats.contains(&("Enter", "filter")) && stats.contains(&("Esc", "close")));
        assert_eq!(lookup(Context::Reader, key(Char('g'))), None);
        assert_eq!(lookup(Context::Stats, key(Char('g'))), Some(Action::CycleLanes));
    }
}
