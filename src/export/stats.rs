//! `steppe stats`: the frequency tables of the query layer as text with bars,
//! JSON or CSV. Text leaves through [`safe`], as everywhere in exports.

use std::io::{self, Write};

use crate::query::stats::{Count, Period, SplitTable, Stats};
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
        // A name with its own brackets takes the code inside them:
        // "Soviet Union (USSR, SU)", not "Soviet Union (USSR) (SU)".
        "country" | "actor" if r.key != r.label => match r.label.strip_suffix(')') {
            Some(open) if open.contains('(') => format!("{open}, {})", r.key),
            _ => format!("{} ({})", r.label, r.key),
        },
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

/// A split table: a row per period, a column per member, and the period's
/// events in all; `·` for none, so the counts stand out.
pub fn split_table(
    out: &mut dyn Write,
    table: &SplitTable,
    filter: &str,
    columns: usize,
) -> io::Result<()> {
    let total: usize = table.rows.iter().map(|r| r.events).sum();
    let noun = if total == 1 { "event" } else { "events" };
    let by = match table.by {
        Period::Year => "year",
        Period::Decade => "decade",
    };
    writeln!(out, "{total} {noun} · {} · by {by}\n", safe::one_line(filter))?;
    let period_width = table.rows.iter().map(|r| width(&r.label)).max().unwrap_or(4).max(6);
    let counts = |c: Option<usize>| {
        table.rows.iter().map(|r| c.map_or(r.events, |c| r.counts[c]).to_string().len()).max()
    };
    // Each column as wide as its count or its label, labels cut to share the width.
    let share = columns.saturating_sub(period_width + 2) / (table.columns.len() + 1).max(1);
    let cell = |label: &str, c: Option<usize>| {
        width(label).min(share.saturating_sub(2).max(6)).max(counts(c).unwrap_or(1))
    };
    let mut heads: Vec<(String, usize)> = table
        .columns
        .iter()
        .map(|c| safe::one_line(&c.label).into_owned())
        .enumerate()
        .map(|(n, l)| {
            let w = cell(&l, Some(n));
            (l, w)
        })
        .collect();
    heads.push(("all".into(), cell("all", None)));
    let mut line = format!("  {}", " ".repeat(period_width));
    for (label, w) in &heads {
        line.push_str(&format!("  {:>w$}", pad_left(&fit(label, *w), *w)));
    }
    writeln!(out, "{}", line.trim_end())?;
    for r in &table.rows {
        let mut line = format!("  {}", pad(&r.label, period_width));
        let values = r.counts.iter().chain(std::iter::once(&r.events));
        for (n, (_, w)) in values.zip(&heads) {
            let text = if *n == 0 { "·".to_string() } else { n.to_string() };
            line.push_str(&format!("  {}", pad_left(&text, *w)));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// `text` right-aligned in `w` columns.
fn pad_left(text: &str, w: usize) -> String {
    format!("{}{text}", " ".repeat(w.saturating_sub(width(text))))
}

pub fn split_json(out: &mut dyn Write, table: &SplitTable, filter: &str) -> io::Result<()> {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        filter: &'a str,
        #[serde(flatten)]
        table: &'a SplitTable,
    }
    safe::write_json(out, &Doc { filter, table })?;
    writeln!(out)
}

/// `period,label,` a column per member headed by its key, then `events`:
/// the period's events in all.
pub fn split_csv(out: &mut dyn Write, table: &SplitTable) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
    let cell = |s: &str| safe::spreadsheet_cell(&safe::printable(s)).into_owned();
    let mut head = vec!["period".to_string(), "label".to_string()];
    head.extend(table.columns.iter().map(|c| cell(&c.key)));
    head.push("events".into());
    w.write_record(&head)?;
    for r in &table.rows {
        let mut rec = vec![r.period.to_string(), cell(&r.label)];
        rec.extend(r.counts.iter().map(usize::to_string));
        rec.push(r.events.to_string());
        w.write_record(&rec)?;
    }
    w.flush()
}
