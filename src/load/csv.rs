//! CSV files → the tree of a steppe file, checked by the schema step like
//! YAML: a TimelineJS sheet (the Google Sheets template saved as CSV, with
//! its title and era rows), or steppe's own CSV as `list --format csv`
//! writes it. The csv crate parses; each cell keeps its line and column.

use std::borrow::Cow;

use super::diagnostic::{Diagnostic, Mark};
use super::json::Lines;
use super::schema::{self, FileContent};
use super::timelinejs::{Convert, DateParts, MediaParts, Slide};
use super::yaml::Node;
use crate::model::cells;
use crate::text;
use crate::text::safe::spreadsheet_cell_undo;

/// One record: its cells, each with its place. A cell is borrowed from the
/// file's text where it is written there as it reads (a cell of hundreds of
/// megabytes is not copied); one with quotes doubled inside is a copy.
pub(super) struct Row<'t> {
    pub mark: Mark,
    pub cells: Vec<(Cow<'t, str>, Mark)>,
}

impl Row<'_> {
    pub fn blank(&self) -> bool {
        self.cells.iter().all(|(c, _)| c.trim().is_empty())
    }
}

/// Every record of the file, its cells separated as its header row is; a
/// CSV error is reported and ends the reading.
pub(super) fn rows<'t>(text: &'t str, file: usize, diags: &mut Vec<Diagnostic>) -> Vec<Row<'t>> {
    let lines = Lines::new(text);
    let delimiter = super::format::csv_delimiter(text);
    let open = unclosed_quote(text, delimiter);
    let mut records = Records::new(text, &lines, 0..text.len(), delimiter, open, file);
    let out = records.by_ref().collect();
    diags.append(&mut records.finish());
    out
}

/// The parser's output is taken this many bytes at a time: a cell longer
/// than this is compared with the text rather than gathered.
const CHUNK: usize = 1 << 16;

/// The rows of `text[range]` (which starts where a record does), one at a
/// time: none is held after it is handed on.
pub(super) struct Records<'t, 'l> {
    text: &'t str,
    lines: &'l Lines<'t>,
    /// The next byte to read, and where the range ends.
    pos: usize,
    end: usize,
    delimiter: u8,
    reader: csv_core::Reader,
    /// The parser's output for the current record, a chunk at a time, and
    /// where the fields in it end.
    out: Vec<u8>,
    ends: [usize; 64],
    file: usize,
    /// The row after the one handed on: the last is left out when a quote
    /// opened in it is never closed.
    ahead: Option<Row<'t>>,
    /// Where a quote that is never closed opens.
    open: Option<usize>,
    ended: bool,
    diags: Vec<Diagnostic>,
}

/// A cell longer than a chunk while it is read: where it is in the text
/// while it reads the same as the text there, else its bytes.
enum Long {
    Borrowed { at: usize, len: usize },
    Owned(Vec<u8>),
}

impl Long {
    fn push(&mut self, text: &[u8], more: &[u8]) {
        match self {
            Long::Borrowed { at, len } => {
                if text.get(*at + *len..*at + *len + more.len()) == Some(more) {
                    *len += more.len();
                } else {
                    let mut bytes = text.get(*at..*at + *len).unwrap_or_default().to_vec();
                    bytes.extend_from_slice(more);
                    *self = Long::Owned(bytes);
                }
            }
            Long::Owned(bytes) => bytes.extend_from_slice(more),
        }
    }

    fn finish(self, text: &str) -> Result<Cow<'_, str>, std::str::Utf8Error> {
        match self {
            Long::Borrowed { at, len } => match text.get(at..at + len) {
                Some(cell) => Ok(Cow::Borrowed(cell)),
                None => cell_text(text.as_bytes().get(at..at + len).unwrap_or_default()),
            },
            Long::Owned(bytes) => match String::from_utf8(bytes) {
                Ok(cell) => Ok(Cow::Owned(cell)),
                Err(e) => Err(e.utf8_error()),
            },
        }
    }
}

fn cell_text<'t>(bytes: &[u8]) -> Result<Cow<'t, str>, std::str::Utf8Error> {
    std::str::from_utf8(bytes).map(|s| Cow::Owned(s.to_string()))
}

impl<'t, 'l> Records<'t, 'l> {
    fn new(
        text: &'t str,
        lines: &'l Lines<'t>,
        range: std::ops::Range<usize>,
        delimiter: u8,
        open: Option<usize>,
        file: usize,
    ) -> Self {
        let reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        let mut records = Records {
            text,
            lines,
            pos: range.start,
            end: range.end.min(text.len()),
            delimiter,
            reader,
            out: vec![0; CHUNK],
            ends: [0; 64],
            file,
            ahead: None,
            open,
            ended: false,
            diags: Vec::new(),
        };
        records.ahead = records.read();
        records
    }

    fn read(&mut self) -> Option<Row<'t>> {
        use csv_core::ReadRecordResult as R;
        if self.ended {
            return None;
        }
        let (text, bytes) = (self.text, self.text.as_bytes());
        let at = self.pos;
        let start = record_start(text, at);
        let mut cells: Vec<Cow<'t, str>> = Vec::new();
        // The field that has run past a chunk, and the record's output before this chunk.
        let mut long: Option<Long> = None;
        let mut before = 0;
        let failed = loop {
            let input = bytes.get(self.pos..self.end).unwrap_or_default();
            let (res, nin, nout, nend) =
                self.reader.read_record(input, &mut self.out, &mut self.ends);
            self.pos += nin;
            let mut from = 0;
            let mut failed = None;
            for &end in &self.ends[..nend] {
                let piece = self.out.get(from..end.saturating_sub(before)).unwrap_or_default();
                let cell = match long.take() {
                    Some(mut l) => {
                        l.push(bytes, piece);
                        l.finish(text)
                    }
                    None => cell_text(piece),
                };
                match cell {
                    Ok(cell) => cells.push(cell),
                    Err(e) => failed = failed.or(Some(e)),
                }
                from = end.saturating_sub(before);
            }
            if from < nout {
                let piece = self.out.get(from..nout).unwrap_or_default();
                let l = long.get_or_insert_with(|| {
                    let begin = field_starts(text, start, cells.len() + 1, self.delimiter)
                        .last()
                        .copied()
                        .unwrap_or(start);
                    let at = begin + usize::from(bytes.get(begin) == Some(&b'"'));
                    Long::Borrowed { at, len: 0 }
                });
                l.push(bytes, piece);
            }
            before += nout;
            if failed.is_some() {
                break failed;
            }
            match res {
                R::InputEmpty | R::OutputFull | R::OutputEndsFull => {}
                R::Record => break None,
                R::End => {
                    self.ended = true;
                    return None;
                }
            }
        };
        if let Some(e) = failed {
            // Not met in text that is UTF-8, as a cell is cut only at ASCII bytes.
            self.diags.push(Diagnostic::error(
                self.file,
                Some(self.lines.mark(at, at + 1)),
                format!("this is not valid CSV here: {e}"),
            ));
            self.ended = true;
            return None;
        }
        let starts = field_starts(text, start, cells.len(), self.delimiter);
        let lines = self.lines;
        let cells = cells
            .into_iter()
            .zip(starts)
            .map(|(cell, at)| {
                let mark = lines.mark(at, at + cell.len().max(1));
                (cell, mark)
            })
            .collect();
        Some(Row { mark: lines.mark(start, start + 1), cells })
    }

    /// True when a CSV error ended the reading.
    fn failed(&self) -> bool {
        !self.diags.is_empty()
    }

    /// What was wrong with the rows read: the CSV error that ended the
    /// reading, and a quote never closed. The rows not yet read are read.
    fn finish(mut self) -> Vec<Diagnostic> {
        while self.next().is_some() {}
        // A quote never closed makes one cell of the rest of the file, which
        // the parser takes without a word: its row is left out, and said.
        if let Some(open) = self.open {
            let text = self.text;
            let mark = self.lines.mark(open, open + 1);
            let last = self.lines.mark(text.len(), text.len()).line;
            self.diags.push(
                Diagnostic::error(
                    self.file,
                    Some(mark),
                    format!(
                        "this quote is never closed: lines {} to {last} were read as one cell, and its row is left out",
                        mark.line
                    ),
                )
                .with_help(Some(
                    "close the cell with `\"` where it ends; a quote inside a quoted cell is written twice (`\"\"`)"
                        .into(),
                )),
            );
        }
        self.diags
    }
}

impl<'t> Iterator for Records<'t, '_> {
    type Item = Row<'t>;

    fn next(&mut self) -> Option<Row<'t>> {
        let row = self.ahead.take()?;
        self.ahead = self.read();
        if let Some(open) = self.open.filter(|_| self.ahead.is_none()) {
            let o = self.lines.mark(open, open + 1);
            if row.cells.iter().any(|(_, m)| (m.line, m.column) == (o.line, o.column)) {
                return None;
            }
        }
        Some(row)
    }
}

/// Scans `text` for quotes as the csv crate reads them (only at a cell's
/// start; `""` inside is one quote): the byte of a quote that opens a cell
/// and is never closed, and for each of `near` (ascending) the first
/// record start after it, where a line ends outside quotes. A record start
/// in the middle of a file is known only this way, as a quoted cell may
/// hold line breaks.
fn quotes(text: &str, delimiter: u8, near: &[usize]) -> (Option<usize>, Vec<usize>) {
    let bytes = text.as_bytes();
    let mut cuts = Vec::with_capacity(near.len());
    let mut wanted = near.iter().copied().peekable();
    let mut i = 0;
    loop {
        // Outside quotes up to the next quote (or the end).
        let quote = memchr::memchr(b'"', &bytes[i..]).map_or(bytes.len(), |k| i + k);
        while let Some(&want) = wanted.peek() {
            let Some(k) = memchr::memchr(b'\n', bytes.get(want.max(i)..quote).unwrap_or_default())
            else {
                break;
            };
            let cut = want.max(i) + k + 1;
            // The parser drops a byte-order mark at its input's start.
            if cut < bytes.len() && !bytes[cut..].starts_with(b"\xEF\xBB\xBF") {
                cuts.push(cut);
            }
            // Later wants are met by the next line end.
            while wanted.next_if(|&w| w <= cut).is_some() {}
        }
        if quote == bytes.len() {
            return (None, cuts);
        }
        let opens = quote == 0
            || matches!(bytes[quote - 1], b'\n' | b'\r')
            || bytes[quote - 1] == delimiter;
        i = quote + 1;
        if !opens {
            continue;
        }
        loop {
            let Some(k) = memchr::memchr(b'"', &bytes[i..]) else { return (Some(quote), cuts) };
            i += k + 1;
            if bytes.get(i) == Some(&b'"') {
                i += 1;
            } else {
                break;
            }
        }
    }
}

/// The byte of a quote that opens a cell and is never closed.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    quotes(text, delimiter, &[]).0
}

/// The byte where a record's first cell is, from the parser's position
/// `at`, which may be on the line break before it (the `\n` of a `\r\n`)
/// or on blank lines it skipped; no record starts with a line break.
fn record_start(text: &str, at: usize) -> usize {
    let skipped = text.as_bytes().get(at..).unwrap_or_default();
    at + skipped.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count()
}

/// Where each of a record's `n` fields starts, for messages: a field in
/// quotes runs to its closing quote (a doubled quote stays inside).
fn field_starts(text: &str, start: usize, n: usize, delimiter: u8) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(n);
    let mut i = start;
    while starts.len() < n && i <= bytes.len() {
        starts.push(i);
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            while i < bytes.len() {
                if bytes[i] == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i += 1;
            }
        }
        while i < bytes.len() && bytes[i] != delimiter && !matches!(bytes[i], b'\n' | b'\r') {
            i += 1;
        }
        i += 1;
    }
    starts
}

fn normal(header: &str) -> String {
    header.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A TimelineJS sheet's columns, as the template writes them.
const SHEET_NAMES: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

/// Reads a TimelineJS sheet saved as CSV.
pub fn read_sheet(text: &str, file: usize, diags: &mut Vec<Diagnostic>) -> FileContent {
    let rows = rows(text, file, diags);
    let header = rows.iter().take(10).position(|r| {
        let heads: Vec<String> = r.cells.iter().map(|(c, _)| normal(c)).collect();
        heads.iter().any(|h| h == "year") && heads.iter().any(|h| h == "headline")
    });
    let Some(header) = header else {
        diags.push(Diagnostic::error(
            file,
            Some(Mark::START),
            "expected a header row with TimelineJS's columns: Year, Month, Day, Time, End Year, …, Headline, Text, Media, …, Type, Group, Background".to_string(),
        ));
        return FileContent { file, ..FileContent::default() };
    };
    let columns: Vec<String> = rows[header].cells.iter().map(|(c, _)| normal(c)).collect();
    let mut cx = Convert::new(file, diags);
    let unknown = columns.iter().zip(&rows[header].cells).filter(|(name, _)| {
        !name.is_empty() && !SHEET_NAMES.iter().any(|c| c.eq_ignore_ascii_case(name))
    });
    let mut more = 0;
    for (n, (_, (cell, mark))) in unknown.enumerate() {
        if n < UNKNOWN_COLUMNS_SHOWN {
            cx.dropped_column(cell.trim(), *mark, &SHEET_NAMES);
        } else {
            more += 1;
        }
    }
    more_unknown_columns(more, rows[header].mark, file, "are not read", cx.diags());
    let index = column_index(&columns);
    for row in rows.iter().skip(header + 1).filter(|r| !r.blank()) {
        let cell = |name: &str| -> Option<Node> {
            let i = *index.get(name)?;
            let (text, mark) = row.cells.get(i)?;
            (!text.trim().is_empty()).then(|| Node::text_at(text.clone(), *mark))
        };
        let date = |prefix: &str| DateParts {
            mark: cell(&format!("{prefix}year")).map(|n| n.mark),
            year: cell(&format!("{prefix}year")),
            month: cell(&format!("{prefix}month")),
            day: cell(&format!("{prefix}day")),
            time: cell(&format!("{prefix}time")),
            display_date: None,
        };
        let slide = Slide {
            mark: row.mark,
            start: date(""),
            end: date("end "),
            display_date: cell("display date"),
            headline: cell("headline"),
            text: cell("text"),
            media: MediaParts {
                url: cell("media"),
                caption: cell("media caption"),
                credit: cell("media credit"),
                thumbnail: cell("media thumbnail"),
                alt: cell("alt text"),
                title: None,
                link: cell("link"),
            },
            group: cell("group"),
            unique_id: None,
            background: cell("background"),
        };
        match cell("type").and_then(|t| t.text().map(|t| t.trim().to_lowercase())).as_deref() {
            Some("title") => cx.title_slide(&slide),
            Some("era") => cx.era(&slide),
            _ => cx.event(&slide),
        }
    }
    let tree = cx.tree(Mark::START, Vec::new());
    cx.finish();
    schema::read_tree(&tree, file, diags)
}

/// How steppe writes a column of attributes: `attr:fatalities`.
pub const PREFIX: &str = "attr:";

/// Other names for steppe CSV's columns, from a `--columns` file of
/// `their_name: steppe_column` lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    pub file: std::path::PathBuf,
    /// (their column, steppe's column or `attr:NAME`), as column keys.
    pub names: Vec<(String, String)>,
}

impl ColumnMap {
    /// Reads a `--columns` file; an error names its line and what was expected.
    pub fn read(path: &std::path::Path) -> Result<ColumnMap, String> {
        let shown = text::safe::path(path);
        let text = super::read_text(path).map_err(|e| format!("{shown}: {e}"))?;
        let mut names: Vec<(String, String)> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let at = format!("{shown}:{}", n + 1);
            let line = line.split(" #").next().unwrap_or_default().trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let unquote = |s: &str| s.trim().trim_matches(['"', '\'']).trim().to_string();
            let Some((theirs, ours)) = line.rsplit_once(": ").or_else(|| line.rsplit_once(':'))
            else {
                return Err(format!(
                    "{at}: expected `their column: steppe's column`, such as `event_date: date`; found `{}`",
                    text::sanitize::visible(line)
                ));
            };
            let (theirs, ours) = (column_key(&unquote(theirs)), column_key(&unquote(ours)));
            let attribute = ours.strip_prefix(PREFIX).is_some_and(schema::is_name);
            if !attribute && !cells::COLUMNS.contains(&ours.as_str()) {
                let meant = super::diagnostic::did_you_mean(&ours, cells::COLUMNS)
                    .map(|m| format!("did you mean `{m}`? "))
                    .unwrap_or_default();
                return Err(format!(
                    "{at}: `{}` is not a column of steppe CSV; {meant}steppe CSV has: {}, or `attr:NAME` for an attribute",
                    text::sanitize::visible(&ours),
                    cells::COLUMNS.join(", ")
                ));
            }
            if theirs.is_empty() {
                return Err(format!("{at}: expected a column's name before the `:`"));
            }
            if names.iter().any(|(t, _)| *t == theirs) {
                return Err(format!("{at}: `{}` is named twice", text::sanitize::visible(&theirs)));
            }
            names.push((theirs, ours));
        }
        Ok(ColumnMap { file: path.to_path_buf(), names })
    }
}

/// An attribute's name for a column steppe does not know: the characters
/// a name may not have become `_`.
fn attribute_name(key: &str) -> String {
    let name: String = key
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .collect();
    name.trim_matches('_').to_string()
}

/// Files at least this large are read in parts on all cores, when they can be cut.
const SPLIT_BYTES: usize = 8 << 20;

/// Reads steppe's own CSV, as `list --format csv` writes it; a column it
/// does not know is kept as the events' attribute of that name. `renames`
/// gives other names for its columns: (their column, steppe's). Each row
/// is made an event and checked as it is read, as the YAML reader checks
/// its events, so neither the rows nor a tree of them is held; a big file
/// is read in parts on all cores, cut where a record is known to start.
pub fn read_steppe(
    text: &str,
    file: usize,
    diags: &mut Vec<Diagnostic>,
    renames: &[(String, String)],
) -> FileContent {
    let lines = Lines::new(text);
    let delimiter = super::format::csv_delimiter(text);
    let n = if text.len() >= SPLIT_BYTES { 2 * rayon::current_num_threads() } else { 1 };
    let near: Vec<usize> = (1..n).map(|k| k * (text.len() / n)).collect();
    let (open, cuts) = quotes(text, delimiter, &near);
    // A file with a quote never closed is read whole, as its last row is left out.
    let mut bounds = vec![0];
    bounds.extend(cuts.into_iter().filter(|_| open.is_none()));
    bounds.push(text.len());
    let mut first = Records::new(text, &lines, 0..bounds[1], delimiter, open, file);
    let Some(header) = first.next() else {
        diags.append(&mut first.finish());
        diags.push(Diagnostic::warning(file, None, "this file is empty: it defines no events"));
        return FileContent { file, ..FileContent::default() };
    };
    // Said after the CSV's own problems, which are known once it is read.
    let mut head = Vec::new();
    let columns: Vec<String> = header
        .cells
        .iter()
        .map(|(c, _)| {
            let key = column_key(c);
            renames.iter().find(|(theirs, _)| *theirs == key).map_or(key, |(_, ours)| ours.clone())
        })
        .collect();
    // (column, attribute name) of the columns kept as attributes.
    let mut attributes: Vec<(usize, String)> = Vec::new();
    // The first unknown columns are named each with its help; the rest counted.
    let (mut named, mut more) = (0, 0);
    for (i, (key, (name, mark))) in columns.iter().zip(&header.cells).enumerate() {
        if key.is_empty() || cells::COLUMNS.contains(&key.as_str()) {
            continue;
        }
        match key.strip_prefix(PREFIX) {
            Some(attr) if schema::is_name(attr) => attributes.push((i, attr.to_string())),
            _ => {
                let attr = attribute_name(key.strip_prefix(PREFIX).unwrap_or(key));
                if named < UNKNOWN_COLUMNS_SHOWN {
                    named += 1;
                    head.push(unknown_column(name.trim(), key, &attr, *mark, file));
                } else {
                    more += 1;
                }
                if !attr.is_empty() {
                    attributes.push((i, attr));
                }
            }
        }
    }
    more_unknown_columns(
        more,
        header.mark,
        file,
        "are kept as attributes, as these are",
        &mut head,
    );
    let missing: Vec<&str> = ["id", "date", "title"]
        .into_iter()
        .filter(|required| !columns.iter().any(|c| c == required))
        .collect();
    if !missing.is_empty() {
        // Without them no row is an event: one error, not one for each row.
        head.push(
            Diagnostic::error(
                file,
                Some(header.mark),
                format!(
                    "steppe CSV needs the columns `id`, `date` and `title` in its first row; this one has no {}",
                    text::join_words(missing.iter().map(|c| format!("`{c}`")), "or")
                ),
            )
            .with_help(Some(
                "name the columns that hold them in a file given with --columns FILE, one a line such as `event_date: date`; `steppe list --format csv` writes a table with every column to start from"
                    .to_string(),
            )),
        );
        // The CSV's own problems are still said: the rows are read, and let go.
        let mut said = first.finish();
        for w in bounds.windows(2).skip(1) {
            if !said.is_empty() {
                break; // a CSV error ended the reading (a part has no unclosed quote)
            }
            diags.append(&mut said);
            said = Records::new(text, &lines, w[0]..w[1], delimiter, None, file).finish();
        }
        diags.append(&mut said);
        diags.append(&mut head);
        return FileContent { file, ..FileContent::default() };
    }
    let body = Body { index: column_index(&columns), attributes: &attributes, file };
    let mut parts = vec![first];
    for w in bounds.windows(2).skip(1) {
        parts.push(Records::new(text, &lines, w[0]..w[1], delimiter, None, file));
    }
    let mut read: Vec<Part> = {
        use rayon::prelude::*;
        parts.into_par_iter().map(|records| body.read(records)).collect()
    };
    // A CSV error ends the reading: what came after it is not read.
    if let Some(failed) = read.iter().position(|p| p.failed) {
        read.truncate(failed + 1);
    }
    let mut defs = Defs::default();
    let mut made = Vec::new();
    let mut checked = Vec::with_capacity(read.len());
    for part in read {
        diags.extend(part.reader);
        made.extend(part.made);
        defs.absorb(part.defs);
        checked.push(part.checker);
    }
    diags.append(&mut head);
    diags.append(&mut made);
    let mut whole = schema::Checker::new(file);
    let (countries, actors) = defs.into_nodes();
    let mark = header.mark;
    whole.top(&Node::map_at(
        vec![
            ("countries", Node::list_at(countries, mark)),
            ("actors", Node::list_at(actors, mark)),
            ("events", Node::list_at(Vec::new(), mark)),
        ],
        mark,
    ));
    for part in checked {
        whole.absorb(part);
    }
    whole.finish(diags)
}

/// What makes a steppe CSV row an event, known from its header.
struct Body<'c> {
    index: hashbrown::HashMap<&'c str, usize>,
    attributes: &'c [(usize, String)],
    file: usize,
}

/// What one part of a steppe CSV gave: its events checked, the countries
/// and actors its rows name, and the problems found making and reading them.
struct Part {
    checker: schema::Checker,
    defs: Defs,
    made: Vec<Diagnostic>,
    reader: Vec<Diagnostic>,
    failed: bool,
}

impl Body<'_> {
    fn read(&self, mut records: Records<'_, '_>) -> Part {
        let mut checker = schema::Checker::new(self.file);
        let (mut defs, mut made) = (Defs::default(), Vec::new());
        for row in records.by_ref().filter(|r| !r.blank()) {
            let event = self.event(&row, &mut defs, &mut made);
            // Let go first: a long cell is held once, in its node.
            drop(row);
            checker.event(event);
        }
        let failed = records.failed();
        Part { checker, defs, made, reader: records.finish(), failed }
    }

    /// One row as an item of a timeline file's `events`.
    fn event(&self, row: &Row, defs: &mut Defs, diags: &mut Vec<Diagnostic>) -> Node {
        // Borrowed: a cell of hundreds of megabytes is copied once, into its
        // node, whose text the check then takes.
        let cell = |name: &str| -> Option<(&str, Mark)> {
            let i = *self.index.get(name)?;
            let (text, mark) = row.cells.get(i)?;
            let text = spreadsheet_cell_undo(text);
            (!text.trim().is_empty()).then_some((text, *mark))
        };
        let mut event = steppe_event(row.mark, &cell, defs, self.file, diags);
        let attrs: Vec<(Node, Node)> = self
            .attributes
            .iter()
            .filter_map(|(i, name)| {
                let (text, mark) = row.cells.get(*i)?;
                let text = spreadsheet_cell_undo(text);
                (!text.trim().is_empty())
                    .then(|| (Node::text_at(name.as_str(), *mark), Node::text_at(text, *mark)))
            })
            .collect();
        if let (Some(first), super::yaml::Kind::Map(entries)) = (attrs.first(), &mut event.kind) {
            let mark = first.0.mark;
            entries.push((
                Node::text_at("attributes", mark),
                Node { mark, kind: super::yaml::Kind::Map(attrs) },
            ));
        }
        event
    }
}

/// Each column's place by its name (the first column of a name counts): a
/// row's cells are looked up by name, and a sheet may have many columns.
fn column_index(columns: &[String]) -> hashbrown::HashMap<&str, usize> {
    let mut index = hashbrown::HashMap::with_capacity(columns.len());
    for (i, c) in columns.iter().enumerate() {
        index.entry(c.as_str()).or_insert(i);
    }
    index
}

/// Unknown columns named each with its help; the rest are counted.
const UNKNOWN_COLUMNS_SHOWN: usize = 50;

/// `what_becomes`: steppe CSV keeps them as attributes, a sheet passes them over.
fn more_unknown_columns(
    more: usize,
    header: Mark,
    file: usize,
    what_becomes: &str,
    diags: &mut Vec<Diagnostic>,
) {
    if more > 0 {
        diags.push(Diagnostic::warning(
            file,
            Some(header),
            format!("{} more unknown columns in this row {what_becomes}", text::thousands(more)),
        ));
    }
}

/// A column name as steppe CSV spells it: `Source Titles` is `source_titles`.
fn column_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join("_").to_lowercase()
}

/// Names other tables give steppe's columns.
const COLUMN_SYNONYMS: &[(&str, &str)] = &[
    ("event", "title"),
    ("headline", "title"),
    ("name", "title"),
    ("description", "summary"),
    ("text", "summary"),
    ("start", "date"),
    ("start_date", "date"),
    ("year", "date"),
    ("end_date", "end"),
    ("country", "countries"),
    ("actor", "actors"),
    ("people", "actors"),
    ("tag", "tags"),
    ("source", "sources"),
    ("url", "sources"),
    ("link", "sources"),
    ("location", "place"),
    ("lat", "latitude"),
    ("lon", "longitude"),
    ("lng", "longitude"),
];

/// A column steppe CSV does not have, kept as the attribute `attr`: with
/// the column probably meant, and how to say what it holds.
fn unknown_column(name: &str, key: &str, attr: &str, mark: Mark, file: usize) -> Diagnostic {
    let meant = COLUMN_SYNONYMS
        .iter()
        .find(|(other, _)| *other == key)
        .map(|(_, column)| *column)
        .or_else(|| super::diagnostic::did_you_mean(key, cells::COLUMNS));
    let name = crate::text::sanitize::visible(name);
    let listed = super::diagnostic::unknown_name_help(meant, "steppe CSV has", &cells::COLUMNS);
    if attr.is_empty() {
        return Diagnostic::warning(
            file,
            Some(mark),
            format!("unknown column `{name}`: it is not read"),
        )
        .with_help(Some(listed));
    }
    let help = match meant {
        Some(m) => format!(
            "if it holds steppe's `{m}`, map it with --columns FILE (a line `{key}: {m}`); to keep it as it is without this warning, name the column `attr:{attr}`"
        ),
        None => format!(
            "{listed}; to keep it as it is without this warning, name the column `attr:{attr}`, or map it with --columns FILE (a line `{key}: attr:{attr}`)"
        ),
    };
    Diagnostic::warning(
        file,
        Some(mark),
        format!("unknown column `{name}`: kept as the events' attribute `{attr}`"),
    )
    .with_help(Some(help))
}

/// The countries and actors named in the rows, each once per name.
#[derive(Default)]
struct Defs {
    seen: hashbrown::HashSet<(bool, String, String)>,
    /// (a country?, id, name, where first named), in the order first named.
    found: Vec<(bool, String, String, Mark)>,
}

impl Defs {
    fn add(&mut self, country: bool, id: &str, name: &str, mark: Mark) {
        let key = (country, id.to_string(), name.to_string());
        if self.seen.contains(&key) {
            return;
        }
        self.found.push((country, key.1.clone(), key.2.clone(), mark));
        self.seen.insert(key);
    }

    /// Adds those a later part of the file named, as if read after these.
    fn absorb(&mut self, later: Defs) {
        for (country, id, name, mark) in later.found {
            self.add(country, &id, &name, mark);
        }
    }

    /// The countries' and the actors' items, as a timeline file lists them.
    fn into_nodes(self) -> (Vec<Node>, Vec<Node>) {
        let (mut countries, mut actors) = (Vec::new(), Vec::new());
        for (country, id, name, mark) in self.found {
            let (id_key, list) =
                if country { ("code", &mut countries) } else { ("id", &mut actors) };
            list.push(Node::map_at(
                vec![(id_key, Node::text_at(id, mark)), ("name", Node::text_at(name, mark))],
                mark,
            ));
        }
        (countries, actors)
    }
}

fn steppe_event<'r>(
    row: Mark,
    cell: &dyn Fn(&str) -> Option<(&'r str, Mark)>,
    defs: &mut Defs,
    file: usize,
    diags: &mut Vec<Diagnostic>,
) -> Node {
    let text = |name: &str| cell(name).map(|(t, m)| Node::text_at(t, m));
    let list = |name: &str| -> (Vec<String>, Mark) {
        cell(name).map_or((Vec::new(), row), |(t, m)| (cells::split(t), m))
    };
    let mut entries: Vec<(&str, Node)> = Vec::new();
    for key in ["id", "date", "end", "title", "summary"] {
        entries.extend(text(key).map(|n| (key, n)));
    }
    let (codes, at) = list("countries");
    let (names, _) = list("country_names");
    if !codes.is_empty() {
        // A malformed code is reported once, where the event names it.
        for (i, code) in codes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()))
        {
            let name = names.get(i).filter(|n| !n.is_empty()).unwrap_or(code);
            defs.add(true, code, name, at);
        }
        let items = codes.iter().map(|c| Node::text_at(c.as_str(), at)).collect();
        entries.push(("countries", Node::list_at(items, at)));
    }
    let (ids, at) = list("actors");
    let (names, _) = list("actor_names");
    let (roles, _) = list("actor_roles");
    if !ids.is_empty() {
        let mut items = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            let name = names.get(i).filter(|n| !n.is_empty()).unwrap_or(id);
            defs.add(false, id, name, at);
            let mut p = vec![("id", Node::text_at(id.as_str(), at))];
            if let Some(role) = roles.get(i).filter(|r| !r.is_empty()) {
                p.push(("role", Node::text_at(role.as_str(), at)));
            }
            items.push(Node::map_at(p, at));
        }
        entries.push(("actors", Node::list_at(items, at)));
    }
    for key in ["tags", "related"] {
        let (items, at) = list(key);
        if !items.is_empty() {
            entries.push((
                key,
                Node::list_at(items.into_iter().map(|t| Node::text_at(t, at)).collect(), at),
            ));
        }
    }
    let parts = [
        ("url", list("sources")),
        ("title", list("source_titles")),
        ("author", list("source_authors")),
        ("publisher", list("source_publishers")),
        ("year", list("source_years")),
        ("page", list("source_pages")),
    ];
    let count = parts.iter().map(|(_, (items, _))| items.len()).max().unwrap_or(0);
    if count > 0 {
        let sources = (0..count)
            .map(|i| {
                let fields = parts
                    .iter()
                    .filter_map(|(key, (items, at))| {
                        let v = items.get(i).filter(|v| !v.is_empty())?;
                        Some((*key, Node::text_at(v.as_str(), *at)))
                    })
                    .collect();
                Node::map_at(fields, row)
            })
            .collect();
        entries.push(("sources", Node::list_at(sources, parts[0].1.1)));
    }
    let media: Vec<(&str, Node)> = [
        ("url", "media"),
        ("caption", "media_caption"),
        ("credit", "media_credit"),
        ("thumbnail", "media_thumbnail"),
        ("alt", "media_alt"),
        ("link", "media_link"),
    ]
    .into_iter()
    .filter_map(|(key, column)| text(column).map(|n| (key, n)))
    .collect();
    if !media.is_empty() {
        let mark = media[0].1.mark;
        entries.push(("media", Node::map_at(media, mark)));
    }
    let mut place: Vec<(&str, Node)> = text("place").map(|n| ("name", n)).into_iter().collect();
    for (key, column) in [("lat", "latitude"), ("lon", "longitude")] {
        place.extend(cell(column).map(|(t, m)| (key, Node::plain_at(t.trim(), m))));
    }
    if !place.is_empty() {
        let mark = place[0].1.mark;
        entries.push(("location", Node::map_at(place, mark)));
    }
    let (pairs, at) = list("external_ids");
    if !pairs.is_empty() {
        let mut ids = Vec::new();
        for pair in pairs {
            match pair.split_once('=') {
                Some((k, v)) => {
                    ids.push((Node::text_at(k.trim(), at), Node::text_at(v.trim(), at)))
                }
                None => diags.push(Diagnostic::error(
                    file,
                    Some(at),
                    format!(
                        "`{}` in `external_ids` is not `name=identifier`",
                        crate::text::sanitize::visible(&pair)
                    ),
                )),
            }
        }
        entries.push(("external_ids", Node { mark: at, kind: super::yaml::Kind::Map(ids) }));
    }
    Node::map_at(entries, row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_is_named_where_it_opened() {
        let text = "id,date,title\na,1991,\"Alma-Ata\nb,1992,B\nc,1993,C\n";
        let mut diags = Vec::new();
        let rows = rows(text, 0, &mut diags);
        assert_eq!(rows.len(), 1, "the header alone: the open cell's row is left out");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].mark.map(|m| (m.line, m.column)), Some((2, 8)));
        assert!(diags[0].message.contains("lines 2 to 5 were read as one cell"), "{diags:?}");
        assert_eq!(unclosed_quote("a,\"b\"\"c\",d\n\"e\"\n", b','), None);
        assert_eq!(unclosed_quote("a,b\"c\n", b','), None, "a quote inside a cell is text");
    }

    #[test]
    fn a_long_cell_is_borrowed_from_the_text_unless_it_reads_otherwise() {
        let long = "x".repeat(3 * CHUNK + 7);
        let quoted = format!("a\"\"b{long}");
        let text = format!("id,t,u\n1,{long},\"{long}\"\n2,\"{quoted}\",\"{long}\"z\n3,é,{long}\n");
        let mut diags = Vec::new();
        let rows = rows(&text, 0, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let cells: Vec<Vec<&str>> =
            rows.iter().map(|r| r.cells.iter().map(|(c, _)| c.as_ref()).collect()).collect();
        let (unquoted, ending) = (format!("a\"b{long}"), format!("{long}z"));
        assert_eq!(cells[1], ["1", long.as_str(), long.as_str()]);
        assert_eq!(cells[2], ["2", unquoted.as_str(), ending.as_str()]);
        assert_eq!(cells[3], ["3", "é", long.as_str()]);
        let borrowed = |r: usize, c: usize| matches!(rows[r].cells[c].0, Cow::Borrowed(_));
        assert!(borrowed(1, 1) && borrowed(1, 2) && borrowed(3, 2));
        assert!(!borrowed(2, 1) && !borrowed(2, 2), "a doubled quote or text after one is a copy");
        let places: Vec<(usize, usize)> =
            rows[2].cells.iter().map(|(_, m)| (m.line, m.column)).collect();
        assert_eq!(places, [(3, 1), (3, 3), (3, 3 + quoted.len() + 3)]);
    }

    #[test]
    fn a_file_is_cut_only_where_a_record_starts() {
        let text = "id,t\na,\"one\ntwo\nthree\"\nb,x\"y\nc,\"\"\"q\"\"\"\n\nd,e\n";
        let starts = |near: &[usize]| quotes(text, b',', near).1;
        // Inside the quoted cell: the next record, b's.
        assert_eq!(starts(&[8]), [text.find("b,").unwrap_or(0)]);
        // A quote inside an unquoted cell is text; c's cell of quotes is closed.
        assert_eq!(starts(&[text.find("x\"").unwrap_or(0)]), [text.find("c,").unwrap_or(0)]);
        assert_eq!(starts(&[text.find("c,").unwrap_or(0) + 2]), [text.find("\nd").unwrap_or(0)]);
        assert_eq!(starts(&[8, 9, 10]).len(), 1, "one cut for wants met by the same line end");
        assert!(starts(&[text.len() - 1]).is_empty(), "no cut at the end");
    }

    #[test]
    fn cells_know_their_line_and_column() {
        let text = "a,\"b\nc\",d\n1,\"x,\"\"y\"\"\",3\n";
        let rows = rows(text, 0, &mut Vec::new());
        let places: Vec<(usize, usize)> =
            rows[1].cells.iter().map(|(_, m)| (m.line, m.column)).collect();
        assert_eq!(places, [(3, 1), (3, 3), (3, 13)]);
        assert_eq!(rows[0].cells[2].1.line, 2);
        assert_eq!(rows[1].cells[1].0, "x,\"y\"");
    }

    #[test]
    fn windows_line_ends_and_blank_rows_keep_lines_and_columns() {
        let places = |text: &str| -> Vec<Vec<(usize, usize)>> {
            rows(text, 0, &mut Vec::new())
                .iter()
                .map(|r| r.cells.iter().map(|(_, m)| (m.line, m.column)).collect())
                .collect()
        };
        let want = [vec![(1, 1), (1, 4)], vec![(2, 1), (2, 4)], vec![(5, 1), (5, 4)]];
        assert_eq!(places("id,a\nx1,\"b\"\n\n\nx2,c\n"), want);
        assert_eq!(places("id,a\r\nx1,\"b\"\r\n\r\n\r\nx2,c\r\n"), want);
        let multi = "a,b\r\n\"one\r\ntwo\",3\r\nx,y\r\n";
        assert_eq!(
            places(multi),
            [vec![(1, 1), (1, 3)], vec![(2, 1), (3, 6)], vec![(4, 1), (4, 3)]]
        );
        let rows = rows(multi, 0, &mut Vec::new());
        assert_eq!(rows[1].mark.line, 2);
        assert_eq!(rows[2].mark.line, 4);
    }
}
