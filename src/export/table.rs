use std::borrow::Cow;
use std::io::{self, Write};

use rayon::prelude::*;

use crate::query::Query;
use crate::text::safe;
use crate::text::{fit, width as columns};

const GAP: &str = "  ";
const HEADER: [&str; 4] = ["DATE", "ID", "TITLE", "COUNTRIES"];

/// One row's cells, made printable, with the columns each takes.
struct Row<'a> {
    cells: [Cow<'a, str>; 4],
    widths: [usize; 4],
}

impl<'a> Row<'a> {
    fn new(cells: [Cow<'a, str>; 4]) -> Self {
        let widths = [0, 1, 2, 3].map(|i| columns(&cells[i]));
        Row { cells, widths }
    }
}

pub fn write(
    out: &mut dyn Write,
    query: &Query,
    shown: &[usize],
    width: Option<usize>,
) -> io::Result<()> {
    let tl = query.timeline();
    // Cells borrow from the timeline unless escaping changed them: a hundred
    // thousand rows are measured once and written without copies.
    let header = Row::new(HEADER.map(Cow::Borrowed));
    // Made on all cores: at a million rows, this is most of the table's time.
    let rows: Vec<Row> = shown
        .par_iter()
        .map(|&i| {
            let e = &tl.events[i];
            let owned = |s: String| match safe::one_line(&s) {
                Cow::Borrowed(_) => Cow::Owned(s),
                Cow::Owned(escaped) => Cow::Owned(escaped),
            };
            Row::new([
                owned(e.date_label()),
                safe::one_line(&e.id),
                safe::one_line(&e.title),
                owned(e.countries.join(" ")),
            ])
        })
        .collect();
    let mut widths = [0usize; 4];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row.widths) {
            *w = (*w).max(cell);
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
    let mut line = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        line.clear();
        for (i, cell) in row.cells.iter().enumerate() {
            if i > 0 {
                line.push_str(GAP);
            }
            let used = if row.widths[i] <= widths[i] {
                line.push_str(cell);
                row.widths[i]
            } else {
                let cut = fit(cell, widths[i]);
                line.push_str(&cut);
                columns(&cut)
            };
            if i < 3 {
                line.extend(std::iter::repeat_n(' ', widths[i].saturating_sub(used)));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
