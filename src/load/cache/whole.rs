//! Entries for whole loads: the merged timeline and every message of a load
//! of unchanged files, so that a second run neither merges nor checks
//! references again. The key is made of the files' own keys, in order, and
//! of how they are merged.
//!
//! A whole load keeps no second copy of its events. It keeps where each
//! event of the merged timeline is in its file's entry (the file, and the
//! event's place in it), and each file entry's checksum: the events are read
//! from the files' entries on every core, straight into their place. An
//! edited file then costs a merge and this short entry, not a million events
//! written again. Events of a file with no entry of its own (a bundled
//! timeline) are kept here.

use std::collections::HashSet;
use std::fs;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::split::Split;
use super::{Cache, Entry, Key, checked_payload, map, mark_used, write_split};
use crate::load::diagnostic::Diagnostic;
use crate::load::format::Format;
use crate::load::merge::Source;
use crate::memory::prefetch;
use crate::model::{Event, Facts, Timeline};

/// One input of a load, as the whole load's key knows it.
pub struct Part<'a> {
    pub name: &'a str,
    pub bundled: bool,
    pub key: Key,
}

/// What a whole load gives back: the timeline, what each file was read as,
/// and the messages, in the order the load reported them.
pub struct Whole {
    pub timeline: Timeline,
    pub formats: Vec<Format>,
    pub diagnostics: Vec<Diagnostic>,
    /// (list, id) of the items errors kept from being read, in all files:
    /// a merge after one file changed needs them.
    pub not_read: Vec<(String, String)>,
}

/// What the entry holds besides the kept events. The timeline is written
/// without its events.
#[derive(Serialize)]
struct HeadRef<'a> {
    timeline: &'a Timeline,
    formats: &'a [Format],
    diagnostics: &'a [Diagnostic],
    not_read: &'a [(String, String)],
    /// Each file entry's checksum; `None` for a file whose events are kept here.
    files: &'a [Option<u64>],
    sources: &'a [Source],
    facts: &'a Facts,
}

#[derive(Deserialize)]
struct Head {
    timeline: Timeline,
    formats: Vec<Format>,
    diagnostics: Vec<Diagnostic>,
    not_read: Vec<(String, String)>,
    files: Vec<Option<u64>>,
    sources: Vec<Source>,
    facts: Facts,
}

/// Hashes `text` after its length, so that no two lists of texts hash alike.
fn hash_text(h: &mut Xxh3, text: &str) {
    h.update(&(text.len() as u64).to_le_bytes());
    h.update(text.as_bytes());
}

/// The key of a load of these inputs, in this order; `later`: the later of
/// two definitions is kept; `builtin`: the bundled timelines are part of it.
pub fn key(parts: &[Part], later: bool, builtin: bool) -> Key {
    let mut h = Xxh3::new();
    h.update(b"whole\x00");
    h.update(&[u8::from(later), u8::from(builtin)]);
    for p in parts {
        hash_text(&mut h, p.name);
        h.update(&[u8::from(p.bundled)]);
        h.update(&p.key.0.to_le_bytes());
    }
    Key(h.digest128())
}

/// What names the inputs of a load apart from their texts: their names, in
/// order, with whether each is bundled, how they are read and how merged.
/// The cache keeps the last whole load of each (see [`super::Last`]).
pub fn shape(
    parts: &[(String, bool)],
    reading: &[(String, String)],
    later: bool,
    builtin: bool,
) -> Key {
    let mut h = Xxh3::new();
    h.update(b"shape\x00");
    h.update(&[u8::from(later), u8::from(builtin)]);
    for (name, bundled) in parts {
        hash_text(&mut h, name);
        h.update(&[u8::from(*bundled)]);
    }
    for (a, b) in reading {
        hash_text(&mut h, a);
        hash_text(&mut h, b);
    }
    Key(h.digest128())
}

/// How many events ahead a whole load asks for the bytes it will read.
const AHEAD: usize = 32;

fn file_name(key: Key) -> String {
    format!("{:032x}-all.bin", key.0)
}

impl Cache {
    /// The whole load stored for `key`, whose files' entries have the keys
    /// `files` (`None` for an input with none); `None` unless the entry and
    /// every file entry it takes events from are good and as they were.
    pub fn get_whole(&self, key: Key, files: &[Option<Key>]) -> Option<Whole> {
        self.open_whole(key, files)?.read().map(|(whole, _)| whole)
    }

    /// The entry of the whole load stored for `key` and the entries of its
    /// files (see [`Cache::get_whole`]), checked and ready to read.
    pub fn open_whole(&self, key: Key, files: &[Option<Key>]) -> Option<Opened> {
        let path = self.dir.join(file_name(key));
        let whole = map(&path)?;
        let (payload, _) = checked_payload(&whole, key)?;
        let start = payload.as_ptr() as usize - whole.as_ptr() as usize;
        let head: Head = Split::of(payload)?.head()?;
        if head.files.len() != files.len() || head.formats.len() != files.len() {
            return None;
        }
        let maps: Vec<Option<memmap2::Mmap>> = head
            .files
            .iter()
            .zip(files)
            .map(|(sum, key)| match (sum, key) {
                (None, _) => Some(None),
                (Some(_), None) => None,
                (Some(_), Some(key)) => map(&self.dir.join(key.file_name())).map(Some),
            })
            .collect::<Option<_>>()?;
        // Checked on every core: the checksums read every byte of the files' entries.
        let entries: Vec<Option<(memmap2::Mmap, usize)>> = maps
            .into_par_iter()
            .zip(files)
            .zip(&head.files)
            .map(|((map, key), sum)| match (map, key, sum) {
                (Some(map), Some(key), Some(sum)) => {
                    let (payload, s) = checked_payload(&map, *key)?;
                    Split::of(payload)?;
                    let start = payload.as_ptr() as usize - map.as_ptr() as usize;
                    (s == *sum).then_some(Some((map, start)))
                }
                (None, _, None) => Some(None),
                _ => None,
            })
            .collect::<Option<_>>()?;
        Some(Opened { path, whole: (whole, start), head, entries })
    }

    /// Stores a whole load for `key`: `files` are the checksums of its
    /// files' entries (`None` for a file with none), `sources` where each
    /// event of `whole` is in them. A cache that cannot be written is passed over.
    pub fn put_whole(&self, key: Key, whole: &Whole, files: &[Option<u64>], sources: &[Source]) {
        let events = &whole.timeline.events;
        if sources.len() != events.len() || files.len() != whole.formats.len() {
            return;
        }
        // Events of files without an entry are kept here, in the order met.
        let mut kept: Vec<&Event> = Vec::new();
        let mut stored = Vec::with_capacity(sources.len());
        for (&(file, at), e) in sources.iter().zip(events) {
            match files.get(file as usize) {
                Some(Some(_)) => stored.push((file, at)),
                Some(None) => {
                    stored.push((file, kept.len() as u32));
                    kept.push(e);
                }
                None => return,
            }
        }
        let head = HeadRef {
            timeline: &whole.timeline,
            formats: &whole.formats,
            diagnostics: &whole.diagnostics,
            not_read: &whole.not_read,
            files,
            sources: &stored,
            facts: &Facts::of(&whole.timeline),
        };
        let write = |f: &mut fs::File| write_split(f, key, &head, &kept, |_| false).map(drop);
        self.write_entry(&file_name(key), write);
    }
}

/// A whole load's entry and its files' entries, checked.
pub struct Opened {
    path: std::path::PathBuf,
    /// Each entry mapped, with where its payload starts.
    whole: (memmap2::Mmap, usize),
    head: Head,
    entries: Vec<Option<(memmap2::Mmap, usize)>>,
}

impl Opened {
    fn split(&self, file: usize) -> Option<Split<'_>> {
        let (map, start) = self.entries.get(file)?.as_ref()?;
        Split::of(map.get(*start..)?)
    }

    /// Each file entry's checksum, `None` for a file whose events are kept whole.
    pub fn sums(&self) -> &[Option<u64>] {
        &self.head.files
    }

    /// The entry of file `file`, as [`Cache::get`] reads it, leaving it as
    /// unused as it was (that of a file as it was before an edit).
    pub fn entry(&self, file: usize) -> Option<Entry> {
        Entry::of(self.split(file)?, (*self.head.files.get(file)?)?, file)
    }

    /// The load, and where each of its events came from: its file, and its
    /// place among the file's events (for a file with no entry, among the
    /// events kept here).
    pub fn read(self) -> Option<(Whole, Vec<Source>)> {
        self.read_with_room(0)
    }

    /// [`Opened::read`], with room for `more` events in the timeline's list.
    pub fn read_with_room(mut self, more: usize) -> Option<(Whole, Vec<Source>)> {
        // A million events' memory, allocated once and kept.
        crate::memory::huge_pages(crate::memory::huge_pages_pay());
        let kept = self.kept()?;
        let events = self.read_events(&kept, 0..self.head.sources.len(), more, true)?;
        let mut whole = self.take_whole();
        whole.timeline.events = events;
        Some((whole, std::mem::take(&mut self.head.sources)))
    }

    /// The load without its events, and its events to be read a block at a
    /// time by a caller that lets each block go once it is used (an export
    /// of every event): a million events are never held at once.
    pub fn stream(mut self) -> Option<(Whole, Stream)> {
        let kept = self.kept()?;
        // Every event's place is checked now: once the first block is
        // written, one that cannot be read could not be loaded otherwise.
        let entries: Vec<Option<usize>> =
            (0..self.entries.len()).map(|f| self.split(f).map(|s| s.len())).collect();
        let placed = self.head.sources.iter().all(|&(file, at)| match entries.get(file as usize) {
            Some(Some(len)) => (at as usize) < *len,
            Some(None) => (at as usize) < kept.len(),
            None => false,
        });
        if !placed {
            return None;
        }
        let whole = self.take_whole();
        Some((whole, Stream { opened: self, kept }))
    }

    /// The events kept in the whole entry itself (those of files without an entry).
    fn kept(&self) -> Option<Vec<Event>> {
        Split::of(self.whole.0.get(self.whole.1..)?)?.items()
    }

    /// The load's timeline, without its events, and its messages, taken
    /// from the head; the entry counts as used.
    fn take_whole(&mut self) -> Whole {
        mark_used(&self.path);
        let head = &mut self.head;
        Whole {
            timeline: std::mem::take(&mut head.timeline),
            formats: std::mem::take(&mut head.formats),
            diagnostics: std::mem::take(&mut head.diagnostics),
            not_read: std::mem::take(&mut head.not_read),
        }
    }

    /// The events at `range` of the timeline, in a list with room for
    /// `more`, read on every core if `parallel`; `None` if one cannot be read.
    fn read_events(
        &self,
        kept: &[Event],
        range: std::ops::Range<usize>,
        more: usize,
        parallel: bool,
    ) -> Option<Vec<Event>> {
        let entries: Vec<Option<Split>> = (0..self.entries.len()).map(|f| self.split(f)).collect();
        // Read in the timeline's order, so that each event's text lies next
        // to its neighbours' for what walks the timeline after (a table of a
        // million rows); read file by file, it is scattered, and costs more.
        // The bytes of event `at` of a file with an entry:
        let bytes = |file: u32, at: u32| entries.get(file as usize)?.as_ref()?.item(at as usize);
        let sources = &self.head.sources;
        let read = |k: usize| {
            let &(file, at) = sources.get(k)?;
            // The bytes of an event a little ahead are asked for now:
            // they are met scattered, and each wait would be paid in turn.
            // Where its bytes are is asked for further ahead still.
            if let Some(&(f, a)) = sources.get(k + 2 * AHEAD)
                && let Some(Some(split)) = entries.get(f as usize)
                && let Some(bounds) = split.bounds(a as usize)
            {
                prefetch(bounds);
            }
            if let Some(&(f, a)) = sources.get(k + AHEAD)
                && let Some(ahead) = bytes(f, a)
            {
                prefetch(ahead);
            }
            match entries.get(file as usize)? {
                // An entry's event is the first field of its definition.
                Some(_) => {
                    let (mut e, _) = postcard::take_from_bytes::<Event>(bytes(file, at)?).ok()?;
                    e.origin.file = file as usize;
                    Some(e)
                }
                None => kept.get(at as usize).cloned(),
            }
        };
        let mut events = Vec::with_capacity(range.len() + more);
        if parallel {
            range.into_par_iter().map(read).collect_into_vec(&mut events);
        } else {
            events.extend(range.map(read));
        }
        // Collected in place: the list keeps its room.
        events.into_iter().collect()
    }

    /// Whether every event of every file but `skip` entered the timeline:
    /// then nothing that names an event is left out of it.
    pub fn every_event_kept_but(&self, skip: usize) -> bool {
        let mut kept = vec![0usize; self.entries.len()];
        for &(file, _) in &self.head.sources {
            if let Some(n) = kept.get_mut(file as usize) {
                *n += 1;
            }
        }
        (0..self.entries.len())
            .filter(|&f| f != skip)
            .all(|f| self.split(f).is_some_and(|s| s.len() == kept[f]))
    }

    /// Which of `ids` an event of a file other than `skip` has, as its
    /// entry keeps it (read or broken); `None` if a file has no entry.
    pub fn ids_elsewhere(&self, skip: usize, ids: &HashSet<&[u8]>) -> Option<HashSet<Vec<u8>>> {
        (0..self.entries.len())
            .into_par_iter()
            .filter(|&f| f != skip)
            .map(|f| {
                let split = self.split(f)?;
                let mut found = HashSet::new();
                for i in 0..split.len() {
                    let id = first_string(split.item(i)?)?;
                    if ids.contains(id) {
                        found.insert(id.to_vec());
                    }
                }
                Some(found)
            })
            .try_reduce(HashSet::new, |mut a, b| {
                a.extend(b);
                Some(a)
            })
    }
}

/// The events of a whole load, read a block at a time (see [`Opened::stream`]).
pub struct Stream {
    opened: Opened,
    kept: Vec<Event>,
}

impl Stream {
    /// How many events the timeline has.
    pub fn len(&self) -> usize {
        self.opened.head.sources.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What an export of every event must know of them all first.
    pub fn facts(&self) -> &Facts {
        &self.opened.head.facts
    }

    /// The events at `range` of the timeline, in its order, read on this
    /// thread (a caller reads other ranges on other cores); `None` if one
    /// cannot be read.
    pub fn read(&self, range: std::ops::Range<usize>) -> Option<Vec<Event>> {
        self.opened.read_events(&self.kept, range, 0, false)
    }
}

/// The first field of an encoded event, its id: a length, then the bytes.
fn first_string(bytes: &[u8]) -> Option<&[u8]> {
    let (len, rest) = postcard::take_from_bytes::<u64>(bytes).ok()?;
    rest.get(..usize::try_from(len).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::diagnostic::Mark;
    use crate::load::schema::{EventDef, FileContent};
    use crate::model::PartialDate;

    fn event(i: usize) -> Event {
        let mut e = Event::new(format!("e{i}"), PartialDate::year(1900 + i as i32), "An event");
        e.countries = vec!["KZ".into(), format!("C{i}")];
        // Attributes and a link to an event that is not there, for the facts.
        e.attributes = crate::model::Attributes::new([(format!("a{}", i % 2), "1".into())]);
        if i == 3 {
            e.related = vec!["gone".into()];
        }
        e
    }

    fn def(event: Event) -> EventDef {
        let mark = Mark { line: 3, column: 5, width: 2 };
        EventDef {
            event,
            complete: true,
            mark,
            countries: vec![mark, mark],
            actors: Vec::new(),
            related: vec![mark],
            picture: Some(mark),
            at: 0,
        }
    }

    fn encoded(events: &[Event]) -> Vec<Vec<u8>> {
        events.iter().map(|e| postcard::to_allocvec(e).expect("encoded")).collect()
    }

    #[test]
    fn an_event_reads_from_the_start_of_its_definition() {
        let e = event(4);
        let bytes = postcard::to_allocvec(&def(e.clone())).expect("encoded");
        let (back, rest) = postcard::take_from_bytes::<Event>(&bytes).expect("read");
        assert_eq!(encoded(&[back]), encoded(&[e]));
        assert!(!rest.is_empty(), "the marks follow");
    }

    /// Two files' entries (file 1 is bundled: no entry), and a merged
    /// timeline that takes events from both, out of their order.
    fn stored(dir: &std::path::Path) -> (Cache, Key, Vec<Option<Key>>, Vec<Event>) {
        let cache = Cache::new(dir.into(), 1 << 30);
        let mut content = FileContent { file: 0, ..FileContent::default() };
        content.events = (0..5).map(|i| def(event(i))).collect();
        let k0 = Key::of("a.yaml", "a", &[]);
        let sum = cache.put(k0, &Format::Yaml, Some(&mut content), &[]).expect("written");
        let bundled = event(100);
        let mut merged = vec![event(3), bundled.clone(), event(0), event(4)];
        merged[1].origin.file = 1;
        let sources = [(0, 3), (1, 0), (0, 0), (0, 4)];
        let timeline =
            Timeline { title: Some("T".into()), events: merged.clone(), ..Timeline::default() };
        let diagnostics = vec![Diagnostic::warning(1, None, "a warning")];
        let formats = vec![Format::Yaml, Format::Yaml];
        let whole = Whole { timeline, formats, diagnostics, not_read: Vec::new() };
        let key = Key(99);
        cache.put_whole(key, &whole, &[Some(sum), None], &sources);
        (cache, key, vec![Some(k0), None], merged)
    }

    #[test]
    fn a_whole_load_takes_each_event_from_its_files_entry_in_its_merged_place() {
        let dir = tempfile::tempdir().expect("a directory");
        let (cache, key, files, merged) = stored(dir.path());
        let back = cache.get_whole(key, &files).expect("read back");
        assert_eq!(encoded(&back.timeline.events), encoded(&merged));
        assert_eq!(back.timeline.title.as_deref(), Some("T"));
        assert_eq!(back.formats, [Format::Yaml, Format::Yaml]);
        assert_eq!(back.diagnostics.len(), 1);
        // Each event names the file it is in, in this load.
        let origins: Vec<usize> = back.timeline.events.iter().map(|e| e.origin.file).collect();
        assert_eq!(origins, [0, 1, 0, 0]);
    }

    #[test]
    fn a_streamed_load_reads_the_same_events_a_block_at_a_time() {
        let dir = tempfile::tempdir().expect("a directory");
        let (cache, key, files, merged) = stored(dir.path());
        let opened = cache.open_whole(key, &files).expect("opened");
        let (whole, stream) = opened.stream().expect("streamed");
        assert!(whole.timeline.events.is_empty(), "the events stay in the entries");
        assert_eq!(whole.timeline.title.as_deref(), Some("T"));
        assert_eq!(whole.diagnostics.len(), 1);
        assert_eq!(stream.len(), 4);
        let all = Timeline { events: merged.clone(), ..Timeline::default() };
        assert_eq!(stream.facts(), &Facts::of(&all), "kept with the load");
        assert_eq!(stream.facts().attributes, ["a1", "a0"]);
        assert_eq!(stream.facts().missing, ["gone"]);
        let mut back = stream.read(0..3).expect("a first block");
        back.extend(stream.read(3..4).expect("a second block"));
        assert_eq!(encoded(&back), encoded(&merged));
        let origins: Vec<usize> = back.iter().map(|e| e.origin.file).collect();
        assert_eq!(origins, [0, 1, 0, 0]);
        assert!(stream.read(3..5).is_none(), "past the end");
    }

    #[test]
    fn a_whole_load_whose_file_entry_changed_or_went_is_not_used() {
        let dir = tempfile::tempdir().expect("a directory");
        let (cache, key, files, _) = stored(dir.path());
        let Some(k0) = files[0] else { panic!("file 0 has an entry") };
        // Written again with other events: same key, another checksum.
        let mut content = FileContent { file: 0, ..FileContent::default() };
        content.events = (10..15).map(|i| def(event(i))).collect();
        cache.put(k0, &Format::Yaml, Some(&mut content), &[]).expect("written");
        assert!(cache.get_whole(key, &files).is_none(), "changed");
        fs::remove_file(dir.path().join(k0.file_name())).expect("removed");
        assert!(cache.get_whole(key, &files).is_none(), "gone");
        // Nor is one asked of other files.
        assert!(cache.get_whole(key, &[None, None]).is_none());
        assert!(cache.get_whole(key, &files[..1]).is_none());
    }
}
