//! Signals as events: the ones that end steppe (SIGINT and SIGQUIT sent by
//! `kill`, SIGTERM, SIGHUP), a stop and a continue (SIGTSTP, SIGCONT), and
//! a resized window (SIGWINCH). In raw mode Ctrl-C and Ctrl-Z arrive as keys.

use std::io;
use std::time::Duration;

use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;

use crate::tui::msg::{Msg, Sender};

/// If the loop has not ended this long after a signal asked it to, the
/// terminal is restored and the process ends from here.
const GRACE: Duration = Duration::from_secs(2);

pub fn start(tx: Sender) -> io::Result<()> {
    let mut signals = Signals::new([SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGWINCH])?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        for signal in signals.forever() {
            let event = match signal {
                SIGTSTP => Msg::Suspend,
                SIGCONT => Msg::Resume,
                SIGWINCH => match ratatui::crossterm::terminal::size() {
                    Ok((width, height)) => Msg::Resize { width, height },
                    Err(_) => continue,
                },
                other => Msg::Terminate(other),
            };
            let ending = matches!(event, Msg::Terminate(_));
            if tx.send(event).is_err() {
                return;
            }
            if ending {
                std::thread::sleep(GRACE);
                crate::tui::terminal::restore();
                std::process::exit(128 + signal);
            }
        }
    })?;
    Ok(())
}
