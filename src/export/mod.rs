//! Everything steppe writes for other programs and for print: `list`'s
//! table, JSON, CSV and Markdown, and `export`'s handouts. Text leaves
//! through [`safe`], which makes it harmless wherever it lands.

mod csv;
pub mod handout;
pub mod html;
mod json;
pub mod markdown;
pub mod stats;
mod table;
pub mod timelinejs;
pub mod worksheet;
pub mod yaml;

use std::io::{self, Write};

use crate::query::Query;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
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
