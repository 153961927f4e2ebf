//! A tick every second, for the presenter's clock; it stops with the stream.

use std::io;
use std::time::Duration;

use crate::tui::event::{Event, Sender};

pub fn start(tx: Sender) -> io::Result<()> {
    std::thread::Builder::new().name("clock".into()).spawn(move || {
        while tx.send(Event::Tick).is_ok() {
            std::thread::sleep(Duration::from_secs(1));
        }
    })?;
    Ok(())
}
