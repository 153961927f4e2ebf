//! `steppe stats`: the frequency tables of the query layer as text with bars,
//! JSON or CSV. Text leaves through [`safe`], as everywhere in exports.

use std::io::{self, Write};

use crate::query::stats::{Count, Stats};
use crate::text::safe;
use crate::text::{fit, pad, width};

/// Each table: a heading, then `label  count  bar`, the bars scaled to the
/// table's largest count and to the terminal's `columns`.
pub fn table(out: &mut dyn Write, stats: &Stats, filter: &str, columns: usize) -> io::Result<()> {
    let noun = if stats.events == 1 { "event" } else { "events" };
    writeln!(out, "{} {noun} · {}", stats.events, safe::one_line(filter))?;
    for (name, rows) in stats.tables() {
        if rows.is_empty() {
            continue;
        }
        writeln!(out, "\nBy {name}")?;
        let labels: Vec<String> = rows.iter().map(|r| label(name, r)).collect();
        let label_width = labels.iter().map(|l| width(l)).max().unwrap_or(0).min(32);
        let count_width = rows.iter().map(|r| r.events.to_string().len()).max().unwrap_or(1);
        let room = columns.saturating_sub(2 + label_width + 2 + count_width + 2).clamp(10, 50);
        let most = rows.iter().map(|r| r.events).max().unwrap_or(1).max(1);
        for (r, l) in rows.iter().zip(&labels) {
            let bar = (r.events * room).div_ceil(most);
            let line = format!(
                "  {}  {:>count_width$}  {}",
                pad(&fit(l, label_width), label_width),
                r.events,
                "█".repeat(bar)
            );
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    Ok(())
}

/// What a row is called in the table: the name, with the code a filter takes.
fn label(table: &str, r: &Count) -> String {
    let text = match table {
        "country" | "actor" if r.key != r.label => format!("{} ({})", r.label, r.key),
        _ => r.label.clone(),
    };
    safe::one_line(&text).into_owned()
}

pub fn json(out: &mut dyn Write, stats: &Stats, filter: &str) -> io::Result<()> {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        filter: &'a str,
        #[serde(flatten)]
        stats: &'a Stats,
    }
    safe::write_json(out, &Doc { filter, stats })?;
    writeln!(out)
}

/// One table for all four: `facet,key,label,events`.
pub fn csv(out: &mut dyn Write, stats: &Stats) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
    w.write_record(["facet", "key", "label", "events"])?;
    let cell = |s: &str| safe::spreadsheet_cell(&safe::printable(s)).into_owned();
    for (name, rows) in stats.tables() {
        for r in rows {
            w.write_record([name.to_string(), cell(&r.key), cell(&r.label), r.events.to_string()])?;
        }
    }
    w.flush()
}
