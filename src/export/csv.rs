//! `list --format csv`: one row per event with what a table can hold, in
//! the columns of [`cells::COLUMNS`] and a column `attr:NAME` for each
//! attribute, lists in one cell as [`cells::join`] writes them; RFC 4180
//! quoting by the csv crate. Related events that are not written are left
//! out, so the file loads on its own; quotes and translations stay in YAML. Every cell passes
//! [`safe::spreadsheet_cell`], so a spreadsheet never runs a formula from the
//! data; steppe's CSV reader undoes it.

use std::io::{self, Write};

use crate::load::cache::Stream;
use crate::model::{Event, Timeline, attribute_names, cells};
use crate::query::Query;
use crate::text::safe;

/// A list whose items may all be empty (roles, titles): then an empty cell.
fn aligned_into<'a>(out: &mut String, items: impl Iterator<Item = Option<&'a str>> + Clone) {
    if items.clone().any(|i| i.is_some_and(|i| !i.is_empty())) {
        cells::join_into(out, items.map(|i| i.unwrap_or("")));
    }
}

/// The writer's own error kept as it is: a closed pipe (`| head`) must stay
/// a closed pipe, which ends the command quietly.
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The rows made `run` at a time (see [`crate::export::write_in_runs`]).
pub fn write(out: &mut dyn Write, query: &Query, shown: &[usize], run: usize) -> io::Result<()> {
    let tl = query.timeline();
    let names = attribute_names(shown.iter().map(|&i| &tl.events[i]));
    write_header(out, &names)?;
    // A related event that is not written would name nothing when the file is read.
    let written = crate::export::linked_ids(tl, shown).unwrap_or_default();
    let written = |id: &str| written.contains(id);
    let builder = builder();
    crate::export::write_in_runs(out, shown, run, |_, run, text| {
        write_rows(&builder, tl, run.iter().map(|&i| &tl.events[i]), &names, &written, text)
    })
}

/// Every event of `stream`, of the timeline `tl`, as [`write`] writes them all.
pub fn write_stream(
    out: &mut dyn Write,
    tl: &Timeline,
    stream: &Stream,
    run: usize,
) -> io::Result<()> {
    let facts = stream.facts();
    let names: Vec<&str> = facts.attributes.iter().map(String::as_str).collect();
    write_header(out, &names)?;
    // Every event is written: a link names a written event unless it names none.
    let missing: hashbrown::HashSet<&str> = facts.missing.iter().map(String::as_str).collect();
    let written = |id: &str| !missing.contains(id);
    let builder = builder();
    let all = crate::export::Taken::all(stream);
    crate::export::write_streamed(out, stream, all, run, |_, run, text| {
        write_rows(&builder, tl, run.iter(), &names, &written, text)
    })
}

/// The header: a column for each of [`cells::COLUMNS`], then one for each attribute of `names`.
fn write_header(out: &mut dyn Write, names: &[&str]) -> io::Result<()> {
    let mut w = builder().from_writer(out);
    let header = cells::COLUMNS
        .iter()
        .map(|c| c.to_string())
        .chain(names.iter().map(|n| format!("{}{n}", crate::load::ATTRIBUTE_COLUMN)));
    w.write_record(header.map(|c| safe::spreadsheet_cell(&c).into_owned())).map_err(io_error)?;
    w.flush()
}

/// Adds the rows of `events` to `text`; `written` tells whether a related
/// event is written too.
fn write_rows<'a>(
    builder: &csv::WriterBuilder,
    tl: &Timeline,
    events: impl ExactSizeIterator<Item = &'a Event>,
    names: &[&str],
    written: &(dyn Fn(&str) -> bool + Sync),
    text: &mut Vec<u8>,
) -> io::Result<()> {
    text.reserve(events.len() * 512);
    let mut w = builder.from_writer(text);
    let mut row = Row { w: &mut w, cell: String::new(), cells: 0 };
    for e in events {
        write_row(&mut row, tl, e, names, written)?;
    }
    w.flush()
}

fn builder() -> csv::WriterBuilder {
    let mut builder = csv::WriterBuilder::new();
    builder.terminator(csv::Terminator::Any(b'\n'));
    builder
}

/// A row's cells as they are written: every cell is made harmless, and a
/// cell made of parts is made in one string that every row reuses.
struct Row<'w, 'b> {
    w: &'w mut csv::Writer<&'b mut Vec<u8>>,
    cell: String,
    cells: usize,
}

impl Row<'_, '_> {
    fn text(&mut self, text: &str) -> io::Result<()> {
        self.cells += 1;
        let text = safe::printable(text);
        self.w.write_field(safe::spreadsheet_cell(&text).as_bytes()).map_err(io_error)
    }

    fn made(&mut self, make: impl FnOnce(&mut String)) -> io::Result<()> {
        let mut cell = std::mem::take(&mut self.cell);
        cell.clear();
        make(&mut cell);
        let written = self.text(&cell);
        self.cell = cell;
        written
    }
}

/// `value`'s text added to `cell`.
fn put(cell: &mut String, value: impl std::fmt::Display) {
    use std::fmt::Write as _;
    // Writing to a String cannot fail.
    let _ = write!(cell, "{value}");
}

/// The row of `e`, with a cell for each attribute of `names`.
fn write_row(
    row: &mut Row,
    tl: &Timeline,
    e: &Event,
    names: &[&str],
    written: &(dyn Fn(&str) -> bool + Sync),
) -> io::Result<()> {
    let related = e.related.iter().filter(|r| written(r));
    let file = tl.files.get(e.origin.file).map_or("", String::as_str);
    let media = |f: fn(&crate::model::Media) -> Option<&str>| {
        e.media.as_deref().and_then(f).unwrap_or_default()
    };
    let sources = |f: fn(&crate::model::Source) -> Option<&str>| {
        move |cell: &mut String| aligned_into(cell, e.sources.iter().map(f))
    };
    let coordinates = e.location.as_ref().and_then(|l| l.coordinates);
    let number = |n: Option<f64>| move |cell: &mut String| n.into_iter().for_each(|n| put(cell, n));
    let start = row.cells;
    // In the order of `cells::COLUMNS`.
    row.text(&e.id)?;
    row.made(|cell| put(cell, e.date.canonical()))?;
    row.made(|cell| e.end.into_iter().for_each(|d| put(cell, d.canonical())))?;
    row.text(&e.title)?;
    row.text(&e.summary)?;
    row.text(tl.era_of(e).map_or("", |era| era.title.as_str()))?;
    row.made(|cell| cells::join_into(cell, &e.countries))?;
    row.made(|cell| cells::join_into(cell, e.countries.iter().map(|c| tl.country_name(c))))?;
    row.made(|cell| cells::join_into(cell, e.actors.iter().map(|p| p.id.as_str())))?;
    row.made(|cell| {
        let names = e.actors.iter().map(|p| tl.actor(&p.id).map_or(p.id.as_str(), |a| &a.name));
        cells::join_into(cell, names);
    })?;
    row.made(|cell| aligned_into(cell, e.actors.iter().map(|p| p.role.as_deref())))?;
    row.made(|cell| cells::join_into(cell, &e.tags))?;
    row.made(sources(|s| s.url.as_deref()))?;
    row.made(sources(|s| s.titled().then_some(s.title.as_str())))?;
    row.made(sources(|s| s.author.as_deref()))?;
    row.made(sources(|s| s.publisher.as_deref()))?;
    row.made(sources(|s| s.year.as_deref()))?;
    row.made(sources(|s| s.page.as_deref()))?;
    row.made(|cell| cells::join_into(cell, related))?;
    row.text(media(|m| Some(m.url.as_str())))?;
    row.text(media(|m| m.caption.as_deref()))?;
    row.text(media(|m| m.credit.as_deref()))?;
    row.text(media(|m| m.thumbnail.as_deref()))?;
    row.text(media(|m| m.alt.as_deref()))?;
    row.text(media(|m| m.link.as_deref()))?;
    row.text(e.location.as_ref().and_then(|l| l.name.as_deref()).unwrap_or_default())?;
    row.made(number(coordinates.map(|c| c.0)))?;
    row.made(number(coordinates.map(|c| c.1)))?;
    row.made(|cell| cells::join_pairs_into(cell, &e.external_ids))?;
    row.text(&safe::one_line(file))?;
    row.made(|cell| put(cell, e.origin.line))?;
    debug_assert_eq!(row.cells - start, cells::COLUMNS.len(), "a cell for each column");
    for name in names {
        row.text(e.attributes.get(name).unwrap_or(""))?;
    }
    // No field: the record ends.
    row.w.write_record(None::<&[u8]>).map_err(io_error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{copies_of_bundled, shown};

    #[test]
    fn rows_made_in_runs_are_the_rows_made_one_by_one() {
        let query = copies_of_bundled(250);
        let shown = shown(&query);
        let mut whole = Vec::new();
        write(&mut whole, &query, &shown, usize::MAX).expect("written");
        for run in [1, 7, crate::export::RUN] {
            let mut out = Vec::new();
            write(&mut out, &query, &shown, run).expect("written");
            assert!(out == whole, "rows in runs of {run} differ");
        }
        let mut rows = csv::Reader::from_reader(whole.as_slice());
        let ids: Vec<String> = rows.records().map(|r| r.expect("a row")[0].to_string()).collect();
        let expected: Vec<&str> =
            shown.iter().map(|&i| query.timeline().events[i].id.as_str()).collect();
        assert_eq!(ids, expected);
        // A link to an event written stays; one to an event left out goes.
        let tl = query.timeline();
        let related = cells::COLUMNS.iter().position(|c| *c == "related").expect("a column");
        let mut rows = csv::Reader::from_reader(whole.as_slice());
        let first = rows.records().next().expect("a row").expect("a row");
        let e = &tl.events[shown[0]];
        let kept: Vec<&str> =
            e.related.iter().map(String::as_str).filter(|r| ids.iter().any(|i| i == r)).collect();
        assert!(e.related.len() > kept.len(), "the last copy links to one that is not there");
        assert_eq!(&first[related], cells::join(kept));
    }
}
