//! The terminal's input: bytes read from standard input, decoded into keys
//! and mouse events (see [`super::decode`]). The end of the input (the
//! terminal closed) is an event too, so the explorer ends with it.

use std::io;
use std::time::Duration;

use super::decode::{Decoder, Input};
use crate::tui::msg::{Msg, Sender};

/// How long an unfinished escape sequence waits for the rest: a lone Esc
/// key is told from the start of a sequence by the silence after it.
const ESCAPE_WAIT: Duration = Duration::from_millis(30);

pub fn start(tx: Sender) -> io::Result<()> {
    std::thread::Builder::new().name("input".into()).spawn(move || run(&tx))?;
    Ok(())
}

/// Waits up to `timeout` for standard input to be readable.
fn readable(timeout: Option<Duration>) -> io::Result<bool> {
    let mut fd = libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 };
    let ms = timeout.map_or(-1, |t| i32::try_from(t.as_millis()).unwrap_or(i32::MAX));
    // SAFETY: one valid pollfd, for the length given.
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    if n < 0 {
        let e = io::Error::last_os_error();
        return if e.kind() == io::ErrorKind::Interrupted { Ok(false) } else { Err(e) };
    }
    Ok(n > 0)
}

fn read(buf: &mut [u8]) -> io::Result<usize> {
    // SAFETY: the buffer is valid for writes of its length.
    let n = unsafe { libc::read(libc::STDIN_FILENO, buf.as_mut_ptr().cast(), buf.len()) };
    usize::try_from(n).map_err(|_| io::Error::last_os_error())
}

fn run(tx: &Sender) {
    let mut decoder = Decoder::default();
    let mut buf = [0u8; 4096];
    loop {
        let wait = decoder.waiting().then_some(ESCAPE_WAIT);
        let ready = match readable(wait) {
            Ok(ready) => ready,
            Err(_) => break,
        };
        let inputs = if ready {
            match read(&mut buf) {
                // End of input: the terminal is gone.
                Ok(0) => break,
                Ok(n) => decoder.feed(&buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        } else if decoder.waiting() {
            decoder.timeout()
        } else {
            continue;
        };
        for input in inputs {
            let event = match input {
                Input::Key(k) => Msg::Key(k),
                Input::Mouse(m) => Msg::Mouse(m),
                Input::Reply(heard) => Msg::Graphics(heard),
            };
            if tx.send(event).is_err() {
                return;
            }
        }
    }
    let _ = tx.send(Msg::InputClosed);
}
