//! Entries for whole loads: the merged timeline and every message of a load
//! of unchanged files, so that a second run neither merges nor checks
//! references again. The key is made of the files' own keys, in order, and
//! of how they are merged.
//!
//! The payload is the timeline without its events and the load's messages,
//! then each event encoded on its own, then where each event ends: the
//! events are read back on every core, straight into their place.

use std::fs;
use std::io::{self, Seek, SeekFrom, Write};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::{Cache, Hashed, Key, header, mark_used, payload};
use crate::load::diagnostic::Diagnostic;
use crate::load::format::Format;
use crate::model::{Event, PartialDate, Timeline};

/// Events encoded by one task when an entry is written.
const BLOCK: usize = 4096;
/// A summary longer than this is measured before its event is encoded.
const LONG: usize = 1 << 16;

/// One input of a load, as the whole load's key knows it.
pub struct Part<'a> {
    pub name: &'a str,
    pub bundled: bool,
    pub key: Key,
}

/// What a whole load keeps besides its events: what each file was read as,
/// and the messages, in the order the load reported them.
#[derive(Serialize, Deserialize)]
pub struct Whole {
    pub timeline: Timeline,
    pub formats: Vec<Format>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The key of a load of these inputs, in this order; `later`: the later of
/// two definitions is kept; `builtin`: the bundled timelines are part of it.
pub fn key(parts: &[Part], later: bool, builtin: bool) -> Key {
    let mut h = Xxh3::new();
    h.update(b"whole\x00");
    h.update(&[u8::from(later), u8::from(builtin)]);
    for p in parts {
        h.update(&(p.name.len() as u64).to_le_bytes());
        h.update(p.name.as_bytes());
        h.update(&[u8::from(p.bundled)]);
        h.update(&p.key.0.to_le_bytes());
    }
    Key(h.digest128())
}

fn file_name(key: Key) -> String {
    format!("{:032x}-all.bin", key.0)
}

impl Cache {
    /// The whole load stored for `key`, if there is a good one.
    pub fn get_whole(&self, key: Key) -> Option<Whole> {
        let path = self.dir.join(file_name(key));
        let file = fs::File::open(&path).ok()?;
        // SAFETY: an entry is never written in place, only replaced by renaming
        // a whole new file over it, so the mapped file stays as it was while it
        // is read; its checksum is checked before anything in it is used.
        let bytes = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        let whole = decode(payload(&bytes, key)?)?;
        mark_used(&path);
        Some(whole)
    }

    /// Stores a whole load for `key`. A cache that cannot be written is passed over.
    pub fn put_whole(&self, key: Key, whole: &Whole) {
        let write = |f: &mut fs::File| write(f, key, whole);
        self.write_entry(&file_name(key), write);
    }
}

/// Writes the header with a length and checksum of nothing, the payload
/// block by block, then the header again with the payload's: the encoding
/// is never held whole.
fn write(f: &mut fs::File, key: Key, whole: &Whole) -> io::Result<()> {
    let events = &whole.timeline.events;
    f.write_all(&header(key, 0, 0))?;
    let mut out = Hashed::buffered(&mut *f);
    // Nor is the rest's: its length is counted first (a tour may have a million steps).
    let head_len = postcard::experimental::serialized_size(whole).map_err(io::Error::other)?;
    out.write_all(&(head_len as u64).to_le_bytes())?;
    postcard::to_io(whole, &mut out).map_err(io::Error::other)?;
    let mut ends: Vec<u8> = Vec::with_capacity(events.len() * 8);
    let mut at = 0u64;
    for block in events.chunks(BLOCK * 8) {
        let parts: Vec<(Vec<u8>, Vec<u64>)> = block
            .par_chunks(BLOCK)
            .map(|events| {
                let mut buf = Vec::new();
                let mut lens = Vec::with_capacity(events.len());
                for e in events {
                    // A long event gets room at its size: its encoding is not
                    // doubled in growing. Measuring costs an encoding of its own.
                    if e.summary.len() > LONG {
                        buf.reserve(postcard::experimental::serialized_size(e).unwrap_or(0));
                    }
                    let before = buf.len();
                    buf = postcard::to_extend(e, buf).map_err(io::Error::other)?;
                    lens.push((buf.len() - before) as u64);
                }
                Ok((buf, lens))
            })
            .collect::<io::Result<_>>()?;
        for (buf, lens) in parts {
            out.write_all(&buf)?;
            for len in lens {
                at += len;
                ends.extend_from_slice(&at.to_le_bytes());
            }
        }
    }
    out.write_all(&ends)?;
    out.write_all(&(events.len() as u64).to_le_bytes())?;
    let (len, sum) = Hashed::finish(out)?;
    f.seek(SeekFrom::Start(0))?;
    f.write_all(&header(key, len, sum))
}

/// A whole load from a checked payload; `None` if any part of it does not read.
fn decode(payload: &[u8]) -> Option<Whole> {
    let (len, rest) = payload.split_at_checked(8)?;
    let len = usize::try_from(u64::from_le_bytes(len.try_into().ok()?)).ok()?;
    let (head, rest) = rest.split_at_checked(len)?;
    let mut whole: Whole = postcard::from_bytes(head).ok()?;
    let (rest, n) = rest.split_at_checked(rest.len().checked_sub(8)?)?;
    let n = usize::try_from(u64::from_le_bytes(n.try_into().ok()?)).ok()?;
    let (events, ends) = rest.split_at_checked(rest.len().checked_sub(n.checked_mul(8)?)?)?;
    let end = |i: usize| -> Option<usize> {
        let b = ends.get(i * 8..i * 8 + 8)?;
        usize::try_from(u64::from_le_bytes(b.try_into().ok()?)).ok()
    };
    let failed = std::sync::atomic::AtomicBool::new(false);
    let mut out = Vec::new();
    (0..n)
        .into_par_iter()
        .map(|i| {
            let start = if i == 0 { Some(0) } else { end(i - 1) };
            let bytes = start.zip(end(i)).and_then(|(a, b)| events.get(a..b));
            match bytes.and_then(|b| postcard::from_bytes(b).ok()) {
                Some(e) => e,
                None => {
                    failed.store(true, std::sync::atomic::Ordering::Relaxed);
                    Event::new("", PartialDate::year(0), "")
                }
            }
        })
        .collect_into_vec(&mut out);
    let last = if n == 0 { 0 } else { end(n - 1)? };
    if failed.into_inner() || last != events.len() {
        return None;
    }
    whole.timeline.events = out;
    Some(whole)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::diagnostic::Diagnostic;

    fn whole(events: usize) -> Whole {
        let mut timeline = Timeline { title: Some("T".into()), ..Timeline::default() };
        for i in 0..events {
            let mut e = Event::new(format!("e{i}"), PartialDate::year(1900 + i as i32), "An event");
            e.countries = vec!["KZ".into(), format!("C{i}")];
            timeline.events.push(e);
        }
        let diagnostics = vec![Diagnostic::warning(1, None, "a warning")];
        Whole { timeline, formats: vec![Format::Yaml, Format::SteppeCsv], diagnostics }
    }

    /// The payload `write` makes, without its header.
    fn payload_of(w: &Whole) -> Vec<u8> {
        let mut f = tempfile::tempfile().expect("a file");
        write(&mut f, Key(7), w).expect("written");
        f.seek(SeekFrom::Start(0)).expect("seek");
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).expect("read");
        payload(&bytes, Key(7)).expect("a whole entry").to_vec()
    }

    fn encoded(events: &[Event]) -> Vec<Vec<u8>> {
        events.iter().map(|e| postcard::to_allocvec(e).expect("encoded")).collect()
    }

    #[test]
    fn a_whole_load_comes_back_with_every_event_in_its_place() {
        for n in [0, 1, 2 * BLOCK + 3] {
            let w = whole(n);
            let back = decode(&payload_of(&w)).expect("read back");
            assert_eq!(encoded(&back.timeline.events), encoded(&w.timeline.events));
            assert_eq!(back.timeline.title.as_deref(), Some("T"));
            assert_eq!(back.formats, w.formats);
            assert_eq!(back.diagnostics, w.diagnostics);
        }
    }

    #[test]
    fn ends_that_do_not_fit_the_events_are_refused_without_a_panic() {
        let good = payload_of(&whole(5));
        let ends = good.len() - 8 - 5 * 8;
        // Each event's end made larger than the events, then out of order, then the count.
        type Spoil<'a> = &'a dyn Fn(&mut Vec<u8>);
        let spoil: [Spoil; 3] = [
            &|p| p[ends..ends + 8].copy_from_slice(&u64::MAX.to_le_bytes()),
            &|p| p[ends + 8..ends + 16].copy_from_slice(&0u64.to_le_bytes()),
            &|p| {
                let at = p.len() - 8;
                p[at..].copy_from_slice(&(u64::MAX / 4).to_le_bytes())
            },
        ];
        for f in spoil {
            let mut p = good.clone();
            f(&mut p);
            assert!(decode(&p).is_none());
        }
        assert!(decode(&good[..good.len() - 1]).is_none());
        assert!(decode(&[]).is_none());
    }
}
