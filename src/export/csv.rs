//! `list --format csv`: one row per event with what a table can hold, in
//! the columns of [`cells::COLUMNS`] and a column `attr:NAME` for each
//! attribute, lists in one cell as [`cells::join`] writes them; RFC 4180
//! quoting by the csv crate. Related events that are not written are left
//! out, so the file loads on its own; quotes and translations stay in YAML. Every cell passes
//! [`safe::spreadsheet_cell`], so a spreadsheet never runs a formula from the
//! data; steppe's CSV reader undoes it.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::model::cells;
use crate::query::Query;
use crate::text::safe;

/// A list whose items may all be empty (roles, titles): then an empty cell.
fn aligned<'a>(items: impl IntoIterator<Item = Option<&'a str>>) -> String {
    let items: Vec<&str> = items.into_iter().map(|i| i.unwrap_or("")).collect();
    if items.iter().all(|i| i.is_empty()) { String::new() } else { cells::join(items) }
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
    let mut w = builder().from_writer(&mut *out);
    // The attributes the events have, each a column in the order first met.
    let mut names: Vec<&str> = Vec::new();
    for &i in shown {
        for (name, _) in tl.events[i].attributes.iter() {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    let header = cells::COLUMNS
        .iter()
        .map(|c| c.to_string())
        .chain(names.iter().map(|n| format!("{}{n}", crate::load::ATTRIBUTE_COLUMN)));
    w.write_record(header.map(|c| safe::spreadsheet_cell(&c).into_owned())).map_err(io_error)?;
    w.flush()?;
    drop(w);
    // A related event that is not written would name nothing when the file is read.
    let written = crate::export::linked_ids(tl, shown).unwrap_or_default();
    let builder = builder();
    crate::export::write_in_runs(out, shown, run, |_, run, text| {
        let mut w = builder.from_writer(text);
        for &i in run {
            write_row(&mut w, tl, i, &names, &written)?;
        }
        w.flush()
    })
}

fn builder() -> csv::WriterBuilder {
    let mut builder = csv::WriterBuilder::new();
    builder.terminator(csv::Terminator::Any(b'\n'));
    builder
}

/// The row of the event at `i`, with a cell for each attribute of `names`.
fn write_row(
    w: &mut csv::Writer<&mut Vec<u8>>,
    tl: &crate::model::Timeline,
    i: usize,
    names: &[&str],
    written: &hashbrown::HashSet<&str>,
) -> io::Result<()> {
    let e = &tl.events[i];
    let related = e.related.iter().filter(|r| written.contains(r.as_str()));
    let file = tl.files.get(e.origin.file).map_or("", String::as_str);
    let source = |f: fn(&crate::model::Source) -> Option<&str>| aligned(e.sources.iter().map(f));
    let media = |f: fn(&crate::model::Media) -> Option<&str>| {
        Cow::Borrowed(e.media.as_deref().and_then(f).unwrap_or_default())
    };
    let coordinates = e.location.as_ref().and_then(|l| l.coordinates);
    // Cells borrow from the event where they can: a million rows are not a
    // million times thirty strings made and dropped.
    let row: [Cow<str>; cells::COLUMNS.len()] = [
        safe::printable(&e.id),
        e.date.normalized().into(),
        e.end.map(|d| d.normalized()).unwrap_or_default().into(),
        safe::printable(&e.title),
        safe::printable(&e.summary),
        tl.era_of(e).map_or("", |era| era.title.as_str()).into(),
        cells::join(&e.countries).into(),
        cells::join(e.countries.iter().map(|c| tl.country_name(c))).into(),
        cells::join(e.actors.iter().map(|p| p.id.as_str())).into(),
        cells::join(
            e.actors.iter().map(|p| tl.actor(&p.id).map_or(p.id.as_str(), |a| a.name.as_str())),
        )
        .into(),
        aligned(e.actors.iter().map(|p| p.role.as_deref())).into(),
        cells::join(&e.tags).into(),
        source(|s| s.url.as_deref()).into(),
        source(|s| s.titled().then_some(s.title.as_str())).into(),
        source(|s| s.author.as_deref()).into(),
        source(|s| s.publisher.as_deref()).into(),
        source(|s| s.year.as_deref()).into(),
        source(|s| s.page.as_deref()).into(),
        cells::join(related).into(),
        media(|m| Some(m.url.as_str())),
        media(|m| m.caption.as_deref()),
        media(|m| m.credit.as_deref()),
        media(|m| m.thumbnail.as_deref()),
        media(|m| m.alt.as_deref()),
        media(|m| m.link.as_deref()),
        e.location.as_ref().and_then(|l| l.name.as_deref()).unwrap_or_default().into(),
        coordinates.map(|c| c.0.to_string()).unwrap_or_default().into(),
        coordinates.map(|c| c.1.to_string()).unwrap_or_default().into(),
        cells::join_pairs(&e.external_ids).into(),
        safe::one_line(file),
        e.origin.line.to_string().into(),
    ];
    let attributes = names.iter().map(|n| safe::printable(e.attributes.get(n).unwrap_or("")));
    let cells = row.iter().map(|c| safe::printable(c)).chain(attributes);
    for cell in cells {
        w.write_field(safe::spreadsheet_cell(&cell).as_bytes()).map_err(io_error)?;
    }
    // No field: the record ends.
    w.write_record(None::<&[u8]>).map_err(io_error)
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
