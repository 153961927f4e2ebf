//! The explorer: terminal set-up and restore, and the event loop that turns
//! terminal events into actions for `App::update` and draws with `view`.

pub mod action;
pub mod app;
pub mod keymap;
pub mod layout;
pub mod present;
pub mod quiz;
mod relocate;
pub mod theme;
mod update;
pub mod view;
pub mod watch;

use std::io::{self, IsTerminal, Stdout, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

use action::Action;
use app::App;
use theme::Theme;

/// Options from the command line that shape the session.
#[derive(Debug, Clone)]
pub struct Options {
    pub mouse: bool,
    /// The files and directories to watch and reload from; empty: no watching.
    pub watch: Vec<PathBuf>,
    pub theme: Theme,
}

/// Puts the terminal back as it was: raw mode off, main screen, cursor
/// shown, mouse released. Safe to call more than once.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
}

/// Restores the terminal when dropped, so every return path gives it back.
struct Session {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Session {
    fn start(mouse: bool) -> io::Result<Session> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            previous(info);
        }));
        enable_raw_mode()?;
        let mut out = io::stdout();
        execute!(out, EnterAlternateScreen, cursor::Hide)?;
        if mouse {
            execute!(out, EnableMouseCapture)?;
        }
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(Session { terminal })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore_terminal();
        let _ = io::stdout().flush();
    }
}

/// Runs the explorer until the user quits or a signal asks it to stop.
pub fn run(mut app: App, options: Options) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let theme = options.theme;
    // Without a watch (no paths, or the system refuses) the explorer still works.
    let mut watch =
        (!options.watch.is_empty()).then(|| watch::FileWatch::start(&options.watch).ok()).flatten();
    let mut session = Session::start(options.mouse)?;
    let size = session.terminal.size()?;
    app.update(Action::Resize { width: size.width, height: size.height });
    // A closed terminal (its window or tmux session gone) may send no signal,
    // and crossterm then spins reading it without returning: a watchdog ends
    // the process instead.
    std::thread::spawn(|| {
        loop {
            std::thread::sleep(Duration::from_millis(250));
            if !io::stdin().is_terminal() {
                restore_terminal();
                std::process::exit(1);
            }
        }
    });
    while !app.quit && !stop.load(Ordering::Relaxed) {
        session.terminal.draw(|frame| view::render(&app, &theme, frame))?;
        // Wake up now and then to notice signals and file changes.
        if !event::poll(Duration::from_millis(100))? {
            if let Some(w) = &mut watch
                && w.due()
            {
                app.reload(crate::load::load_paths(&options.watch));
            }
            continue;
        }
        loop {
            if let Some(action) = translate(&app, event::read()?) {
                app.update(action);
            }
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    drop(session);
    Ok(())
}

/// A terminal event as an action, through the keymap for keys.
fn translate(app: &App, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(key) if key.kind == KeyEventKind::Press => keymap::lookup(app.context(), key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                Some(Action::Click { column: m.column, row: m.row })
            }
            MouseEventKind::ScrollUp => Some(Action::ScrollUp { column: m.column, row: m.row }),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown { column: m.column, row: m.row }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}
