use std::borrow::Cow;
use std::io::{self, Write};

use rayon::prelude::*;

use crate::memory::walk_ahead;
use crate::model::Event;
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

/// An event's cells, made printable.
fn cells(e: &Event) -> [Cow<'_, str>; 4] {
    let owned = |s: String| match safe::one_line(&s) {
        Cow::Borrowed(_) => Cow::Owned(s),
        Cow::Owned(escaped) => Cow::Owned(escaped),
    };
    [
        owned(e.date_label()),
        safe::one_line(&e.id),
        safe::one_line(&e.title),
        owned(e.countries.join(" ")),
    ]
}

/// The columns of an event's cells, as [`Row::new`] measures them, without
/// making the cells of plain text.
fn widths(e: &Event) -> [usize; 4] {
    let one =
        |s: &str| if safe::printable_ascii(s) { s.len() } else { columns(&safe::one_line(s)) };
    let countries = if e.countries.iter().all(|c| safe::printable_ascii(c)) {
        e.countries.iter().map(String::len).sum::<usize>() + e.countries.len().saturating_sub(1)
    } else {
        one(&e.countries.join(" "))
    };
    [e.dates().columns(), one(&e.id), one(&e.title), countries]
}

/// The widest of two rows' widths, column by column.
fn widest(a: [usize; 4], b: [usize; 4]) -> [usize; 4] {
    [0, 1, 2, 3].map(|i| a[i].max(b[i]))
}

pub fn write(
    out: &mut dyn Write,
    query: &Query,
    shown: &[usize],
    width: Option<usize>,
) -> io::Result<()> {
    let tl = query.timeline();
    // Cells borrow from the timeline unless escaping changed them: rows are
    // measured first, then made and written a block at a time.
    let header = Row::new(HEADER.map(Cow::Borrowed));
    // On all cores: at a million rows, this is most of the table's time.
    let widths = shown
        .par_chunks(super::RUN)
        .map(|run| {
            let mut most = header.widths;
            walk_ahead(run.len(), |k| &tl.events[run[k]], |e| most = widest(most, widths(e)));
            most
        })
        .reduce(|| header.widths, widest);
    let widths = within(widths, width);
    write_header(out, &header, &widths)?;
    // Rows are made and laid out on all cores, a run of them per task.
    super::write_in_runs(out, shown, super::RUN, |_, run, text| {
        let mut rows = String::new();
        walk_ahead(run.len(), |k| &tl.events[run[k]], |e| push_event(&mut rows, e, &widths));
        text.extend_from_slice(rows.as_bytes());
        Ok(())
    })
}

/// The events `taken` of `stream`, as [`write`] writes them: read once to
/// be measured, and once more to be written.
pub fn write_stream(
    out: &mut dyn Write,
    stream: &crate::load::cache::Stream,
    taken: super::Taken,
    width: Option<usize>,
) -> io::Result<()> {
    let header = Row::new(HEADER.map(Cow::Borrowed));
    let measure = |events: &[Event]| events.iter().map(widths).fold(header.widths, widest);
    let widths = super::fold_streamed(stream, taken, measure, header.widths, widest)?;
    let widths = within(widths, width);
    write_header(out, &header, &widths)?;
    super::write_streamed(out, stream, taken, super::RUN, |_, events, text| {
        let mut rows = String::new();
        events.iter().for_each(|e| push_event(&mut rows, e, &widths));
        text.extend_from_slice(rows.as_bytes());
        Ok(())
    })
}

/// The columns' widths within a terminal `width` wide, if any.
fn within(mut widths: [usize; 4], width: Option<usize>) -> [usize; 4] {
    if let Some(total) = width {
        // On a narrow terminal the title keeps most of the room; ids and
        // country lists are cut first.
        widths[3] = widths[3].min(17);
        let room = total.saturating_sub(widths[0] + widths[3] + 3 * GAP.len());
        widths[1] = widths[1].min((room / 3).max(8));
        widths[2] = widths[2].min(room.saturating_sub(widths[1]).max(12));
    }
    widths
}

fn write_header(out: &mut dyn Write, header: &Row, widths: &[usize; 4]) -> io::Result<()> {
    let mut text = String::new();
    push_row(&mut text, header, widths);
    out.write_all(text.as_bytes())
}

/// The row of `e`, as [`push_row`] lays it out. Cells of printable ASCII
/// that fit, as most are, are written straight from the event, without
/// being made first.
fn push_event(text: &mut String, e: &Event, widths: &[usize; 4]) {
    let plain = |s: &str, width: usize| s.len() <= width && safe::printable_ascii(s);
    let countries =
        e.countries.iter().map(String::len).sum::<usize>() + e.countries.len().saturating_sub(1);
    let dates = e.dates();
    let date = dates.columns();
    if !(date <= widths[0]
        && plain(&e.id, widths[1])
        && plain(&e.title, widths[2])
        && countries <= widths[3]
        && e.countries.iter().all(|c| safe::printable_ascii(c)))
    {
        return push_row(text, &Row::new(cells(e)), widths);
    }
    let start = text.len();
    let pad = |text: &mut String, used: usize, width: usize| {
        text.extend(std::iter::repeat_n(' ', width - used));
        text.push_str(GAP);
    };
    dates.push_to(text);
    pad(text, date, widths[0]);
    text.push_str(&e.id);
    pad(text, e.id.len(), widths[1]);
    text.push_str(&e.title);
    pad(text, e.title.len(), widths[2]);
    for (i, c) in e.countries.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(c);
    }
    end_row(text, start);
}

/// Ends the row that began at `start` in `text`. Its last cells may be
/// empty: no spaces are left at the line's end.
fn end_row(text: &mut String, start: usize) {
    let kept = start + text[start..].trim_end().len();
    text.truncate(kept);
    text.push('\n');
}

/// One row, each cell cut or padded to its column's width, added to `text`
/// with its line's end.
fn push_row(text: &mut String, row: &Row, widths: &[usize; 4]) {
    let start = text.len();
    for (i, cell) in row.cells.iter().enumerate() {
        if i > 0 {
            text.push_str(GAP);
        }
        let used = if row.widths[i] <= widths[i] {
            text.push_str(cell);
            row.widths[i]
        } else {
            let cut = fit(cell, widths[i]);
            text.push_str(&cut);
            columns(&cut)
        };
        if i < 3 {
            text.extend(std::iter::repeat_n(' ', widths[i].saturating_sub(used)));
        }
    }
    end_row(text, start);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    #[test]
    fn widths_measured_without_cells_are_those_of_the_cells() {
        let mut events = Vec::new();
        for (id, title, countries) in [
            ("plain", "A summit in Astana", vec!["KZ", "RU"]),
            ("no-countries", "", vec![]),
            ("wide", "習近平 in Астана", vec!["CN"]),
            ("rtl", "قمة في أستانا", vec!["KZ"]),
            ("control", "a\u{7}bell\ttab", vec!["K\u{1b}Z", "RU"]),
            ("línea", "one\nline", vec!["ÜZ"]),
        ] {
            let mut e = Event::new(id, PartialDate::year(1991), title);
            e.countries = countries.into_iter().map(String::from).collect();
            events.push(e);
        }
        // Every shape of date label: years, BCE, months, days, ranges within a
        // month and across months, approximate ones.
        let date = |text: &str| PartialDate::parse(text).expect(text);
        for (start, end) in [
            ("-329", Some("2025")),
            ("1865-05-09", Some("1865-06-29")),
            ("2023-05-18", Some("2023-05-19")),
            ("1991-12", None),
            ("1865~", Some("1866")),
            ("1991-12-26", Some("1991-12-26")),
        ] {
            let mut e = Event::new(start, date(start), "t");
            e.end = end.map(date);
            events.push(e);
        }
        for e in &events {
            assert_eq!(widths(e), Row::new(cells(e)).widths, "{}", e.id);
        }
        // Written straight from the event or made first, a row is the same
        // text: at the widest cells, and cut to a narrow terminal.
        let widest =
            events.iter().map(widths).fold([0; 4], |a, b| [0, 1, 2, 3].map(|i| a[i].max(b[i])));
        for widths in [widest, [4, 5, 6, 2], [30, 30, 30, 30], [0; 4]] {
            for e in &events {
                let (mut straight, mut made) = (String::new(), String::new());
                push_event(&mut straight, e, &widths);
                push_row(&mut made, &Row::new(cells(e)), &widths);
                assert_eq!(straight, made, "{} in {widths:?}", e.id);
            }
        }
    }
}
