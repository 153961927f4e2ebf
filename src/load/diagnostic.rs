//! Problems found in timeline files, and how they are shown: rustc-style, with
//! the file, line, column, a window of the offending line and a caret under
//! the spot. Any reader (YAML, JSON, CSV) reports through these types.

use hashbrown::HashMap;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::SystemTime;

use unicode_width::UnicodeWidthStr;

/// Suggestions for misspelt keys live with the other text helpers.
pub use crate::text::did_you_mean;
use crate::text::sanitize;

/// A place in a file: 1-based line and column (in characters), and how many
/// columns the thing there spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Mark {
    pub line: usize,
    pub column: usize,
    pub width: usize,
}

impl Mark {
    pub const START: Mark = Mark { line: 1, column: 1, width: 1 };
}

/// The places of a tour's steps, held by the million: a line (four bytes)
/// a step, and the column and width once for each run of steps that share
/// them, as steps written alike do. A file has fewer than 2³² lines, and
/// lines as many characters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StepMarks {
    lines: Vec<u32>,
    /// Each run's first step, column and width, by first step.
    runs: Vec<(u32, u32, u32)>,
    /// The steps written but not read (from 0, in order), which messages
    /// about the steps after them count.
    skipped: Vec<u32>,
}

impl StepMarks {
    /// The place of the step written `written`th (from 0), the next read.
    pub fn push(&mut self, written: usize, m: Mark) {
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        while self.lines.len() + self.skipped.len() < written {
            self.skipped.push(small(self.lines.len() + self.skipped.len()));
        }
        let (column, width) = (small(m.column), small(m.width));
        if self.runs.last().is_none_or(|r| (r.1, r.2) != (column, width)) {
            self.runs.push((small(self.lines.len()), column, width));
        }
        self.lines.push(small(m.line));
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Where the `read`th step read (from 0) was written among the tour's steps.
    pub fn written(&self, read: usize) -> usize {
        let mut n = read;
        for &s in &self.skipped {
            if s as usize > n {
                break;
            }
            n += 1;
        }
        n
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The places in order, each run found by walking along them.
    pub fn iter(&self) -> impl Iterator<Item = Mark> + '_ {
        let mut run = 0;
        self.lines.iter().enumerate().map(move |(n, &line)| {
            while self.runs.get(run + 1).is_some_and(|r| r.0 as usize <= n) {
                run += 1;
            }
            let (_, column, width) = self.runs.get(run).copied().unwrap_or_default();
            Mark { line: line as usize, column: column as usize, width: width as usize }
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    Error,
    /// Allowed but probably not meant: fails `validate --strict`.
    Warning,
    /// What steppe did because it was asked to (a later file's definition
    /// replacing an earlier one): never a failure.
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Index into [`Report::files`].
    pub file: usize,
    /// `None` for problems with the file as a whole (unreadable, too large).
    pub mark: Option<Mark>,
    pub help: Option<String>,
    /// What else follows from it, such as the events it kept from being read.
    pub note: Option<String>,
}

impl Diagnostic {
    pub fn error(file: usize, mark: Option<Mark>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: crate::text::shorten_quoted(message.into()),
            file,
            mark,
            help: None,
            note: None,
        }
    }

    pub fn warning(file: usize, mark: Option<Mark>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            message: crate::text::shorten_quoted(message.into()),
            file,
            mark,
            help: None,
            note: None,
        }
    }

    pub fn note(file: usize, mark: Option<Mark>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            message: crate::text::shorten_quoted(message.into()),
            file,
            mark,
            help: None,
            note: None,
        }
    }

    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// Help for a name that is not one of `all`: the one probably `meant`
/// first, then what `whose` ("steppe CSV has") lists.
pub fn unknown_name_help(meant: Option<&str>, whose: &str, all: &[&str]) -> String {
    let all = all.join(", ");
    match meant {
        Some(s) => format!("did you mean `{s}`? {whose}: {all}"),
        None => format!("{whose}: {all}"),
    }
}

/// A file as read, to quote its lines in messages. A file read from disk does
/// not keep its text: it is read again when a line is quoted, unless it has
/// changed since.
#[derive(Debug, Clone, Default)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    /// The format assumed for a file that is not YAML ("read as TimelineJS JSON"),
    /// shown with its messages.
    pub read_as: Option<&'static str>,
    disk: Option<OnDisk>,
    reread: OnceLock<String>,
    /// Where each line starts, built the first time a line is quoted.
    lines: OnceLock<Vec<usize>>,
}

/// Where a file is, and its size and time of change when it was loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnDisk {
    path: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
}

impl OnDisk {
    pub fn of(path: &Path) -> Option<OnDisk> {
        let meta = std::fs::metadata(path).ok()?;
        Some(OnDisk { path: path.to_path_buf(), len: meta.len(), modified: meta.modified().ok() })
    }
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile { name: name.into(), text: text.into(), ..SourceFile::default() }
    }

    /// A file whose text is read again from disk when a line is quoted.
    pub fn on_disk(name: impl Into<String>, disk: OnDisk) -> Self {
        SourceFile { name: name.into(), disk: Some(disk), ..SourceFile::default() }
    }

    fn body(&self) -> &str {
        let Some(disk) = &self.disk else { return &self.text };
        self.reread.get_or_init(|| {
            // A file changed since it was loaded would put carets on the wrong text.
            if OnDisk::of(&disk.path).as_ref() != Some(disk) {
                return String::new();
            }
            super::read_text(&disk.path).map(sanitize::line_breaks).unwrap_or_default()
        })
    }

    /// Line `n` (1-based), without its line break.
    pub fn line(&self, n: usize) -> Option<&str> {
        let text = self.body();
        let starts = self.lines.get_or_init(|| {
            let mut v = vec![0];
            v.extend(text.match_indices('\n').map(|(i, _)| i + 1));
            v
        });
        let start = *starts.get(n.checked_sub(1)?)?;
        let end = starts.get(n).map_or(text.len(), |e| e - 1);
        text.get(start..end).map(|l| l.trim_end_matches('\r'))
    }
}

/// Diagnostics shown of each kind before the rest are counted.
pub const SHOWN_PER_KIND: usize = 3;
/// Characters of a long line shown around the column.
const WINDOW: usize = 80;

/// Everything the loader found, with the files it refers to.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub files: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    pub fn notes(&self) -> usize {
        self.count(Severity::Note)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    /// "3 errors, 1 warning", "2 notes"; "0 errors" when there is nothing.
    pub fn tally(&self) -> String {
        // Grouped like every count steppe shows: "1,000,000 warnings".
        let plural = |n: usize, w: &str| crate::text::count(n, w, &format!("{w}s"));
        let counts =
            [(self.errors(), "error"), (self.warnings(), "warning"), (self.notes(), "note")];
        let parts: Vec<String> =
            counts.iter().filter(|(n, _)| *n > 0).map(|(n, w)| plural(*n, w)).collect();
        if parts.is_empty() { plural(0, "error") } else { parts.join(", ") }
    }

    /// The notes alone, rendered like [`Report::render`].
    pub fn render_notes(&self) -> String {
        self.render_capped(Some(SHOWN_PER_KIND), Some(Severity::Note))
    }

    /// The diagnostics, errors first, then warnings and notes, each file by
    /// file in the order of their place; of each kind
    /// of message only the first few, then how many more there are.
    pub fn render(&self) -> String {
        self.render_capped(Some(SHOWN_PER_KIND), None)
    }

    /// Every diagnostic, errors first, file by file in the order of their place.
    pub fn render_all(&self) -> String {
        self.render_capped(None, None)
    }

    fn render_capped(&self, cap: Option<usize>, only: Option<Severity>) -> String {
        let mut sorted: Vec<&Diagnostic> =
            self.diagnostics.iter().filter(|d| only.is_none_or(|s| d.severity == s)).collect();
        // Errors first: warnings (often many) must not hide them.
        sorted.sort_by_key(|d| (d.severity, d.file, d.mark.map(|m| (m.line, m.column))));
        // The same message on one line (50,000 unknown countries in a list) is
        // shown once, with how many more times it is there.
        let mut repeats: HashMap<(usize, Option<usize>, Severity, &str), usize> = HashMap::new();
        sorted.retain(|d| {
            let seen = repeats
                .entry((d.file, d.mark.map(|m| m.line), d.severity, d.message.as_str()))
                .or_insert(0);
            *seen += 1;
            *seen == 1
        });
        // Each message's kind as a small number: a million messages hold no copies.
        let mut ids: HashMap<(Severity, String), usize> = HashMap::new();
        let kinds: Vec<usize> = sorted
            .iter()
            .map(|d| {
                let next = ids.len();
                *ids.entry((d.severity, kind_of(&d.message))).or_insert(next)
            })
            .collect();
        drop(ids);
        let mut totals = vec![0usize; kinds.iter().max().map_or(0, |m| m + 1)];
        for &k in &kinds {
            totals[k] += 1;
        }
        let mut shown = vec![0usize; totals.len()];
        let mut quotes: HashMap<(usize, usize), usize> = HashMap::new();
        let mut tails: HashMap<usize, Option<&str>> = HashMap::new();
        let mut out = String::new();
        for (d, &kind) in sorted.iter().zip(&kinds) {
            let n = &mut shown[kind];
            *n += 1;
            if cap.is_some_and(|c| *n > c) {
                continue;
            }
            // A line is quoted for its first few messages; after that its
            // place is enough (a one-line file of 6,000 mistakes).
            let quoted = d.mark.map_or(0, |m| {
                let n = quotes.entry((d.file, m.line)).or_insert(0);
                *n += 1;
                *n
            });
            let again =
                repeats.get(&(d.file, d.mark.map(|m| m.line), d.severity, d.message.as_str()));
            // Past the first few of a kind (with --all), an explanation the
            // same as the first one's was said above: the particulars and the
            // place are enough.
            let tail = d.message.split_once(": ");
            let first_tail = *tails.entry(kind).or_insert(tail.map(|t| t.1));
            let brief;
            let d = if *n > SHOWN_PER_KIND
                && let Some((particular, explained)) = tail
                && first_tail == Some(explained)
            {
                // Its help stays: it is particular to it (the name meant).
                brief = Diagnostic { message: format!("{particular} (as above)"), ..(*d).clone() };
                &brief
            } else {
                d
            };
            out.push_str(&self.render_quoting(d, quoted <= SHOWN_PER_KIND));
            out.push('\n');
            if let Some(&n) = again.filter(|&&n| n > 1) {
                let where_ = if d.mark.is_some() { "on this line" } else { "in this file" };
                let more = crate::text::count(n - 1, "more time", "more times");
                let _ = writeln!(out, "  = and {more} {where_}");
            }
            let total = totals[kind];
            if cap == Some(*n) && total > *n {
                let _ = writeln!(
                    out,
                    "…and {} more like this (`steppe validate --all` shows every one)\n",
                    crate::text::thousands(total - *n)
                );
            }
        }
        out
    }

    pub fn render_one(&self, d: &Diagnostic) -> String {
        self.render_quoting(d, true)
    }

    /// One diagnostic, with its line quoted if `quote`.
    fn render_quoting(&self, d: &Diagnostic, quote: bool) -> String {
        let label = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let file = self.files.get(d.file);
        let name = file.map_or("<unknown>", |f| f.name.as_str());
        let read_as = file.and_then(|f| f.read_as).map(|r| format!(" ({r})")).unwrap_or_default();
        let mut out = format!("{label}: {}\n", sanitize::visible(&d.message));
        let Some(mark) = d.mark else {
            let _ = writeln!(out, "  --> {}{read_as}", sanitize::visible(name));
            if let Some(help) = &d.help {
                let _ = writeln!(out, "  = help: {}", sanitize::visible(help));
            }
            if let Some(note) = &d.note {
                let _ = writeln!(out, "  = note: {}", sanitize::visible(note));
            }
            return out.trim_end().to_string();
        };
        let number = mark.line.to_string();
        let pad = " ".repeat(number.len());
        let _ = writeln!(
            out,
            "{pad}--> {}:{}:{}{read_as}",
            sanitize::visible(name),
            mark.line,
            mark.column
        );
        if let Some(text) = file.filter(|_| quote).and_then(|f| f.line(mark.line)) {
            let (shown, indent, width) = window(text, mark);
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {shown}");
            let _ = writeln!(out, "{pad} | {}{}", " ".repeat(indent), "^".repeat(width));
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "{pad} = help: {}", sanitize::visible(help));
        }
        if let Some(note) = &d.note {
            let _ = writeln!(out, "{pad} = note: {}", sanitize::visible(note));
        }
        out.trim_end().to_string()
    }
}

/// At most [`WINDOW`] characters of `line` around the mark, made visible;
/// with the caret's indent and width in columns.
fn window(line: &str, mark: Mark) -> (String, usize, usize) {
    // Byte offsets of the window's ends; a plain ASCII line needs no walk.
    let col = mark.column.saturating_sub(1);
    let ascii = line.is_ascii();
    let total = if ascii { line.len() } else { line.chars().count() };
    let (from, to) = if total <= WINDOW {
        (0, total)
    } else {
        let from = col.saturating_sub(WINDOW / 3).min(total - WINDOW);
        (from, from + WINDOW)
    };
    let offset = |n: usize| -> usize {
        if ascii { n } else { line.char_indices().nth(n).map_or(line.len(), |(i, _)| i) }
    };
    let (a, c, b) = (offset(from), offset(col.clamp(from, to)), offset(to));
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < total { "…" } else { "" };
    let shown = format!("{lead}{}{tail}", sanitize::visible(&line[a..b]));
    let indent = lead.width() + sanitize::visible(&line[a..c]).width();
    let room = (WINDOW + 2).saturating_sub(indent).max(1);
    (shown, indent, mark.width.clamp(1, room))
}

/// A message with its particulars (the parts in backticks, the numbers)
/// blanked: messages of one kind differ only there.
fn kind_of(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        if c == '`' {
            quoted = !quoted;
            out.push(c);
        } else if !quoted && !c.is_ascii_digit() {
            out.push(c);
        }
    }
    out
}

/// "CN, KG, KZ, …": a sorted sample of what exists.
pub fn sample_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut all: Vec<&str> = items.into_iter().collect();
    all.sort_unstable();
    all.dedup();
    const MAX: usize = 12;
    let mut out = all.iter().take(MAX).copied().collect::<Vec<_>>().join(", ");
    if all.len() > MAX {
        out.push_str(", …");
    }
    if out.is_empty() {
        out.push_str("none");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_marks_read_back_as_pushed() {
        let m = |line, column, width| Mark { line, column, width };
        let pushed = [m(3, 7, 2), m(4, 7, 2), m(5, 9, 4), m(6, 7, 2), m(7, 7, 2), m(9, 1, 1)];
        let mut marks = StepMarks::default();
        for (n, p) in pushed.into_iter().enumerate() {
            marks.push(n, p);
        }
        assert_eq!(marks.len(), pushed.len());
        assert_eq!(marks.runs.len(), 4);
        assert_eq!(marks.iter().collect::<Vec<_>>(), pushed);
        assert_eq!((0..6).map(|i| marks.written(i)).collect::<Vec<_>>(), [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn step_marks_count_the_steps_not_read() {
        let mark = Mark { line: 1, column: 1, width: 1 };
        let mut marks = StepMarks::default();
        // Steps 2, 4 and 5 (from 0) were not read.
        for written in [0, 1, 3, 6] {
            marks.push(written, mark);
        }
        assert_eq!((0..4).map(|i| marks.written(i)).collect::<Vec<_>>(), [0, 1, 3, 6]);
    }

    #[test]
    fn renders_like_rustc() {
        let report = Report {
            files: vec![SourceFile::new("t.yaml", "events:\n  - countries: [KZ, XX]\n")],
            diagnostics: vec![Diagnostic::error(
                0,
                Some(Mark { line: 2, column: 21, width: 2 }),
                "unknown country `XX`",
            )],
        };
        let shown = report.render();
        assert_eq!(
            shown,
            "error: unknown country `XX`\n --> t.yaml:2:21\n  |\n2 |   - countries: [KZ, XX]\n  |                     ^^\n"
        );
    }

    #[test]
    fn long_lines_show_a_window_around_the_column() {
        let line = format!("title: {}XX{}", "a".repeat(5000), "b".repeat(5000));
        let report = Report {
            files: vec![SourceFile::new("t.yaml", line)],
            diagnostics: vec![Diagnostic::error(
                0,
                Some(Mark { line: 1, column: 5008, width: 2 }),
                "here",
            )],
        };
        let shown = report.render();
        assert!(shown.len() < 400, "{} bytes: {shown}", shown.len());
        let lines: Vec<&str> = shown.lines().collect();
        let quoted = lines[3].split_once("| ").expect("quoted line").1;
        let caret = lines[4].split_once("| ").expect("caret line").1;
        let at = caret.find('^').expect("caret");
        assert_eq!(quoted.chars().nth(at), Some('X'), "{shown}");
        assert!(quoted.starts_with('…') && quoted.ends_with('…'), "{quoted}");
    }

    #[test]
    fn counts_are_grouped_as_everywhere_else() {
        let warning = Diagnostic::warning(0, None, "w");
        let report = Report { files: Vec::new(), diagnostics: vec![warning; 1_234_567] };
        assert_eq!(report.tally(), "1,234,567 warnings");
        let one = Report { files: Vec::new(), diagnostics: vec![Diagnostic::error(0, None, "e")] };
        assert_eq!(one.tally(), "1 error");
    }

    #[test]
    fn errors_come_before_warnings_and_a_note_follows_its_error() {
        let text = "a\nb\n";
        let at = |line| Some(Mark { line, column: 1, width: 1 });
        let report = Report {
            files: vec![SourceFile::new("t.yaml", text)],
            diagnostics: vec![
                Diagnostic::warning(0, at(1), "first a warning"),
                Diagnostic {
                    note: Some("not read because of this error: event `b`".into()),
                    ..Diagnostic::error(0, at(2), "then an error")
                },
            ],
        };
        let shown = report.render();
        let error = shown.find("error: then an error").expect("the error");
        assert!(error < shown.find("warning:").expect("the warning"), "{shown}");
        assert!(
            shown.contains("  = note: not read because of this error: event `b`\nwarning"),
            "{shown}"
        );
    }

    #[test]
    fn many_alike_are_grouped_and_counted() {
        let text: String = (0..10).map(|i| format!("- e{i}\n")).collect();
        let diagnostics = (0..10)
            .map(|i| {
                Diagnostic::warning(
                    0,
                    Some(Mark { line: i + 1, column: 3, width: 2 }),
                    format!("event `e{i}` has no sources"),
                )
            })
            .chain([Diagnostic::error(0, Some(Mark::START), "another kind")])
            .collect();
        let report = Report { files: vec![SourceFile::new("t.yaml", text)], diagnostics };
        let grouped = report.render();
        assert_eq!(grouped.matches("has no sources").count(), 3, "{grouped}");
        assert!(grouped.contains("…and 7 more like this"), "{grouped}");
        assert!(grouped.contains("another kind"));
        assert_eq!(report.render_all().matches("has no sources").count(), 10);
    }
}
