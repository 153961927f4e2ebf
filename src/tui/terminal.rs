//! Taking the terminal and giving it back: raw mode, the alternate screen,
//! the mouse, the cursor and the bidi mode. [`Session`] gives it back when
//! dropped and from its panic hook, and the signal thread calls [`restore`]
//! itself, so every way out leaves the terminal as it was.

use std::io::{self, Write};

use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

use super::bidi;

/// Puts the terminal back as it was: raw mode off, main screen, cursor
/// shown, mouse released. Safe to call more than once.
pub fn restore() {
    let _ = io::stdout().write_all(bidi::restore_sequence().as_bytes());
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = io::stdout().flush();
}

/// Takes the terminal: raw mode, the alternate screen, the mouse if wanted.
fn take(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, cursor::Hide)?;
    out.write_all(bidi::take_sequence().as_bytes())?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Asks the terminal what graphics it has: kitty's test image (a query,
/// nothing drawn), the size of a cell in pixels, and last its attributes
/// (every terminal answers those, and sixel is among them). The answers
/// arrive as input and are read as answers, never as keys
/// ([`super::sources::decode`]); a terminal that does not answer leaves
/// the pictures in half blocks.
pub fn ask_graphics() -> io::Result<()> {
    let mut out = io::stdout();
    out.write_all(b"\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\\x1b[16t\x1b[c")?;
    out.flush()
}

/// Inside tmux, whose panes draw no pictures of their own: half blocks.
pub fn in_tmux() -> bool {
    std::env::var_os("TMUX").is_some()
        || std::env::var("TERM").is_ok_and(|t| t.starts_with("tmux") || t.starts_with("screen"))
}

/// iTerm2 and WezTerm draw iTerm2's pictures, and say so in the environment.
pub fn draws_iterm2_pictures() -> bool {
    std::env::var("TERM_PROGRAM").is_ok_and(|p| p == "iTerm.app" || p == "WezTerm")
}

/// Restores the terminal when dropped, so every return path gives it back.
pub struct Session {
    mouse: bool,
}

impl Session {
    pub fn start(mouse: bool) -> io::Result<Session> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        let session = Session { mouse };
        take(mouse)?;
        Ok(session)
    }

    /// Gives the terminal back and stops the process; when the shell
    /// continues it (`fg`), takes the terminal again.
    pub fn suspend(&self) -> io::Result<()> {
        restore();
        signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
        self.resume()
    }

    /// Takes the terminal again after a stop: the shell has put it back in
    /// its own modes meanwhile.
    pub fn resume(&self) -> io::Result<()> {
        take(self.mouse)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}
