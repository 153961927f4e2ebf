use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::safe;
use crate::query::Query;
use crate::text::{fit, pad};

const GAP: &str = "  ";

pub fn write(
    out: &mut dyn Write,
    query: &Query,
    shown: &[usize],
    width: Option<usize>,
) -> io::Result<()> {
    let tl = query.timeline();
    let rows: Vec<[String; 4]> = shown
        .iter()
        .map(|&i| {
            let e = &tl.events[i];
            [e.date_label(), e.id.clone(), e.title.clone(), e.countries.join(" ")]
                .map(|cell| safe::one_line(&cell).into_owned())
        })
        .collect();
    let header = ["DATE", "ID", "TITLE", "COUNTRIES"].map(String::from);
    let mut widths = [0usize; 4];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    if let Some(total) = width {
        // On a narrow terminal the title keeps most of the room; ids and
        // country lists are cut first.
        widths[3] = widths[3].min(17);
        let room = total.saturating_sub(widths[0] + widths[3] + 3 * GAP.len());
        widths[1] = widths[1].min((room / 3).max(8));
        widths[2] = widths[2].min(room.saturating_sub(widths[1]).max(12));
    }
    for row in std::iter::once(&header).chain(&rows) {
        let line = [
            pad(&fit(&row[0], widths[0]), widths[0]),
            pad(&fit(&row[1], widths[1]), widths[1]),
            pad(&fit(&row[2], widths[2]), widths[2]),
            fit(&row[3], widths[3]),
        ]
        .join(GAP);
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
