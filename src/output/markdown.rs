use std::io::{self, Write};

use crate::query::Query;

/// Text safe inside a Markdown table cell.
pub fn cell(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace(['\n', '\r'], " ")
}

pub fn write(out: &mut dyn Write, query: &Query, shown: &[usize]) -> io::Result<()> {
    let tl = query.timeline();
    writeln!(out, "| Date | Event | Countries | Tags | Id |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for &i in shown {
        let e = &tl.events[i];
        writeln!(
            out,
            "| {} | {} | {} | {} | `{}` |",
            cell(&e.date_label()),
            cell(&e.title),
            cell(&e.countries.join(", ")),
            cell(&e.tags.join(", ")),
            cell(&e.id),
        )?;
    }
    Ok(())
}
