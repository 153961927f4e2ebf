//! A tick every second, for the presenter's clock; it stops with the stream.

use std::io;
use std::time::Duration;

use crate::tui::msg::{Msg, Sender};

pub fn start(tx: Sender) -> io::Result<()> {
    std::thread::Builder::new().name("clock".into()).spawn(move || {
        while tx.send(Msg::Tick(std::time::SystemTime::now())).is_ok() {
            std::thread::sleep(Duration::from_secs(1));
        }
    })?;
    Ok(())
}
