//! The presenter's link: two (or more) steppes showing the same tour move
//! together over a local socket in the user's runtime directory, one socket
//! per channel, so two classes on one machine do not cross. The first to
//! start listens, the others connect; each says where it is in words
//! (`place step new-great-game 3`, or `away` when it leaves the lesson for
//! the explorer) and follows what the others say. When the
//! other side goes away, each goes on alone and says so; one that was
//! connecting listens in its turn, so a restarted screen finds it again.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::teach::steps::Place;
use crate::tui::msg::{Msg, Sender};

pub use crate::tui::state::link::PeerEvent;

/// A line of the link, parsed; `None` for anything else, which is ignored.
pub fn parse(line: &str) -> Option<PeerEvent> {
    let rest = line.trim_end();
    if let Some(place) = rest.strip_prefix("place ") {
        return Place::parse(place).map(PeerEvent::Place);
    }
    match rest {
        "question on" => Some(PeerEvent::Question(true)),
        "question off" => Some(PeerEvent::Question(false)),
        "away" => Some(PeerEvent::Away),
        _ => None,
    }
}

/// The longest line read from the link; longer ones are dropped.
const MAX_LINE: u64 = 4096;

/// A channel's name as a file name: letters, digits, `-`, `_` and `.`.
pub fn channel_name(name: &str) -> Option<String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    ok.then(|| name.to_string())
}

/// Where the channels' sockets live: `$XDG_RUNTIME_DIR/steppe`, else a
/// directory of the user's own under the temporary directory; created
/// private (0700), and refused if another user owns it or others may enter.
pub fn socket_dir() -> io::Result<PathBuf> {
    // SAFETY: getuid cannot fail and touches no memory.
    let uid = unsafe { libc::getuid() };
    let dir = match std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()) {
        Some(runtime) => PathBuf::from(runtime).join("steppe"),
        None => std::env::temp_dir().join(format!("steppe-{uid}")),
    };
    private_dir(&dir, uid)?;
    Ok(dir)
}

/// Makes `dir` (0700) if it is missing; an error if it is not a directory
/// of user `uid`'s that no one else may enter.
fn private_dir(dir: &Path, uid: u32) -> io::Result<()> {
    match std::fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    let meta = std::fs::symlink_metadata(dir)?;
    if !meta.is_dir() || meta.uid() != uid || meta.permissions().mode() & 0o077 != 0 {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("{} is not a private directory of this user's", dir.display()),
        ));
    }
    Ok(())
}

pub fn socket_path(channel: &str) -> io::Result<PathBuf> {
    Ok(socket_dir()?.join(format!("{channel}.sock")))
}

/// The open link: the connections to write to, and the socket this one
/// listens on, if it does.
pub struct Peer {
    shared: Arc<Shared>,
}

struct Shared {
    path: PathBuf,
    tx: Sender,
    /// Connections by number, to write to.
    links: Mutex<HashMap<u64, UnixStream>>,
    next: AtomicU64,
    /// This one listens on `path` (and removes it at the end).
    listening: Mutex<bool>,
}

impl Peer {
    /// Joins `channel`: connects to a steppe that listens on it, or listens.
    pub fn start(tx: Sender, channel: &str) -> io::Result<Peer> {
        Peer::start_at(tx, socket_path(channel)?)
    }

    /// Joins the channel whose socket is at `path`.
    pub fn start_at(tx: Sender, path: PathBuf) -> io::Result<Peer> {
        let shared = Arc::new(Shared {
            path,
            tx,
            links: Mutex::new(HashMap::new()),
            next: AtomicU64::new(0),
            listening: Mutex::new(false),
        });
        join(&shared)?;
        Ok(Peer { shared })
    }

    /// Says `line` to every other screen; a connection that fails is dropped.
    pub fn send(&self, line: &str) {
        let mut links = self.shared.links.lock().unwrap_or_else(|e| e.into_inner());
        links.retain(|_, s| s.write_all(format!("{line}\n").as_bytes()).is_ok());
    }
}

impl Drop for Peer {
    /// Leaves the channel: the others hear it at once.
    fn drop(&mut self) {
        if *self.shared.listening.lock().unwrap_or_else(|e| e.into_inner()) {
            let _ = std::fs::remove_file(&self.shared.path);
        }
        for (_, link) in self.shared.links.lock().unwrap_or_else(|e| e.into_inner()).drain() {
            let _ = link.shutdown(std::net::Shutdown::Both);
        }
    }
}

/// Connects to the channel, or, with nobody listening, listens on it.
fn join(shared: &Arc<Shared>) -> io::Result<()> {
    match UnixStream::connect(&shared.path) {
        Ok(stream) => {
            add(shared, stream, true)?;
            Ok(())
        }
        Err(_) => {
            // Nobody answers: a socket file left by one that ended without
            // cleaning up (a signal, a crash) is taken over.
            if std::fs::symlink_metadata(&shared.path).is_ok() {
                std::fs::remove_file(&shared.path)?;
            }
            let listener = UnixListener::bind(&shared.path)?;
            *shared.listening.lock().unwrap_or_else(|e| e.into_inner()) = true;
            let shared = Arc::clone(shared);
            std::thread::Builder::new().name("peer-listen".into()).spawn(move || {
                for stream in listener.incoming().flatten() {
                    if add(&shared, stream, false).is_err() {
                        continue;
                    }
                }
            })?;
            Ok(())
        }
    }
}

fn others(shared: &Shared) -> usize {
    shared.links.lock().unwrap_or_else(|e| e.into_inner()).len()
}

/// Takes a new connection: reads what it says until it goes away. One that
/// `dialed` out joins the channel again when it does.
fn add(shared: &Arc<Shared>, stream: UnixStream, dialed: bool) -> io::Result<()> {
    let id = shared.next.fetch_add(1, Ordering::Relaxed);
    let reader = stream.try_clone()?;
    shared.links.lock().unwrap_or_else(|e| e.into_inner()).insert(id, stream);
    let _ = shared.tx.send(Msg::Peer(PeerEvent::Joined { others: others(shared), dialed }));
    let shared = Arc::clone(shared);
    std::thread::Builder::new().name("peer-read".into()).spawn(move || {
        let mut lines = BufReader::new(reader);
        loop {
            let mut line = String::new();
            match (&mut lines).take(MAX_LINE).read_line(&mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) if !line.ends_with('\n') => {
                    // Too long: skip to the end of the line, ignore it.
                    let mut rest = Vec::new();
                    if lines.read_until(b'\n', &mut rest).unwrap_or(0) == 0 {
                        break;
                    }
                }
                Ok(_) => {
                    if let Some(event) = parse(&line) {
                        relay(&shared, id, &line);
                        if shared.tx.send(Msg::Peer(event)).is_err() {
                            return;
                        }
                    }
                }
            }
        }
        shared.links.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
        if shared.tx.send(Msg::Peer(PeerEvent::Left { others: others(&shared) })).is_err() {
            return;
        }
        if dialed {
            // The one listening is gone: listen in its place, or find the
            // one that did first.
            while join(&shared).is_err() {
                std::thread::sleep(Duration::from_millis(500));
            }
        }
    })?;
    Ok(())
}

/// Passes a line from connection `from` on to the other connections, so
/// that every screen on the channel follows any of them.
fn relay(shared: &Shared, from: u64, line: &str) {
    let mut links = shared.links.lock().unwrap_or_else(|e| e.into_inner());
    links.retain(|id, s| *id == from || s.write_all(line.as_bytes()).is_ok());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_strictly() {
        let place = Place::Step { tour: "t".into(), step: 2 };
        assert_eq!(parse("place step t 2\n"), Some(PeerEvent::Place(place)));
        assert_eq!(parse("question on\n"), Some(PeerEvent::Question(true)));
        assert_eq!(parse("question off"), Some(PeerEvent::Question(false)));
        assert_eq!(parse("away\n"), Some(PeerEvent::Away));
        for bad in ["", "place", "place step t 0", "question maybe", "\u{1b}[2J"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn channel_names_are_file_names() {
        assert_eq!(channel_name("new-great-game").as_deref(), Some("new-great-game"));
        for bad in ["", "../x", "a/b", ".hidden", "with space", &"x".repeat(65)] {
            assert_eq!(channel_name(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn two_ends_of_a_channel_hear_each_other_and_notice_a_departure() {
        let dir = tempfile::tempdir().expect("temp dir");
        // SAFETY: as above.
        let uid = unsafe { libc::getuid() };
        let private = dir.path().join("steppe");
        private_dir(&private, uid).expect("a private directory");
        let mode = std::fs::metadata(&private).expect("dir").permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        assert!(private_dir(&private, uid).is_err(), "a directory others may enter is refused");
        std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o700)).expect("chmod");
        let path = private.join("test-channel.sock");
        let (tx_a, rx_a) = crate::tui::msg::channel();
        let (tx_b, rx_b) = crate::tui::msg::channel();
        let a = Peer::start_at(tx_a, path.clone()).expect("listens");
        let b = Peer::start_at(tx_b, path).expect("connects");
        let wait = |rx: &crate::tui::msg::Receiver| match rx.recv_timeout(Duration::from_secs(5)) {
            Ok(Msg::Peer(p)) => p,
            other => panic!("{other:?}"),
        };
        assert_eq!(wait(&rx_b), PeerEvent::Joined { others: 1, dialed: true });
        assert_eq!(wait(&rx_a), PeerEvent::Joined { others: 1, dialed: false });
        b.send("place step t 3");
        assert_eq!(wait(&rx_a), PeerEvent::Place(Place::Step { tour: "t".into(), step: 3 }));
        a.send("question on");
        assert_eq!(wait(&rx_b), PeerEvent::Question(true));
        drop(a);
        assert_eq!(wait(&rx_b), PeerEvent::Left { others: 0 });
    }
}
