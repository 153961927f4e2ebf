//! `export --format yaml`: the events as a steppe timeline file, with the
//! countries, actors, eras and tours they need (see [`FileDoc::new`]). This
//! is the converter: whatever steppe reads, it writes back as YAML.

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::model::Timeline;
use crate::model::file::{EventDocs, FileDoc};

const HEADER: &str = "# A steppe timeline: check it with `steppe validate`; the format is described in steppe's docs/timeline-format.md.\n";

/// The file as text (for the explorer's `e` and for tests).
pub fn write(tl: &Timeline, shown: &[usize]) -> Result<String, String> {
    let mut out = Vec::new();
    write_to(&mut out, tl, shown).map_err(|e| e.to_string())?;
    String::from_utf8(out).map_err(|e| e.to_string())
}

/// The file, each event made into YAML as it is written: a million events
/// are never held twice.
pub fn write_to(out: &mut dyn Write, tl: &Timeline, shown: &[usize]) -> io::Result<()> {
    // In the timeline's order, so events of the same date keep theirs.
    let mut shown = shown.to_vec();
    shown.sort_unstable();
    let (doc, events) = FileDoc::around(tl, &shown);
    out.write_all(HEADER.as_bytes())?;
    let mut out = KeepIoError { out, error: None };
    let written = serde_yaml::to_writer(&mut out, &Streamed { doc: &doc, events: &events });
    match (written, out.error) {
        (Ok(()), _) => Ok(()),
        // A closed pipe stays a closed pipe, which ends the command quietly.
        (Err(_), Some(e)) => Err(e),
        (Err(e), None) => Err(io::Error::other(e.to_string())),
    }
}

/// A writer that keeps the first error it met: the YAML writer's own error
/// does not say what kind it was.
struct KeepIoError<'a> {
    out: &'a mut dyn Write,
    error: Option<io::Error>,
}

impl Write for KeepIoError<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf).inspect_err(|e| {
            self.error.get_or_insert_with(|| io::Error::new(e.kind(), e.to_string()));
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush().inspect_err(|e| {
            self.error.get_or_insert_with(|| io::Error::new(e.kind(), e.to_string()));
        })
    }
}

/// A [`FileDoc`] whose events are made as they are written; the same keys,
/// in the same order, left out when empty, as `FileDoc`'s own `Serialize`
/// (a test holds the two to the same text).
struct Streamed<'a> {
    doc: &'a FileDoc,
    events: &'a EventDocs<'a>,
}

struct Events<'a>(&'a EventDocs<'a>);

impl Serialize for Events<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|(_, doc)| doc))
    }
}

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.doc;
        let mut m = s.serialize_struct("FileDoc", 8)?;
        fn field<M: SerializeStruct, T: Serialize>(
            m: &mut M,
            key: &'static str,
            value: &T,
            skip: bool,
        ) -> Result<(), M::Error> {
            if skip { m.skip_field(key) } else { m.serialize_field(key, value) }
        }
        field(&mut m, "title", &d.title, d.title.is_none())?;
        field(&mut m, "description", &d.description, d.description.is_none())?;
        field(&mut m, "countries", &d.countries, d.countries.is_empty())?;
        field(&mut m, "actors", &d.actors, d.actors.is_empty())?;
        field(&mut m, "eras", &d.eras, d.eras.is_empty())?;
        field(&mut m, "events", &Events(self.events), self.events.is_empty())?;
        field(&mut m, "tours", &d.tours, d.tours.is_empty())?;
        field(&mut m, "lanes", &d.lanes, d.lanes.is_empty())?;
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_as_it_goes_is_the_same_text_as_the_whole_document() {
        let loaded = crate::load::load_bundled();
        let tl = &loaded.timeline;
        let all: Vec<usize> = (0..tl.events.len()).collect();
        let some: Vec<usize> = (0..tl.events.len()).step_by(3).collect();
        for shown in [&all[..], &some[..], &[]] {
            let whole = serde_yaml::to_string(&FileDoc::new(tl, shown)).expect("YAML");
            let streamed = write(tl, shown).expect("YAML");
            assert_eq!(streamed, format!("{HEADER}{whole}"));
        }
    }
}
