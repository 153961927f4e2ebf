//! Folded-text search: every event's title, summary and attribute values
//! folded once, into one buffer, searched with SIMD substring search; the
//! names of countries, actors and tags folded once too and matched through
//! their posting lists.

use fixedbitset::FixedBitSet;
use memchr::memmem::Finder;
use rayon::prelude::*;

use super::Query;
use super::fold::{fold, fold_into};
use crate::model::{Event, Timeline};

/// Events scanned between two checks for cancellation.
const CHUNK: usize = 1 << 14;

/// The bit of a byte in an event's signature: one each for `a`–`z` and
/// `0`–`9`, the other bytes sharing the rest.
const fn bit(b: u8) -> u64 {
    1 << match b {
        b'a'..=b'z' => b - b'a',
        b'0'..=b'9' => 26 + b - b'0',
        _ => 36 + b % 28,
    }
}

/// [`bit`] of every byte, looked up: every byte of every event's text
/// passes through [`signature`] when the text is folded.
static BITS: [u64; 256] = {
    let mut bits = [0; 256];
    let mut b = 0;
    while b < 256 {
        bits[b] = bit(b as u8);
        b += 1;
    }
    bits
};

/// The bits of every byte of `s`.
fn signature(s: &[u8]) -> u64 {
    // Four bytes at a time into four masks, so that no byte waits on the last.
    let mut m = [0u64; 4];
    let mut blocks = s.chunks_exact(4);
    for b in &mut blocks {
        for k in 0..4 {
            m[k] |= BITS[usize::from(b[k])];
        }
    }
    let rest = blocks.remainder().iter().fold(0, |m, &b| m | BITS[usize::from(b)]);
    m[0] | m[1] | m[2] | m[3] | rest
}

/// A name and its aliases, folded, NUL between them (no needle holds a NUL).
fn names(name: &str, aliases: &[String]) -> String {
    let mut out = fold(name);
    for a in aliases {
        out.push('\0');
        fold_into(a, &mut out);
    }
    out
}

/// Folded text of every event, kept in runs of [`CHUNK`] events as they were
/// folded (on all cores), never copied end to end.
#[derive(Debug, Clone, Default)]
pub(crate) struct TextIndex {
    /// Run `r` holds events `r * CHUNK` onwards.
    runs: Vec<Folded>,
    /// Per event: the signature of its folded text. An event can hold a
    /// needle only if its signature has every bit of the needle's; for a
    /// needle of one letter or digit the signature is the answer.
    signatures: Vec<u64>,
    names: Names,
}

/// The names of every country, actor and tag, folded, each country's and
/// actor's with its aliases.
#[derive(Debug, Clone, Default)]
struct Names {
    countries: Vec<String>,
    actors: Vec<String>,
    tags: Vec<String>,
}

impl Names {
    fn new(timeline: &Timeline, tags: &[String]) -> Self {
        Names {
            countries: timeline.countries.iter().map(|c| names(&c.name, &c.aliases)).collect(),
            actors: timeline.actors.iter().map(|a| names(&a.name, &a.aliases)).collect(),
            tags: tags.iter().map(|t| fold(t)).collect(),
        }
    }
}

/// The folded text of a run of events.
#[derive(Debug, Clone)]
struct Folded {
    /// Per event: folded title, NUL, folded summary, NUL, each attribute's
    /// folded value, NUL, and its place (name and coordinates), NUL.
    buf: String,
    /// Event `i` of the run is `buf[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
    /// Per event: its place folded, for `place:`; event `i`'s is
    /// `places[place_starts[i]..place_starts[i + 1]]`.
    places: String,
    place_starts: Vec<usize>,
}

/// Adds the folded text of `e` to `buf`: its title, summary, each
/// attribute's value and its place (name and coordinates), each ended by a
/// NUL; and its place alone, folded, to `places`.
fn fold_event(e: &Event, buf: &mut String, places: &mut String) {
    fold_into(&e.title, buf);
    buf.push('\0');
    fold_into(&e.summary, buf);
    buf.push('\0');
    // Attributes are searched by their values, as the event view shows them.
    for (_, value) in e.attributes.iter() {
        fold_into(value, buf);
        buf.push('\0');
    }
    if let Some(place) = &e.location {
        let from = places.len();
        fold_into(&place.label(), places);
        buf.push_str(&places[from..]);
        buf.push('\0');
    }
}

/// Events whose own text holds `needle` (folded), each event's text folded
/// as it is looked at and none kept: for a question asked once, where
/// folding and keeping every event's text first (a quarter of a gigabyte at
/// a million events) costs more than the one look.
fn scan_once(events: &[Event], needle: &[u8]) -> FixedBitSet {
    let finder = Finder::new(needle);
    let hits: Vec<Vec<usize>> = events
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            let (mut buf, mut places) = (String::new(), String::new());
            let mut hits = Vec::new();
            let mut k = 0;
            crate::memory::walk_ahead(
                chunk.len(),
                |k| &chunk[k],
                |e| {
                    buf.clear();
                    places.clear();
                    fold_event(e, &mut buf, &mut places);
                    if finder.find(buf.as_bytes()).is_some() {
                        hits.push(c * CHUNK + k);
                    }
                    k += 1;
                },
            );
            hits
        })
        .collect();
    let mut set = FixedBitSet::with_capacity(events.len());
    hits.into_iter().flatten().for_each(|i| set.insert(i));
    set
}

impl Folded {
    /// The folded text of `events`, and the signature of each.
    fn of(events: &[Event]) -> (Self, Vec<u64>) {
        let size: usize = events.iter().map(|e| e.title.len() + e.summary.len() + 2).sum();
        let mut f = Folded {
            buf: String::with_capacity(size + size / 16),
            starts: Vec::with_capacity(events.len() + 1),
            places: String::new(),
            place_starts: Vec::with_capacity(events.len() + 1),
        };
        let mut signatures = Vec::with_capacity(events.len());
        for e in events {
            let start = f.buf.len();
            f.starts.push(start);
            f.place_starts.push(f.places.len());
            fold_event(e, &mut f.buf, &mut f.places);
            signatures.push(signature(&f.buf.as_bytes()[start..]));
        }
        f.starts.push(f.buf.len());
        f.place_starts.push(f.places.len());
        (f, signatures)
    }
}

impl TextIndex {
    pub fn new(timeline: &Timeline, tags: &[String]) -> Self {
        let (runs, signatures): (Vec<Folded>, Vec<Vec<u64>>) =
            timeline.events.par_chunks(CHUNK).map(Folded::of).unzip();
        TextIndex { runs, signatures: signatures.concat(), names: Names::new(timeline, tags) }
    }

    /// Events whose place holds the folded needle.
    fn places_with(&self, needle: &str) -> FixedBitSet {
        let mut set = FixedBitSet::with_capacity(self.signatures.len());
        let finder = Finder::new(needle.as_bytes());
        for (r, run) in self.runs.iter().enumerate() {
            let bytes = run.places.as_bytes();
            for (i, ends) in run.place_starts.windows(2).enumerate() {
                if ends[0] < ends[1] && finder.find(&bytes[ends[0]..ends[1]]).is_some() {
                    set.insert(r * CHUNK + i);
                }
            }
        }
        set
    }

    fn event(&self, i: usize) -> &[u8] {
        let (run, i) = (&self.runs[i / CHUNK], i % CHUNK);
        &run.buf.as_bytes()[run.starts[i]..run.starts[i + 1]]
    }

    /// Events whose own text holds the needle, among `within` (all if `None`).
    fn scan(
        &self,
        needle: &[u8],
        within: Option<&FixedBitSet>,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<FixedBitSet> {
        // Looking in each event costs about what scanning a sixteenth of all
        // the text in one pass does.
        self.scan_with(needle, within, cancelled, self.signatures.len() / 16)
    }

    /// `scan`, looking in each event that may hold the needle when there are
    /// fewer than `each_below` of them, else in one pass over all the text.
    fn scan_with(
        &self,
        needle: &[u8],
        within: Option<&FixedBitSet>,
        cancelled: &dyn Fn() -> bool,
        each_below: usize,
    ) -> Option<FixedBitSet> {
        let n = self.signatures.len();
        let need = signature(needle);
        let exact = matches!(needle, [b'a'..=b'z' | b'0'..=b'9']);
        let finder = Finder::new(needle);
        let mut set = FixedBitSet::with_capacity(n);
        let may_hold = |i: usize| self.signatures[i] & need == need;
        let events = || -> Box<dyn Iterator<Item = usize> + '_> {
            match within {
                Some(w) => Box::new(w.ones().filter(move |&i| may_hold(i))),
                None => Box::new((0..n).filter(move |&i| may_hold(i))),
            }
        };
        if exact {
            // One letter or digit: the signatures answer it.
            events().for_each(|i| set.insert(i));
            return Some(set);
        }
        if events().count() < each_below {
            for (k, i) in events().enumerate() {
                if k % CHUNK == 0 && cancelled() {
                    return None;
                }
                if finder.find(self.event(i)).is_some() {
                    set.insert(i);
                }
            }
            return Some(set);
        }
        // Many can: one SIMD pass over all the text, a run at a time.
        for (r, run) in self.runs.iter().enumerate() {
            if cancelled() {
                return None;
            }
            let (buf, starts) = (run.buf.as_bytes(), &run.starts);
            let (mut k, mut pos) = (0, 0);
            while let Some(off) = finder.find(&buf[pos..]) {
                let hit = pos + off;
                // The event holding the hit (a cursor: hits come in order);
                // then on to the next event.
                while starts[k + 1] <= hit {
                    k += 1;
                }
                set.insert(r * CHUNK + k);
                pos = starts[k + 1];
            }
        }
        if let Some(w) = within {
            set.intersect_with(w);
        }
        Some(set)
    }
}

/// The events a piece of text was found in, kept so that the next, longer
/// text can search only these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits {
    needle: String,
    set: FixedBitSet,
}

impl Hits {
    /// The folded text these are the hits of.
    pub fn needle(&self) -> &str {
        &self.needle
    }

    pub fn len(&self) -> usize {
        self.set.count_ones(..)
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_clear()
    }

    pub fn contains(&self, event: usize) -> bool {
        self.set.contains(event)
    }

    /// Positions of the events found, in order.
    pub fn events(&self) -> impl Iterator<Item = usize> + '_ {
        self.set.ones()
    }

    pub(crate) fn set(&self) -> &FixedBitSet {
        &self.set
    }
}

impl Query {
    /// The events whose title, summary, countries, actors or tags contain
    /// `text`, folded (case, accents and width ignored).
    ///
    /// With the hits of an earlier search whose text the new one contains
    /// (`dush` then `dusha`), only those events are searched again. The search
    /// asks `cancelled` now and then and gives up, returning `None`, once it
    /// says yes: a search made stale by the next key press stops early.
    pub fn search(
        &self,
        text: &str,
        previous: Option<&Hits>,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Hits> {
        let needle = fold(text.trim());
        let set = self.search_folded(&needle, previous, cancelled)?;
        Some(Hits { needle, set })
    }

    pub(crate) fn search_folded(
        &self,
        needle: &str,
        previous: Option<&Hits>,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<FixedBitSet> {
        if needle.is_empty() {
            return Some(self.all());
        }
        if needle.contains('\0') {
            return Some(self.none());
        }
        let n = self.timeline.events.len();
        // The earlier hits hold every event the longer text can be found in.
        let within = previous
            .filter(|p| !p.needle.is_empty() && needle.contains(p.needle.as_str()))
            .filter(|p| p.set.len() == n)
            .map(|p| &p.set);
        let once;
        let (mut set, text) = match self.text.get() {
            // A second needle (`a or b`) builds the index: one fold, many looks.
            None if self.asked_once && self.searched.set(()).is_ok() => {
                once = Names::new(&self.timeline, &self.tags);
                (scan_once(&self.timeline.events, needle.as_bytes()), &once)
            }
            _ => {
                let index = self.text();
                (index.scan(needle.as_bytes(), within, cancelled)?, &index.names)
            }
        };
        let finder = Finder::new(needle.as_bytes());
        let names = [
            (&text.countries, &self.country_events),
            (&text.actors, &self.actor_events),
            (&text.tags, &self.tag_events),
        ];
        for (folded, postings) in names {
            for (k, name) in folded.iter().enumerate() {
                if finder.find(name.as_bytes()).is_some() {
                    for &e in postings.get(k) {
                        set.insert(e as usize);
                    }
                }
            }
        }
        Some(set)
    }

    /// The events whose place (its name, or its coordinates as written in
    /// the event view) holds `text`, folded.
    pub(crate) fn place_search(&self, text: &str) -> FixedBitSet {
        let needle = fold(text.trim());
        if needle.is_empty() {
            let mut set = self.none();
            for (i, e) in self.timeline.events.iter().enumerate() {
                set.set(i, e.location.is_some());
            }
            return set;
        }
        self.text().places_with(&needle)
    }

    /// Does event `i`'s text hold the folded needle?
    pub(crate) fn text_matches(&self, i: usize, needle: &str) -> bool {
        if needle.is_empty() {
            return true;
        }
        let finder = Finder::new(needle.as_bytes());
        let has = |folded: &[String], ids: &[u32]| {
            ids.iter().any(|&k| finder.find(folded[k as usize].as_bytes()).is_some())
        };
        let text = self.text();
        finder.find(text.event(i)).is_some()
            || has(&text.names.countries, self.event_countries.get(i))
            || has(&text.names.actors, self.event_actors.get(i))
            || self.timeline.events[i]
                .tags
                .iter()
                .any(|t| finder.find(fold(t).as_bytes()).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_hold_the_bit_of_every_byte() {
        let bytes: Vec<u8> = (0..=255u8).chain(b"dushanbe 1991".iter().copied()).collect();
        for len in [0, 1, 3, 4, 5, 8, 13, 100, bytes.len()] {
            for start in [0, 1, 97, 200] {
                let s = &bytes[start.min(bytes.len())..(start + len).min(bytes.len())];
                let each = s.iter().fold(0, |m, &b| m | bit(b));
                assert_eq!(signature(s), each, "{len} bytes from {start}");
            }
        }
        assert_eq!(signature(b"ab"), 0b11);
    }

    #[test]
    fn text_folded_in_runs_is_the_text_folded_in_one() {
        let mut tl = crate::export::tests::bundled_copies(250);
        assert!(tl.events.len() > CHUNK, "more than one run");
        for (i, e) in tl.events.iter_mut().enumerate().step_by(7) {
            let name = Some(format!("Dushanbe {i}"));
            e.location = Some(Box::new(crate::model::Location { name, coordinates: None }));
        }
        let index = TextIndex::new(&tl, &[]);
        let (one, signatures) = Folded::of(&tl.events);
        assert_eq!(index.signatures, signatures);
        for (i, e) in tl.events.iter().enumerate() {
            assert_eq!(index.event(i), &one.buf.as_bytes()[one.starts[i]..one.starts[i + 1]]);
            // Either side of the first run's end, and in the last run.
            if e.location.is_some() && (i < 8 || i.abs_diff(CHUNK) < 8 || i + 8 > tl.events.len()) {
                let needle = format!("dushanbe {i}\0");
                let found = index.scan(needle.as_bytes(), None, &|| false).expect("runs");
                assert_eq!(found.ones().collect::<Vec<_>>(), [i], "{needle:?}");
            }
        }
        let places = index.places_with("dushanbe 1");
        let want: Vec<usize> = (0..tl.events.len())
            .filter(|i| i % 7 == 0 && format!("dushanbe {i}").starts_with("dushanbe 1"))
            .collect();
        assert_eq!(places.ones().collect::<Vec<_>>(), want);
    }

    #[test]
    fn a_question_asked_once_finds_what_the_index_finds() {
        let mut tl = crate::export::tests::bundled_copies(40);
        for (i, e) in tl.events.iter_mut().enumerate().step_by(5) {
            let name = Some(format!("Dushanbe {i}"));
            e.location = Some(Box::new(crate::model::Location { name, coordinates: None }));
        }
        let indexed = Query::new(tl.clone());
        let never = || false;
        for needle in ["a", "an", "summit", "dushanbe 15", "kazakhstan", "putin", "turkiye", "xyz"]
        {
            let want = indexed.search_folded(needle, None, &never).expect("searched");
            assert!(needle == "xyz" || want.count_ones(..) > 0, "{needle} finds something");
            let once = Query::new(tl.clone()).asked_once();
            assert_eq!(once.search_folded(needle, None, &never).as_ref(), Some(&want), "{needle}");
            assert!(once.text.get().is_none(), "one search keeps no index");
            // A second needle of the same question looks in the index.
            assert_eq!(once.search_folded(needle, None, &never).as_ref(), Some(&want), "{needle}");
            assert!(once.text.get().is_some());
        }
    }

    #[test]
    fn scanning_some_events_finds_what_scanning_all_finds_among_them() {
        let loaded = crate::load::load_bundled();
        let q = Query::new(loaded.timeline);
        let never = || false;
        let mut odd = q.none();
        (1..q.timeline.events.len()).step_by(2).for_each(|i| odd.insert(i));
        let n = q.timeline.events.len();
        for needle in ["a", "q", "7", "an", "the", "summit", "dushanbe", "xyz", "é"] {
            let b = needle.as_bytes();
            let all = q.text().scan(b, None, &never).expect("runs");
            for each_below in [0, usize::MAX] {
                let found = q.text().scan_with(b, None, &never, each_below);
                assert_eq!(found.as_ref(), Some(&all), "{needle}");
                let mut want = all.clone();
                want.intersect_with(&odd);
                let found = q.text().scan_with(b, Some(&odd), &never, each_below);
                assert_eq!(found, Some(want), "{needle}");
            }
            let want: Vec<usize> = (0..n)
                .filter(|&i| {
                    let e = &q.timeline.events[i];
                    let place = e.location.as_ref().map(|l| fold(&l.label())).unwrap_or_default();
                    fold(&e.title).contains(needle)
                        || fold(&e.summary).contains(needle)
                        || place.contains(needle)
                })
                .collect();
            assert_eq!(all.ones().collect::<Vec<_>>(), want, "{needle}");
            let every = q.text().scan(b, Some(&q.all()), &never).expect("runs");
            assert_eq!(all, every, "{needle}");
            let mut want = all.clone();
            want.intersect_with(&odd);
            assert_eq!(q.text().scan(b, Some(&odd), &never), Some(want), "{needle}");
        }
        // The separator between fields is never found.
        assert!(q.search("\u{0}", None, &never).is_some_and(|h| h.is_empty()));
        let first = q.search("dush", None, &never).expect("runs");
        assert!(!first.is_empty());
        let narrowed = q.search("dushanbe", Some(&first), &never).expect("runs");
        assert_eq!(Some(narrowed), q.search("Dushanbe", None, &never));
    }
}
