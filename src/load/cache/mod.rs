//! A cache of what the loader made of each file: its content, its problems
//! and the format it was read as, stored under the user's cache directory
//! (`XDG_CACHE_HOME/steppe`, or the platform's) and keyed on the file's
//! text, its name's ending and the options that change how it is read. An
//! entry is only ever a shortcut: one that is stale, truncated, corrupt or
//! written by another build of steppe is passed over and written anew, and
//! a cache that cannot be written changes nothing but the time.
//!
//! An entry is a header and a postcard payload. The header names the build
//! (the version, and a hash of the loader's own source made by `build.rs`,
//! so that a changed loader never reads what an old one wrote), the key,
//! and the payload's length and checksum. Entries are written to a
//! temporary file and renamed, so a reader sees a whole entry or none, and
//! two steppes writing one entry leave one of them whole. The directory is
//! kept under a size limit by dropping the least recently used entries
//! (their modification time is set when they are used).

use std::fs;
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::diagnostic::Diagnostic;
use super::format::Format;
use super::schema::FileContent;

mod split;
mod whole;
pub use whole::{Opened, Part, Stream, Whole, key as whole_key, shape};

/// The last whole load of some inputs (see [`shape`]): its key and its
/// files' keys. When one of the files changes, a load starts from it.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Last {
    pub whole: Key,
    pub files: Vec<Key>,
}

/// What the cache keeps of one file.
#[derive(Debug, Serialize, Deserialize)]
pub struct Entry {
    pub format: Format,
    pub content: Option<FileContent>,
    pub diagnostics: Vec<Diagnostic>,
    /// The checksum of the payload it was read from: a whole load names its
    /// files' entries by it.
    #[serde(skip)]
    pub sum: u64,
}

impl Entry {
    /// The entry in a checked payload taken apart, whose checksum is `sum`;
    /// its file's index becomes `file`.
    fn of(split: split::Split, sum: u64, file: usize) -> Option<Entry> {
        let mut entry: Entry = split.head()?;
        if let Some(content) = &mut entry.content {
            content.events = split.items()?;
        } else if split.len() > 0 {
            return None;
        }
        entry.sum = sum;
        reindex(&mut entry, file);
        Some(entry)
    }
}

/// The start of every entry.
const MAGIC: &[u8; 8] = b"steppe\x00c";
/// Bumped when the layout of an entry changes in a way the build's hash would miss.
const LAYOUT: u32 = 3;
/// An event with a summary longer than this is measured before it is encoded.
const LONG: usize = 1 << 16;
/// The build that writes and reads entries: steppe's version and commit,
/// and a hash of the loader's source.
const BUILD: &str = concat!(env!("STEPPE_VERSION"), " ", env!("STEPPE_LOADER_HASH"));
/// The default limit of the cache's size, in MiB (`STEPPE_CACHE_MB` sets another).
pub const DEFAULT_LIMIT_MB: u64 = 2048;

/// What identifies a file's reading: its text, its name's ending (which can
/// decide the format) and the options that change what is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key(u128);

impl Key {
    pub fn of(name: &str, text: &str, options: &[(String, String)]) -> Key {
        Key::of_content(name, content_hash(text.as_bytes()), options)
    }

    /// The key of a file whose bytes hash to `content` (see [`content_hash`]).
    pub fn of_content(name: &str, content: u128, options: &[(String, String)]) -> Key {
        let mut h = Xxh3::new();
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        for part in [ext.as_str(), "\u{0}"] {
            h.update(part.as_bytes());
        }
        for (a, b) in options {
            for part in [a.as_str(), "\u{1}", b.as_str(), "\u{1}"] {
                h.update(part.as_bytes());
            }
        }
        h.update(b"\x00text\x00");
        h.update(&content.to_le_bytes());
        Key(h.digest128())
    }

    fn file_name(self) -> String {
        format!("{:032x}.bin", self.0)
    }
}

/// A hash of a file's bytes, as they are on disk.
pub fn content_hash(bytes: &[u8]) -> u128 {
    let mut h = Xxh3::new();
    h.update(bytes);
    h.digest128()
}

/// [`content_hash`] of the file at `path`, read a part at a time: a load
/// asks it of every file before deciding to read them whole.
pub fn file_hash(path: &Path) -> io::Result<u128> {
    let mut file = fs::File::open(path)?;
    let mut h = Xxh3::new();
    let mut buf = vec![0; 1 << 20];
    loop {
        match io::Read::read(&mut file, &mut buf) {
            Ok(0) => return Ok(h.digest128()),
            Ok(n) => h.update(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// The cache directory, and how large it may grow.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    limit: u64,
    /// An entry was written in this load: the size is checked at its end.
    wrote: AtomicBool,
}

/// Where the cache lives when none is named: the platform's cache directory
/// (`XDG_CACHE_HOME` or `~/.cache` on Linux), under `steppe`.
pub fn default_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("steppe"))
}

/// The size limit in bytes: `STEPPE_CACHE_MB`, else the default.
pub fn limit_from_env() -> u64 {
    std::env::var("STEPPE_CACHE_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(DEFAULT_LIMIT_MB)
        .saturating_mul(1 << 20)
}

impl Cache {
    pub fn new(dir: PathBuf, limit: u64) -> Cache {
        Cache { dir, limit, wrote: AtomicBool::new(false) }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The entry for `key`, if there is a good one; its file's index becomes `file`.
    pub fn get(&self, key: Key, file: usize) -> Option<Entry> {
        let path = self.dir.join(key.file_name());
        let bytes = map(&path)?;
        let (payload, sum) = checked_payload(&bytes, key)?;
        let entry = Entry::of(split::Split::of(payload)?, sum, file)?;
        mark_used(&path);
        Some(entry)
    }

    /// Stores what was made of a file for `key`; the checksum of what was
    /// written, or `None` if the cache could not be written.
    pub fn put(
        &self,
        key: Key,
        format: &Format,
        mut content: Option<&mut FileContent>,
        diagnostics: &[Diagnostic],
    ) -> Option<u64> {
        // The events are written one by one after the rest, which holds none.
        let events = content.as_mut().map(|c| std::mem::take(&mut c.events)).unwrap_or_default();
        let mut sum = None;
        {
            // Serialized as an `Entry` is: a reference is written as what it refers to.
            let head = (format, content.as_deref(), diagnostics);
            let write = |f: &mut fs::File| {
                sum = Some(write_split(f, key, &head, &events, |e| e.event.summary.len() > LONG)?);
                Ok(())
            };
            if !self.write_entry(&key.file_name(), write) {
                sum = None;
            }
        }
        if let Some(c) = content {
            c.events = events;
        }
        sum
    }

    /// Writes the entry `name` with `write` (see [`store`]); a cache that
    /// cannot be written is passed over. Whether it was written.
    fn write_entry(&self, name: &str, write: impl FnOnce(&mut fs::File) -> io::Result<()>) -> bool {
        let stored = fs::create_dir_all(&self.dir).is_ok() && store(&self.dir, name, write).is_ok();
        if stored {
            self.wrote.store(true, Ordering::Relaxed);
        }
        stored
    }

    /// The last whole load of the inputs of `shape`, if one was kept.
    pub fn last(&self, shape: Key) -> Option<Last> {
        let path = self.dir.join(last_name(shape));
        let bytes = map(&path)?;
        let (payload, _) = checked_payload(&bytes, shape)?;
        let last = split::Split::of(payload)?.head()?;
        mark_used(&path);
        Some(last)
    }

    /// Keeps `last` as the last whole load of the inputs of `shape`, unless it is already.
    pub fn keep_last(&self, shape: Key, last: &Last) {
        if self.last(shape).is_none_or(|kept| kept != *last) {
            self.put_last(shape, last);
        }
    }

    /// Keeps `last` as the last whole load of the inputs of `shape`.
    pub fn put_last(&self, shape: Key, last: &Last) {
        let write =
            |f: &mut fs::File| write_split(f, shape, last, &[] as &[u8], |_| false).map(drop);
        self.write_entry(&last_name(shape), write);
    }

    /// Marks the entry for `key` as used now, if there is one: the entries of
    /// a whole load's files are kept as long as it is.
    pub fn touch(&self, key: Key) {
        mark_used(&self.dir.join(key.file_name()));
    }

    /// After a load that wrote entries: drops the least recently used ones
    /// until the cache is within nine tenths of its limit.
    pub fn trim(&self) {
        if self.wrote.swap(false, Ordering::Relaxed) {
            trim_to(&self.dir, self.limit);
        }
    }

    /// How many entries there are, and their size in bytes.
    pub fn usage(&self) -> (usize, u64) {
        let entries = entries(&self.dir);
        (entries.len(), entries.iter().map(|e| e.1).sum())
    }

    /// Removes every entry (and leftovers of interrupted writes); returns
    /// how many entries there were and their size.
    pub fn clear(&self) -> io::Result<(usize, u64)> {
        let usage = self.usage();
        match fs::read_dir(&self.dir) {
            Ok(rd) => {
                for e in rd.flatten() {
                    let path = e.path();
                    if is_ours(&path) {
                        fs::remove_file(&path)?;
                    }
                }
                Ok(usage)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok((0, 0)),
            Err(e) => Err(e),
        }
    }
}

/// Writes the entry for `key` into `f`: a header, then `head` and `items`
/// (see [`split::write`]) hashed as they are encoded, then the header again
/// with the payload's length and checksum; a big payload is never held.
/// The checksum.
fn write_split<H: Serialize, T: Serialize + Sync>(
    f: &mut fs::File,
    key: Key,
    head: &H,
    items: &[T],
    big: impl Fn(&T) -> bool + Sync,
) -> io::Result<u64> {
    f.write_all(&header(key, 0, 0))?;
    let mut out = Hashed::buffered(&mut *f);
    split::write(&mut out, head, items, big)?;
    let (len, sum) = Hashed::finish(out)?;
    f.seek(io::SeekFrom::Start(0))?;
    f.write_all(&header(key, len, sum))?;
    Ok(sum)
}

fn last_name(shape: Key) -> String {
    format!("{:032x}-last.bin", shape.0)
}

/// The entry at `path`, mapped.
fn map(path: &Path) -> Option<memmap2::Mmap> {
    let file = fs::File::open(path).ok()?;
    // SAFETY: an entry is never written in place, only replaced by renaming
    // a whole new file over it, so the mapped file stays as it was while it
    // is read; its checksum is checked before anything in it is used.
    unsafe { memmap2::Mmap::map(&file) }.ok()
}

/// Used now: the last to be dropped when the cache is too large.
fn mark_used(path: &Path) {
    if let Ok(f) = fs::File::options().append(true).open(path) {
        let _ = f.set_modified(SystemTime::now());
    }
}

/// A writer that hashes and counts what goes through it. It sits under a
/// buffer: the encoder's many small writes reach it in blocks.
struct Hashed<W: Write> {
    out: W,
    hash: Xxh3,
    len: u64,
}

impl<W: Write> Hashed<W> {
    fn buffered(out: W) -> io::BufWriter<Self> {
        io::BufWriter::with_capacity(1 << 16, Hashed { out, hash: Xxh3::new(), len: 0 })
    }

    /// Writes what is buffered; the length and checksum of all that was written.
    fn finish(out: io::BufWriter<Self>) -> io::Result<(u64, u64)> {
        let hashed = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        Ok((hashed.len, hashed.hash.digest()))
    }
}

impl<W: Write> Write for Hashed<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.out.write(bytes)?;
        let done = bytes.get(..n).unwrap_or_default();
        self.hash.update(done);
        self.len += done.len() as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The header of an entry for `key` with a payload of `len` bytes and checksum `sum`.
fn header(key: Key, len: u64, sum: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + BUILD.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&LAYOUT.to_le_bytes());
    out.extend_from_slice(&(BUILD.len() as u32).to_le_bytes());
    out.extend_from_slice(BUILD.as_bytes());
    out.extend_from_slice(&key.0.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// The payload of an entry and its checksum, if the entry is whole, for
/// `key`, and written by this build.
fn checked_payload(bytes: &[u8], key: Key) -> Option<(&[u8], u64)> {
    let mut rest = bytes.strip_prefix(MAGIC)?;
    let mut take = |n: usize| -> Option<&[u8]> {
        let (head, tail) = rest.split_at_checked(n)?;
        rest = tail;
        Some(head)
    };
    let u32_at = |b: &[u8]| b.try_into().ok().map(u32::from_le_bytes);
    if u32_at(take(4)?)? != LAYOUT {
        return None;
    }
    let build_len = u32_at(take(4)?)? as usize;
    if take(build_len)? != BUILD.as_bytes() {
        return None;
    }
    if u128::from_le_bytes(take(16)?.try_into().ok()?) != key.0 {
        return None;
    }
    let len = u64::from_le_bytes(take(8)?.try_into().ok()?);
    let sum = u64::from_le_bytes(take(8)?.try_into().ok()?);
    (rest.len() as u64 == len && xxh3_64(rest) == sum).then_some((rest, sum))
}

/// Writes `dir/name` with `write`: into a temporary file beside it, then
/// renamed over it, so that no reader ever sees part of an entry (a test
/// makes `write` fail as a full disk does).
fn store(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> io::Result<()> {
    let mut tmp = tempfile::Builder::new().prefix(".tmp-").suffix(".bin").tempfile_in(dir)?;
    // On an error the temporary file is removed when `tmp` is dropped.
    write(tmp.as_file_mut())?;
    tmp.persist(dir.join(name)).map_err(|e| e.error)?;
    Ok(())
}

/// The file's index in this load: entries are written with the index the
/// file had when it was read, and a load may list the files otherwise.
fn reindex(entry: &mut Entry, file: usize) {
    for d in &mut entry.diagnostics {
        d.file = file;
    }
    let Some(c) = &mut entry.content else { return };
    c.file = file;
    for x in &mut c.countries {
        x.file = file;
    }
    for x in &mut c.eras {
        x.file = file;
    }
    for x in &mut c.actors {
        x.file = file;
    }
    for x in &mut c.events {
        x.event.origin.file = file;
    }
    for x in &mut c.lanes {
        x.file = file;
    }
}

/// Whether `path` is an entry or a temporary file of this cache.
fn is_ours(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    // A file's entry, a whole load's (`-all.bin`), the last whole load of
    // some inputs (`-last.bin`), or a write under way.
    name.ends_with(".bin")
        && (name.len() == 36
            || name.ends_with("-all.bin")
            || name.ends_with("-last.bin")
            || name.starts_with(".tmp-"))
}

/// The entries: path, size and when each was last used.
fn entries(dir: &Path) -> Vec<(PathBuf, u64, SystemTime)> {
    let Ok(rd) = fs::read_dir(dir) else { return Vec::new() };
    rd.flatten()
        .filter(|e| is_ours(&e.path()))
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some((e.path(), meta.len(), meta.modified().unwrap_or(SystemTime::UNIX_EPOCH)))
        })
        .collect()
}

fn trim_to(dir: &Path, limit: u64) {
    let mut all = entries(dir);
    let mut total: u64 = all.iter().map(|e| e.1).sum();
    if total <= limit {
        return;
    }
    all.sort_by_key(|e| e.2);
    let goal = limit / 10 * 9;
    for (path, size, _) in all {
        if total <= goal {
            break;
        }
        if fs::remove_file(&path).is_ok() {
            total -= size;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(cache: &Cache, key: Key, mut e: Entry) -> Option<u64> {
        cache.put(key, &e.format, e.content.as_mut(), &e.diagnostics)
    }

    fn entry(events: usize) -> Entry {
        let mut content = FileContent { file: 3, ..FileContent::default() };
        for i in 0..events {
            let date = crate::model::PartialDate::year(1991);
            let event = crate::model::Event::new(format!("e{i}"), date, "An event");
            content.events.push(super::super::schema::EventDef {
                event,
                complete: true,
                mark: super::super::diagnostic::Mark { line: i + 1, column: 3, width: 2 },
                countries: Vec::new(),
                actors: Vec::new(),
                related: Vec::new(),
                picture: None,
                at: 0,
            });
        }
        Entry {
            format: Format::Yaml,
            content: Some(content),
            diagnostics: vec![Diagnostic::warning(3, None, "a warning")],
            sum: 0,
        }
    }

    #[test]
    fn an_entry_comes_back_whole_for_its_key_and_with_the_file_it_now_has() {
        let dir = tempfile::tempdir().expect("a directory");
        let cache = Cache::new(dir.path().into(), 1 << 30);
        let key = Key::of("a.yaml", "events: []", &[]);
        assert!(cache.get(key, 0).is_none());
        let sum = put(&cache, key, entry(2));
        let back = cache.get(key, 7).expect("a hit");
        assert_eq!(Some(back.sum), sum, "named by the checksum it was written with");
        assert_eq!(back.diagnostics[0].file, 7);
        let content = back.content.expect("content");
        assert_eq!(content.file, 7);
        assert_eq!(content.events[1].event.id, "e1");
        assert_eq!(content.events[1].event.origin.file, 7);
        assert_eq!(content.events[1].mark.line, 2);
    }

    /// Every field named `file`, anywhere in `value`.
    fn files(value: &serde_json::Value, out: &mut Vec<u64>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    if k == "file" {
                        out.extend(v.as_u64());
                    }
                    files(v, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| files(v, out)),
            _ => {}
        }
    }

    #[test]
    fn every_place_that_names_its_file_is_moved_to_the_file_it_now_has() {
        // The bundled timeline read as file 3 has every kind of item there is.
        let text = crate::load::BUNDLED[0].1;
        let mut diagnostics = Vec::new();
        let mut content = super::super::schema::read_yaml(text, 3, &mut diagnostics, &|_| {});
        // Keyed by tuples, which JSON cannot write; they name no file.
        content.translations = Default::default();
        diagnostics.push(Diagnostic::warning(3, None, "a warning"));
        let mut e = Entry { format: Format::Yaml, content: Some(content), diagnostics, sum: 0 };
        let before = serde_json::to_value(&e).expect("as JSON");
        let mut seen = Vec::new();
        files(&before, &mut seen);
        assert!(seen.len() > 100 && seen.iter().all(|&f| f == 3), "{} places", seen.len());
        reindex(&mut e, 7);
        let mut after = Vec::new();
        files(&serde_json::to_value(&e).expect("as JSON"), &mut after);
        assert_eq!(after.len(), seen.len());
        assert!(after.iter().all(|&f| f == 7), "a place still names file 3");
    }

    #[test]
    fn keys_differ_by_text_ending_and_options() {
        let k = |name: &str, text: &str, o: &[(String, String)]| Key::of(name, text, o);
        let base = k("a.yaml", "x", &[]);
        assert_eq!(base, k("b.yaml", "x", &[]), "the name's ending, not the name");
        assert_ne!(base, k("a.csv", "x", &[]));
        assert_ne!(base, k("a.yaml", "y", &[]));
        assert_ne!(base, k("a.yaml", "x", &[("event_date".into(), "date".into())]));
    }

    #[test]
    fn truncated_corrupt_foreign_or_misplaced_entries_are_passed_over() {
        let dir = tempfile::tempdir().expect("a directory");
        let cache = Cache::new(dir.path().into(), 1 << 30);
        let key = Key::of("a.yaml", "text", &[]);
        put(&cache, key, entry(3));
        let path = dir.path().join(key.file_name());
        let good = fs::read(&path).expect("written");
        let mut cases: Vec<(&str, Vec<u8>)> = vec![
            ("truncated", good[..good.len() - 5].to_vec()),
            ("empty", Vec::new()),
            ("garbage", b"not a cache entry at all".to_vec()),
        ];
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        cases.push(("a flipped byte", flipped));
        // Written by another build: the build's name differs.
        let at = MAGIC.len() + 8;
        let mut other = good.clone();
        other[at] ^= 1;
        cases.push(("another build", other));
        let mut layout = good.clone();
        layout[MAGIC.len()] += 1;
        cases.push(("another layout", layout));
        for (what, bytes) in cases {
            fs::write(&path, &bytes).expect("written");
            assert!(cache.get(key, 0).is_none(), "{what} is not trusted");
        }
        // An entry under another key's name (a renamed file) is not used for it.
        fs::write(&path, &good).expect("written");
        let other_key = Key::of("a.yaml", "other text", &[]);
        fs::copy(&path, dir.path().join(other_key.file_name())).expect("copied");
        assert!(cache.get(other_key, 0).is_none());
        assert!(cache.get(key, 0).is_some());
    }

    #[test]
    fn a_failed_write_leaves_no_entry_and_no_temporary_file() {
        let dir = tempfile::tempdir().expect("a directory");
        let full = |f: &mut fs::File| -> io::Result<()> {
            f.write_all(b"the start of an entry")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left on device"))
        };
        assert!(store(dir.path(), "x.bin", full).is_err());
        assert_eq!(fs::read_dir(dir.path()).expect("listed").count(), 0);
        // A cache in a place that cannot be a directory is passed over.
        let file = dir.path().join("a-file");
        fs::write(&file, "").expect("written");
        let cache = Cache::new(file.join("cache"), 1 << 30);
        let key = Key::of("a.yaml", "t", &[]);
        put(&cache, key, entry(1));
        assert!(cache.get(key, 0).is_none());
    }

    #[test]
    fn the_least_recently_used_entries_go_first_when_the_cache_is_too_large() {
        let dir = tempfile::tempdir().expect("a directory");
        let keys: Vec<Key> = (0..4).map(|i| Key::of("a.yaml", &i.to_string(), &[])).collect();
        let big = Cache::new(dir.path().into(), 1 << 30);
        for &k in &keys {
            put(&big, k, entry(200));
        }
        let size = fs::metadata(dir.path().join(keys[0].file_name())).expect("there").len();
        // Oldest first: 0, 1, 2, 3; then 0 is used again.
        let epoch = SystemTime::UNIX_EPOCH;
        for (n, k) in keys.iter().enumerate() {
            let f = fs::File::options()
                .append(true)
                .open(dir.path().join(k.file_name()))
                .expect("opened");
            f.set_modified(epoch + std::time::Duration::from_secs(1000 + n as u64)).expect("set");
        }
        assert!(big.get(keys[0], 0).is_some());
        let small = Cache::new(dir.path().into(), size * 4);
        put(&small, Key::of("a.yaml", "new", &[]), entry(200));
        small.trim();
        let kept: Vec<bool> =
            keys.iter().map(|k| dir.path().join(k.file_name()).exists()).collect();
        assert_eq!(kept, [true, false, false, true], "1 and 2 were the least recently used");
        let (n, bytes) = small.usage();
        assert!(bytes <= size * 4 / 10 * 9, "{n} entries, {bytes} bytes");
        assert_eq!(small.clear().expect("cleared").0, n);
        assert_eq!(small.usage(), (0, 0));
    }
}
