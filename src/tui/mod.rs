//! The explorer: terminal set-up and restore, and one loop over one stream
//! of events (see [`event`]) fed by threads ([`sources`]). Events become
//! actions for `App::update`, which returns effects (load, filter, stop)
//! that the loop carries out; a frame is drawn only when something changed.

pub mod action;
pub mod app;
pub mod axis;
pub mod bidi;
mod complete;
pub mod data;
pub mod event;
pub mod export;
mod filter_prompt;
pub mod filtering;
pub mod geo;
pub mod keymap;
pub mod layout;
pub mod link;
mod loading;
mod map;
mod overlays;
pub mod present;
pub mod quiz;
mod relocate;
pub mod sources;
pub mod state;
pub mod theme;
mod update;
pub mod view;

use std::io::{self, Stdout, Write};

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

use action::{Action, Effect};
use app::{App, StartError};
use event::Event;
use theme::Theme;

/// Options from the command line that shape the session.
#[derive(Debug, Clone)]
pub struct Options {
    pub mouse: bool,
    /// The timelines to load: files and directories, the bundled ones, or both.
    pub sources: crate::load::Sources,
    /// Whether to watch the files and directories and reload when they change.
    pub watch: bool,
    pub theme: Theme,
    /// The language to show names and texts in, where the files have it.
    pub lang: Option<String>,
    /// The presenter's channel to join: screens on it move together.
    pub channel: Option<String>,
}

/// How a session ended.
#[derive(Debug)]
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

/// Puts the terminal back as it was: raw mode off, main screen, cursor
/// shown, mouse released. Safe to call more than once.
pub fn restore_terminal() {
    let _ = io::stdout().write_all(bidi::restore_sequence().as_bytes());
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = io::stdout().flush();
}

/// Takes the terminal: raw mode, the alternate screen, the mouse if wanted.
fn take_terminal(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, cursor::Hide)?;
    out.write_all(bidi::take_sequence().as_bytes())?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Restores the terminal when dropped, so every return path gives it back.
struct Session {
    mouse: bool,
}

impl Session {
    fn start(mouse: bool) -> io::Result<Session> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            previous(info);
        }));
        let session = Session { mouse };
        take_terminal(mouse)?;
        Ok(session)
    }

    /// Gives the terminal back and stops the process; when the shell
    /// continues it (`fg`), takes the terminal again.
    fn suspend(&self) -> io::Result<()> {
        restore_terminal();
        signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
        self.resume()
    }

    /// Takes the terminal again after a stop: the shell has put it back in
    /// its own modes meanwhile.
    fn resume(&self) -> io::Result<()> {
        take_terminal(self.mouse)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// The explorer's state, its terminal and the theme: events in, frames out.
/// Generic over the backend so a test can drive it on `TestBackend`.
pub struct Explorer<B: Backend> {
    pub app: App,
    pub terminal: Terminal<B>,
    pub theme: Theme,
    /// Frames drawn so far.
    pub draws: u64,
    dirty: bool,
}

/// What the loop does after an event, besides drawing.
#[derive(Debug)]
pub enum Next {
    Go(Vec<Effect>),
    Resume,
    End(Ending),
}

impl<B: Backend> Explorer<B> {
    pub fn new(app: App, terminal: Terminal<B>, theme: Theme) -> Self {
        Explorer { app, terminal, theme, draws: 0, dirty: true }
    }

    /// Draws a frame if anything changed since the last one.
    pub fn draw(&mut self) -> Result<(), B::Error> {
        if std::mem::take(&mut self.dirty) {
            let (app, theme) = (&self.app, &self.theme);
            self.terminal.draw(|frame| view::render(app, theme, frame))?;
            self.draws += 1;
        }
        Ok(())
    }

    /// Clears the screen and draws everything afresh, as after a stop
    /// (the screen then holds whatever the shell left).
    pub fn redraw_all(&mut self) -> Result<(), B::Error> {
        let size = self.terminal.size()?;
        // Unlike `clear`, this asks the terminal nothing: the input is ours.
        self.terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        self.dirty = true;
        Ok(())
    }

    /// Takes one event from the stream.
    pub fn handle(&mut self, event: Event) -> Next {
        let app = &mut self.app;
        let mut changed = true;
        let effects = match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                match keymap::lookup(app.context(), key) {
                    Some(action) => app.update(action),
                    None => {
                        changed = false;
                        Vec::new()
                    }
                }
            }
            Event::Key(_) => {
                changed = false;
                Vec::new()
            }
            Event::Mouse(m) => {
                let modified = !m.modifiers.is_empty();
                let action = match m.kind {
                    MouseEventKind::ScrollUp | MouseEventKind::ScrollDown if modified => {
                        Some(Action::ZoomWheel {
                            column: m.column,
                            row: m.row,
                            zoom_in: m.kind == MouseEventKind::ScrollUp,
                        })
                    }
                    MouseEventKind::Down(MouseButton::Left) => {
                        Some(Action::Click { column: m.column, row: m.row })
                    }
                    MouseEventKind::ScrollUp => {
                        Some(Action::ScrollUp { column: m.column, row: m.row })
                    }
                    MouseEventKind::ScrollDown => {
                        Some(Action::ScrollDown { column: m.column, row: m.row })
                    }
                    _ => None,
                };
                changed = action.is_some();
                action.map(|a| app.update(a)).unwrap_or_default()
            }
            Event::Resize { width, height } => app.update(Action::Resize { width, height }),
            Event::InputClosed => return Next::End(Ending::TerminalGone),
            Event::Terminate(signal) => return Next::End(Ending::Signal(signal)),
            Event::Suspend => vec![Effect::Suspend],
            Event::Resume => {
                self.dirty = true;
                return Next::Resume;
            }
            Event::FilesChanged => app.files_changed(),
            Event::LoadProgress { generation, progress } => {
                changed = app.load_progress(generation, progress);
                Vec::new()
            }
            Event::Loaded { generation, result } => match app.loaded(generation, *result) {
                Ok(effects) => effects,
                Err(why) => return Next::End(Ending::Refused(why)),
            },
            Event::Exported(result) => {
                app.exported(result);
                Vec::new()
            }
            Event::Filtered(done) => {
                changed = app.filtered(*done);
                Vec::new()
            }
            Event::Peer(said) => {
                changed = app.peer(said);
                std::mem::take(&mut app.effects)
            }
            Event::Tick => {
                changed = app.tick(std::time::SystemTime::now());
                Vec::new()
            }
        };
        self.dirty |= changed;
        if self.app.quit {
            return Next::End(Ending::Quit);
        }
        Next::Go(effects)
    }
}

/// Runs the explorer until the person quits, a signal ends it, or the data
/// cannot be opened. The first frame (a progress screen) draws at once; the
/// data loads in the background.
pub fn run(app: App, options: Options) -> io::Result<Ending> {
    let (tx, rx) = event::channel();
    sources::signals::start(tx.clone())?;
    let session = Session::start(options.mouse)?;
    sources::input::start(tx.clone())?;
    let filters = sources::filter::start(tx.clone())?;
    if options.watch && !options.sources.paths.is_empty() {
        // Without a watch (the system refuses one) the explorer still works.
        let _ = sources::watch::start(tx.clone(), &options.sources.paths);
    }
    let terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let mut explorer = Explorer::new(app, terminal, options.theme);
    explorer.app.background_from = app::BACKGROUND_FROM;
    let mut pending =
        explorer.app.update(Action::Resize { width: size.width, height: size.height });
    pending.extend(explorer.app.begin_load());
    let peer = options.channel.as_deref().and_then(|channel| {
        match sources::peer::Peer::start(tx.clone(), channel) {
            Ok(peer) => {
                explorer.app.link = Some(link::Link::new(channel));
                Some(peer)
            }
            Err(e) => {
                explorer.app.message =
                    Some(format!("cannot open the channel `{channel}` ({e}): going on alone"));
                None
            }
        }
    });
    if explorer.app.startup.as_ref().is_some_and(|s| s.presenter) {
        explorer.app.clock = Some(link::Clock::new(std::time::SystemTime::now()));
        sources::clock::start(tx.clone())?;
    }
    let effects = Effects {
        tx: &tx,
        filters: &filters,
        sources: &options.sources,
        lang: &options.lang,
        peer: peer.as_ref(),
    };
    loop {
        for effect in pending.drain(..) {
            if effects.run(effect) {
                session.suspend()?;
                explorer.redraw_all()?;
            }
        }
        explorer.draw()?;
        // Waits for the next event: an idle explorer does nothing at all.
        let Ok(first) = rx.recv() else { return Ok(Ending::TerminalGone) };
        let mut next = Some(first);
        // Events that queued up meanwhile are taken before the next frame.
        while let Some(event) = next.take() {
            match explorer.handle(event) {
                Next::Go(more) => pending.extend(more),
                Next::Resume => {
                    session.resume()?;
                    explorer.redraw_all()?;
                }
                Next::End(ending) => return Ok(ending),
            }
            if pending.is_empty() {
                next = rx.try_recv().ok();
            }
        }
    }
}

/// Carries out effects: starts loads, hands filters to the worker.
struct Effects<'a> {
    tx: &'a event::Sender,
    filters: &'a sources::filter::FilterWorker,
    sources: &'a crate::load::Sources,
    lang: &'a Option<String>,
    peer: Option<&'a sources::peer::Peer>,
}

impl Effects<'_> {
    /// Returns true for a stop, which the loop carries out itself.
    fn run(&self, effect: Effect) -> bool {
        match effect {
            Effect::Load { generation } => {
                let (what, lang) = (self.sources.clone(), self.lang.clone());
                sources::loader::start(self.tx.clone(), what, lang, generation);
            }
            Effect::Filter(request) => {
                self.filters.send(*request);
            }
            Effect::Export(request) => {
                let tx = self.tx.clone();
                std::thread::spawn(move || {
                    let dir =
                        std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
                    let _ = tx.send(Event::Exported(request.write_in(&dir)));
                });
            }
            Effect::Suspend => return true,
            Effect::Tell(line) => {
                if let Some(peer) = self.peer {
                    peer.send(&line);
                }
            }
        }
        false
    }
}
