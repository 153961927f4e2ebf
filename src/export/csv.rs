//! `list --format csv`: one row per event, RFC 4180 quoting by the csv crate.
//! Every cell passes [`safe::spreadsheet_cell`], so a spreadsheet never runs a
//! formula from the data; file names also have terminal hazards escaped.

use std::io::{self, Write};

use super::safe;
use crate::query::Query;

pub const HEADER: [&str; 12] = [
    "id",
    "date",
    "end",
    "title",
    "summary",
    "countries",
    "actors",
    "tags",
    "sources",
    "related",
    "file",
    "line",
];

pub fn write(out: &mut dyn Write, query: &Query, shown: &[usize]) -> io::Result<()> {
    let tl = query.timeline();
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
    w.write_record(HEADER)?;
    for &i in shown {
        let e = &tl.events[i];
        let actors: Vec<&str> = e.actors.iter().map(|a| a.id.as_str()).collect();
        let urls: Vec<&str> = e.sources.iter().filter_map(|s| s.url.as_deref()).collect();
        let file = tl.files.get(e.origin.file).map_or("", String::as_str);
        let row = [
            safe::printable(&e.id).into_owned(),
            e.date.normalized(),
            e.end.map(|d| d.normalized()).unwrap_or_default(),
            safe::printable(&e.title).into_owned(),
            safe::printable(&e.summary).into_owned(),
            e.countries.join(" "),
            actors.join(" "),
            e.tags.join(" "),
            urls.join(" "),
            e.related.join(" "),
            safe::one_line(file).into_owned(),
            e.origin.line.to_string(),
        ];
        w.write_record(row.iter().map(|cell| safe::spreadsheet_cell(cell).into_owned()))?;
    }
    w.flush()
}
