//! Everything steppe writes for other programs and for print: `list`'s
//! table, JSON, CSV and Markdown, and `export`'s handouts. Text leaves
//! through [`safe`], which makes it harmless wherever it lands.

pub mod class_summary;
pub mod csl;
mod csv;
pub mod handout;
pub mod html;
pub mod ics;
mod json;
pub mod markdown;
pub mod remote;
pub mod stats;
mod table;
pub mod timelinejs;
pub mod worksheet;
pub mod yaml;

use std::io::{self, Write};

use crate::query::Query;

/// What `write` writes, as text: a page or file the writers stream, made in
/// memory for a caller that wants it whole. Writing to memory cannot fail,
/// and the writers write only UTF-8.
pub(crate) fn in_memory(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
    let mut out = Vec::new();
    let _ = write(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

/// What a timeline file of the events at `shown` leaves out, in words, for
/// a note: the links to related events that are not written (so that the
/// file loads on its own), and with `csv` the quotes and translations that
/// a table does not hold.
pub fn left_out(tl: &crate::model::Timeline, shown: &[usize], csv: bool) -> Vec<String> {
    let written: hashbrown::HashSet<&str> =
        shown.iter().filter_map(|&i| tl.events.get(i)).map(|e| e.id.as_str()).collect();
    let events = || shown.iter().filter_map(|&i| tl.events.get(i));
    let links: usize =
        events().map(|e| e.related.iter().filter(|r| !written.contains(r.as_str())).count()).sum();
    let mut out = Vec::new();
    if links > 0 {
        out.push(format!(
            "{} to related events that are not among these were left out, so the file opens on its own",
            crate::text::count(links, "link", "links")
        ));
    }
    let quoted = events().filter(|e| !e.quotes.is_empty()).count();
    if csv && quoted > 0 {
        out.push(format!(
            "CSV does not hold quotes ({} {} them); `steppe export --format yaml` keeps them",
            crate::text::count(quoted, "event", "events"),
            if quoted == 1 { "has" } else { "have" }
        ));
    }
    if csv && !tl.translations.is_empty() {
        out.push(
            "CSV does not hold translations; `steppe export --format yaml` keeps them".to_string(),
        );
    }
    out
}

/// Writes the events at `shown` (positions in the timeline) in `format`.
/// `width` limits table rows to a terminal's width; `None` never truncates.
pub fn write_events(
    out: &mut dyn Write,
    format: Format,
    query: &Query,
    shown: &[usize],
    width: Option<usize>,
) -> io::Result<()> {
    match format {
        Format::Table => table::write(out, query, shown, width),
        Format::Json => json::write(out, query, shown),
        Format::Csv => csv::write(out, query, shown),
        Format::Markdown => markdown::write(out, query, shown),
    }
}
