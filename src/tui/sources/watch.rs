//! Watching the loaded files, so a saved edit shows up in the explorer.
//! Editors often save by writing a new file and renaming it over the old one,
//! so a file is watched through its directory, by name. A watched directory
//! that is deleted and made again, or swapped for another by a rename, is
//! noticed by its identity (device and inode) and watched anew.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// Changes closer together than this are one change.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// How often the watched directories' identities are checked.
const ROOT_CHECK: Duration = Duration::from_millis(500);

pub struct FileWatch {
    watcher: RecommendedWatcher,
    changes: Receiver<()>,
    pending_since: Option<Instant>,
    /// The directories watched, how, and what they were when last watched.
    roots: Vec<Root>,
    checked: Instant,
}

struct Root {
    path: PathBuf,
    mode: RecursiveMode,
    identity: Option<(u64, u64)>,
}

/// (device, inode) of a directory, if it exists.
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().filter(|m| m.is_dir()).map(|m| (m.dev(), m.ino()))
}

/// What a watched path stands for.
struct Targets {
    /// (directory, file name) of files named on the command line.
    files: HashSet<(PathBuf, OsString)>,
    /// Directories named on the command line: any timeline file below them.
    dirs: Vec<PathBuf>,
}

impl Targets {
    fn wants(&self, path: &Path) -> bool {
        let is_timeline = matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"));
        if is_timeline && self.dirs.iter().any(|d| path.starts_with(d)) {
            return true;
        }
        match (path.parent(), path.file_name()) {
            (Some(dir), Some(name)) => {
                self.files.contains(&(dir.to_path_buf(), name.to_os_string()))
            }
            _ => false,
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Whether an event changes content. Reading a file (as a reload does) must
/// not count, or every reload would cause the next.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
        _ => true,
    }
}

/// Watches `paths` in a thread that sends [`Msg::Load`] once a
/// change has settled. Without a watch (the system refuses one) the explorer
/// still works, without reloading.
pub fn start(tx: crate::tui::msg::Sender, paths: &[PathBuf]) -> notify::Result<()> {
    let mut watch = FileWatch::start(paths)?;
    let spawned = std::thread::Builder::new().name("watch".into()).spawn(move || {
        loop {
            let wait = if watch.pending_since.is_some() { DEBOUNCE / 3 } else { ROOT_CHECK };
            match watch.changes.recv_timeout(wait) {
                Ok(()) => watch.pending_since = Some(Instant::now()),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if watch.due() && tx.send(crate::tui::msg::Msg::Load).is_err() {
                return;
            }
        }
    });
    spawned.map(|_| ()).map_err(|e| notify::Error::generic(&e.to_string()))
}

impl FileWatch {
    pub fn start(paths: &[PathBuf]) -> notify::Result<FileWatch> {
        let mut targets = Targets { files: HashSet::new(), dirs: Vec::new() };
        let mut watch_list: Vec<(PathBuf, RecursiveMode)> = Vec::new();
        for p in paths {
            let abs = absolute(p);
            if abs.is_dir() {
                targets.dirs.push(abs.clone());
                watch_list.push((abs, RecursiveMode::Recursive));
            } else if let (Some(dir), Some(name)) = (abs.parent(), abs.file_name()) {
                let dir = absolute(dir);
                targets.files.insert((dir.clone(), name.to_os_string()));
                watch_list.push((dir, RecursiveMode::NonRecursive));
            }
        }
        let (tx, rx) = channel();
        let mut watcher = notify::recommended_watcher(move |res: notify::Result<Event>| {
            if let Ok(event) = res
                && is_change(&event.kind)
                && event.paths.iter().any(|p| targets.wants(p))
            {
                let _ = tx.send(());
            }
        })?;
        let mut roots = Vec::new();
        for (path, mode) in watch_list {
            watcher.watch(&path, mode)?;
            roots.push(Root { identity: identity(&path), path, mode });
        }
        Ok(FileWatch { watcher, changes: rx, pending_since: None, roots, checked: Instant::now() })
    }

    /// Watches again each directory that was replaced (deleted and made
    /// again, or another renamed over it) or that came back; either counts
    /// as a change.
    fn check_roots(&mut self) {
        if self.checked.elapsed() < ROOT_CHECK {
            return;
        }
        self.checked = Instant::now();
        for root in &mut self.roots {
            let now = identity(&root.path);
            if now == root.identity {
                continue;
            }
            let _ = self.watcher.unwatch(&root.path);
            // A directory that is gone is looked for again at the next check.
            root.identity = now.filter(|_| self.watcher.watch(&root.path, root.mode).is_ok());
            self.pending_since = Some(Instant::now());
        }
    }

    /// True once a change has settled: seen, and quiet for [`DEBOUNCE`] since.
    pub fn due(&mut self) -> bool {
        while self.changes.try_recv().is_ok() {
            self.pending_since = Some(Instant::now());
        }
        self.check_roots();
        match self.pending_since {
            Some(t) if t.elapsed() >= DEBOUNCE => {
                self.pending_since = None;
                // The change may have been the directory itself going or coming
                // back in the same place (its inode reused): watch it afresh.
                for root in &mut self.roots {
                    let _ = self.watcher.unwatch(&root.path);
                    root.identity = identity(&root.path)
                        .filter(|_| self.watcher.watch(&root.path, root.mode).is_ok());
                }
                true
            }
            _ => false,
        }
    }
}
