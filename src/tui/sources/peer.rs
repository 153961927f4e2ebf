//! The presenter's link: two (or more) steppes showing the same tour move
//! together over a local socket in the user's runtime directory, one socket
//! per channel, so two classes on one machine do not cross. The first to
//! start listens, the others connect; each says where it is in words
//! (`place step new-great-game 3`, or `away` when it leaves the lesson for
//! the explorer) and follows what the others say. When the
//! other side goes away, each goes on alone and says so; one that was
//! connecting listens in its turn, so a restarted screen finds it again.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::teach::steps::Place;
use crate::tui::msg::{Msg, Sender};

use crate::tui::state::link::ClassTold;
pub use crate::tui::state::link::PeerEvent;

/// A line of the link, parsed; `None` for anything else, which is ignored.
pub fn parse(line: &str) -> Option<PeerEvent> {
    let rest = line.trim_end();
    if let Some(place) = rest.strip_prefix("place ") {
        return Place::parse(place).map(PeerEvent::Place);
    }
    if let Some(class) = rest.strip_prefix("class ") {
        return parse_class(class).map(PeerEvent::Class);
    }
    match rest {
        "question on" => Some(PeerEvent::Question(true)),
        "question off" => Some(PeerEvent::Question(false)),
        "away" => Some(PeerEvent::Away),
        "blank on" => Some(PeerEvent::Blank(true)),
        "blank off" => Some(PeerEvent::Blank(false)),
        _ => None,
    }
}

/// `join URL CODE`, `qr on`, `tally {json}`, `tally off`: what the screen
/// that serves a class tells the others to show.
fn parse_class(rest: &str) -> Option<ClassTold> {
    use crate::tui::state::class::Join;
    let words: Vec<&str> = rest.split(' ').collect();
    match words.as_slice() {
        ["join", url, code] if url.starts_with("http://") => {
            Some(ClassTold::Join(Join { url: url.to_string(), code: code.to_string() }))
        }
        ["qr", "on"] => Some(ClassTold::Qr(true)),
        ["qr", "off"] => Some(ClassTold::Qr(false)),
        ["tally", "off"] => Some(ClassTold::Tally(None)),
        _ => {
            let json = rest.strip_prefix("tally ")?;
            let tally = serde_json::from_str(json).ok()?;
            Some(ClassTold::Tally(Some(Box::new(tally))))
        }
    }
}

/// The longest line read from the link; longer ones are skipped, a
/// buffer at a time, never held whole.
const MAX_LINE: usize = 4096;
/// Lines waiting to be written to one screen. A screen that falls this far
/// behind (stopped, asleep) is dropped: writes never wait on the UI thread.
pub const QUEUE: usize = 64;
/// Screens linked at once; more connections are closed as they come.
pub const MAX_PEERS: usize = 8;
/// Lines a second read from one screen; past that its reader waits, so a
/// flood costs the others nothing.
const LINES_PER_SECOND: u32 = 100;
/// How long a write to a screen may wait before it is dropped.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);

/// A channel's name as a file name: letters, digits, `-`, `_` and `.`.
pub fn channel_name(name: &str) -> Option<String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    ok.then(|| name.to_string())
}

/// The channel of a tour given without `--channel`: its id, or for an id
/// that cannot name a file (too long, not ASCII) a name made from it, the
/// same on every screen.
pub fn tour_channel(tour: &str) -> String {
    channel_name(tour).unwrap_or_else(|| {
        use sha2::Digest;
        let hash = sha2::Sha256::digest(tour.as_bytes());
        let hex: String = hash.iter().take(8).map(|b| format!("{b:02x}")).collect();
        format!("tour-{hex}")
    })
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

/// Makes `dir` (0700) if it is missing; an error that says what to do if it
/// is not a directory of user `uid`'s that no one else may enter.
fn private_dir(dir: &Path, uid: u32) -> io::Result<()> {
    let shown = dir.display();
    let refuse = |why: String| Err(io::Error::new(io::ErrorKind::PermissionDenied, why));
    match std::fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => {
            return refuse(format!(
                "cannot make {shown} ({e}): set XDG_RUNTIME_DIR to a directory of your own"
            ));
        }
    }
    let meta = std::fs::symlink_metadata(dir)?;
    if !meta.is_dir() {
        return refuse(format!("{shown} is not a directory: remove it"));
    }
    if meta.uid() != uid {
        return refuse(format!(
            "{shown} belongs to another user (uid {}), not to you: remove it (as its owner or \
             root), or set XDG_RUNTIME_DIR to a directory of your own",
            meta.uid()
        ));
    }
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return refuse(format!(
            "{shown} may be entered by other users (mode {mode:o}): `chmod 700 {shown}`"
        ));
    }
    Ok(())
}

/// The longest path a socket may have (`sun_path` less its final NUL).
const MAX_SOCKET_PATH: usize = 107;

pub fn socket_path(channel: &str) -> io::Result<PathBuf> {
    let path = socket_dir()?.join(format!("{channel}.sock"));
    let len = path.as_os_str().len();
    if len > MAX_SOCKET_PATH {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "the socket's path {} is {len} bytes, longer than a socket's {MAX_SOCKET_PATH}: \
                 set XDG_RUNTIME_DIR (or TMPDIR) to a shorter directory, or give a shorter --channel",
                path.display()
            ),
        ));
    }
    Ok(path)
}

/// The open link: the connections to write to, and the socket this one
/// listens on, if it does.
pub struct Peer {
    shared: Arc<Shared>,
}

/// One linked screen: its queue of lines to write, and its stream, to end it.
struct Conn {
    queue: SyncSender<Arc<str>>,
    stream: UnixStream,
}

struct Shared {
    path: PathBuf,
    tx: Sender,
    /// Connections by number, to write to.
    links: Mutex<HashMap<u64, Conn>>,
    next: AtomicU64,
    /// This one listens on `path` (and removes it at the end).
    listening: Mutex<bool>,
    /// The screen is ending: its connections are not to be made again.
    ending: std::sync::atomic::AtomicBool,
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
            ending: std::sync::atomic::AtomicBool::new(false),
        });
        join(&shared)?;
        Ok(Peer { shared })
    }

    /// Says `line` to every other screen, without waiting: each has a queue,
    /// and one whose queue is full is dropped.
    pub fn send(&self, line: &str) {
        tell(&self.shared, None, Arc::from(format!("{line}\n")));
    }

    /// How many screens are linked now.
    pub fn others(&self) -> usize {
        others(&self.shared)
    }
}

impl Drop for Peer {
    /// Leaves the channel: the others hear it at once.
    fn drop(&mut self) {
        self.shared.ending.store(true, Ordering::Relaxed);
        if *self.shared.listening.lock().unwrap_or_else(|e| e.into_inner()) {
            let _ = std::fs::remove_file(&self.shared.path);
        }
        for (_, link) in self.shared.links.lock().unwrap_or_else(|e| e.into_inner()).drain() {
            let _ = link.stream.shutdown(std::net::Shutdown::Both);
        }
    }
}

/// Queues `line` for every connection but `from`; one that is full has
/// fallen behind and is dropped, and the screen is told.
fn tell(shared: &Shared, from: Option<u64>, line: Arc<str>) {
    let mut dropped = false;
    let mut links = shared.links.lock().unwrap_or_else(|e| e.into_inner());
    links.retain(|id, conn| {
        if Some(*id) == from {
            return true;
        }
        match conn.queue.try_send(Arc::clone(&line)) {
            Ok(()) => true,
            Err(TrySendError::Full(_)) => {
                let _ = conn.stream.shutdown(std::net::Shutdown::Both);
                dropped = true;
                false
            }
            // Its writer has ended the stream: its reader takes it out and tells that it left.
            Err(TrySendError::Disconnected(_)) => true,
        }
    });
    let others = links.len();
    drop(links);
    if dropped {
        let _ = shared.tx.send(Msg::Peer(PeerEvent::Dropped { others }));
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
            std::thread::Builder::new()
                .name("peer-listen".into())
                .spawn(move || listen(&shared, &listener))?;
            Ok(())
        }
    }
}

/// Takes connections, at most [`MAX_PEERS`] at a time. An error (out of
/// file descriptors) waits a little rather than spinning.
fn listen(shared: &Arc<Shared>, listener: &UnixListener) {
    loop {
        match listener.accept() {
            Ok((stream, _)) if others(shared) >= MAX_PEERS => drop(stream),
            Ok((stream, _)) => {
                if add(shared, stream, false).is_err() {
                    std::thread::sleep(Duration::from_millis(100));
                }
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

fn others(shared: &Shared) -> usize {
    shared.links.lock().unwrap_or_else(|e| e.into_inner()).len()
}

/// Takes a new connection: a thread writes its queue, another reads what it
/// says until it goes away. One that `dialed` out joins the channel again
/// when it does.
fn add(shared: &Arc<Shared>, stream: UnixStream, dialed: bool) -> io::Result<()> {
    let id = shared.next.fetch_add(1, Ordering::Relaxed);
    let reader = stream.try_clone()?;
    let mut writer = stream.try_clone()?;
    writer.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let (queue, lines) = mpsc::sync_channel::<Arc<str>>(QUEUE);
    std::thread::Builder::new().name("peer-write".into()).spawn(move || {
        for line in lines {
            if writer.write_all(line.as_bytes()).is_err() {
                // Too slow or gone: ending the stream ends its reader too.
                let _ = writer.shutdown(std::net::Shutdown::Both);
                return;
            }
        }
    })?;
    shared.links.lock().unwrap_or_else(|e| e.into_inner()).insert(id, Conn { queue, stream });
    let _ = shared.tx.send(Msg::Peer(PeerEvent::Joined { others: others(shared), dialed }));
    let ours = Arc::clone(shared);
    let spawned = std::thread::Builder::new().name("peer-read".into()).spawn(move || {
        let shared = ours;
        read(&shared, id, reader);
        // One already taken out was dropped (or the screen is ending), which is told apart.
        let linked = shared.links.lock().unwrap_or_else(|e| e.into_inner()).remove(&id).is_some();
        let unheard =
            || shared.tx.send(Msg::Peer(PeerEvent::Left { others: others(&shared) })).is_err();
        if shared.ending.load(Ordering::Relaxed) || linked && unheard() {
            return;
        }
        if dialed {
            // The one listening is gone: listen in its place, or find the
            // one that did first.
            while join(&shared).is_err() {
                std::thread::sleep(Duration::from_millis(500));
            }
        }
    });
    if let Err(e) = spawned {
        if let Some(conn) = shared.links.lock().unwrap_or_else(|e| e.into_inner()).remove(&id) {
            let _ = conn.stream.shutdown(std::net::Shutdown::Both);
        }
        return Err(e);
    }
    Ok(())
}

/// Reads connection `id`'s lines until it ends: each is passed on to the
/// other connections and to the screen. Memory is bounded whatever comes: a
/// line longer than [`MAX_LINE`] is skipped as it arrives.
fn read(shared: &Shared, id: u64, stream: UnixStream) {
    let mut input = BufReader::with_capacity(MAX_LINE, stream);
    let mut line: Vec<u8> = Vec::with_capacity(256);
    let mut skipping = false;
    let (mut second, mut this_second) = (std::time::Instant::now(), 0u32);
    loop {
        let buf = match input.fill_buf() {
            Ok([]) | Err(_) => return,
            Ok(buf) => buf,
        };
        let (part, ended) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let used = part.len();
        if !skipping {
            if line.len() + used > MAX_LINE {
                skipping = true;
                line.clear();
            } else {
                line.extend_from_slice(part);
            }
        }
        input.consume(used);
        if !ended {
            continue;
        }
        if !std::mem::take(&mut skipping)
            && let Ok(text) = std::str::from_utf8(&line)
            && let Some(event) = parse(text)
        {
            tell(shared, Some(id), Arc::from(text));
            if shared.tx.send(Msg::Peer(event)).is_err() {
                return;
            }
            this_second += 1;
            if this_second >= LINES_PER_SECOND {
                let left = Duration::from_secs(1).saturating_sub(second.elapsed());
                std::thread::sleep(left);
                (second, this_second) = (std::time::Instant::now(), 0);
            } else if second.elapsed() >= Duration::from_secs(1) {
                (second, this_second) = (std::time::Instant::now(), 0);
            }
        }
        line.clear();
    }
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
        assert_eq!(parse("blank on\n"), Some(PeerEvent::Blank(true)));
        assert_eq!(parse("blank off"), Some(PeerEvent::Blank(false)));
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

    fn listening(name: &str) -> (tempfile::TempDir, PathBuf, Peer, crate::tui::msg::Receiver) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(format!("{name}.sock"));
        let (tx, rx) = crate::tui::msg::channel();
        let peer = Peer::start_at(tx, path.clone()).expect("listens");
        (dir, path, peer, rx)
    }

    fn next_peer_event(rx: &crate::tui::msg::Receiver) -> PeerEvent {
        match rx.recv_timeout(Duration::from_secs(5)) {
            Ok(Msg::Peer(p)) => p,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_screen_that_never_reads_is_dropped_and_sending_never_waits() {
        let (_dir, path, peer, rx) = listening("never-reads");
        let _silent = UnixStream::connect(&path).expect("connects");
        assert_eq!(next_peer_event(&rx), PeerEvent::Joined { others: 1, dialed: false });
        let line = format!("place step {} 1", "t".repeat(2000));
        let start = std::time::Instant::now();
        for _ in 0..2000 {
            peer.send(&line);
        }
        assert!(start.elapsed() < Duration::from_secs(1), "sends waited: {:?}", start.elapsed());
        assert_eq!(next_peer_event(&rx), PeerEvent::Dropped { others: 0 });
        assert_eq!(peer.others(), 0);
    }

    #[test]
    fn an_endless_line_is_skipped_in_bounded_memory_and_the_next_is_read() {
        let (_dir, path, _peer, rx) = listening("long-line");
        let mut talker = UnixStream::connect(&path).expect("connects");
        assert_eq!(next_peer_event(&rx), PeerEvent::Joined { others: 1, dialed: false });
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..64 {
            talker.write_all(&chunk).expect("write");
        }
        talker.write_all(b"\nplace step t 2\n").expect("write");
        let place = Place::Step { tour: "t".into(), step: 2 };
        assert_eq!(next_peer_event(&rx), PeerEvent::Place(place));
    }

    #[test]
    fn connections_past_the_cap_are_closed() {
        let (_dir, path, peer, _rx) = listening("many");
        let mut streams = Vec::new();
        for _ in 0..MAX_PEERS + 20 {
            streams.push(UnixStream::connect(&path).expect("connects"));
        }
        let (start, mut closed) = (std::time::Instant::now(), 0);
        while start.elapsed() < Duration::from_secs(5) {
            closed = streams
                .iter()
                .filter(|s| {
                    let mut s: &UnixStream = s;
                    s.set_read_timeout(Some(Duration::from_millis(1))).is_ok()
                        && matches!(std::io::Read::read(&mut s, &mut [0u8; 1]), Ok(0))
                })
                .count();
            if closed >= 20 {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(closed >= 20, "{closed} closed");
        assert_eq!(peer.others(), MAX_PEERS);
    }

    #[test]
    fn a_tour_id_that_cannot_name_a_file_still_names_a_channel() {
        assert_eq!(tour_channel("new-great-game"), "new-great-game");
        let long = "x".repeat(80);
        assert_eq!(tour_channel(&long), tour_channel(&long), "the same on every screen");
        assert!(channel_name(&tour_channel(&long)).is_some());
        assert!(channel_name(&tour_channel("алма-ата")).is_some());
        assert_ne!(tour_channel("алма-ата"), tour_channel("алма-ата-2"));
    }

    #[test]
    fn a_directory_not_private_says_why_and_what_to_do() {
        let dir = tempfile::tempdir().expect("temp dir");
        // SAFETY: as above.
        let uid = unsafe { libc::getuid() };
        let open = dir.path().join("open");
        std::fs::create_dir(&open).expect("mkdir");
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let why = private_dir(&open, uid).expect_err("refused").to_string();
        assert!(why.contains("mode 755") && why.contains("chmod 700"), "{why}");
        let theirs = private_dir(&dir.path().join("x"), uid + 1).expect_err("refused").to_string();
        assert!(theirs.contains("another user") && theirs.contains("XDG_RUNTIME_DIR"), "{theirs}");
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
