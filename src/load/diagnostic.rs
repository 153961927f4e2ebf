//! Problems found in timeline files, and how they are shown: rustc-style, with
//! the file, line, column, the offending line and a caret under the spot.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::sanitize;
use super::yaml::Mark;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Index into [`Report::files`].
    pub file: usize,
    /// `None` for problems with the file as a whole (unreadable, too large).
    pub mark: Option<Mark>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: usize, mark: Option<Mark>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, message: message.into(), file, mark, help: None }
    }

    pub fn warning(file: usize, mark: Option<Mark>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, message: message.into(), file, mark, help: None }
    }

    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// A file as read, kept to quote its lines in messages.
#[derive(Debug, Clone, Default)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

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

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    /// "3 errors, 1 warning".
    pub fn tally(&self) -> String {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        match (self.errors(), self.warnings()) {
            (e, 0) => plural(e, "error"),
            (0, w) => plural(w, "warning"),
            (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
        }
    }

    /// All diagnostics, file by file, in the order of their place in the file.
    pub fn render(&self) -> String {
        let mut sorted: Vec<&Diagnostic> = self.diagnostics.iter().collect();
        sorted.sort_by_key(|d| (d.file, d.mark.map(|m| (m.line, m.column)), d.severity));
        let mut out = String::new();
        for d in sorted {
            out.push_str(&self.render_one(d));
            out.push('\n');
        }
        out
    }

    pub fn render_one(&self, d: &Diagnostic) -> String {
        let label = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let file = self.files.get(d.file);
        let name = file.map_or("<unknown>", |f| f.name.as_str());
        let mut out = format!("{label}: {}\n", sanitize::visible(&d.message));
        let Some(mark) = d.mark else {
            let _ = writeln!(out, "  --> {}", sanitize::visible(name));
            if let Some(help) = &d.help {
                let _ = writeln!(out, "  = help: {}", sanitize::visible(help));
            }
            return out.trim_end().to_string();
        };
        let number = mark.line.to_string();
        let pad = " ".repeat(number.len());
        let _ = writeln!(out, "{pad}--> {}:{}:{}", sanitize::visible(name), mark.line, mark.column);
        let source_line = file
            .and_then(|f| f.text.lines().nth(mark.line.saturating_sub(1)))
            .map(|l| l.trim_end_matches('\r'));
        if let Some(text) = source_line {
            let shown = sanitize::visible(text);
            let before: String = text.chars().take(mark.column.saturating_sub(1)).collect();
            let indent = sanitize::visible(&before).width();
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {shown}");
            let _ =
                writeln!(out, "{pad} | {}{}", " ".repeat(indent), "^".repeat(mark.width.max(1)));
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "{pad} = help: {}", sanitize::visible(help));
        }
        out.trim_end().to_string()
    }
}

/// The closest candidate to `word`, if it is close enough to be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = match word.chars().count() {
        0..=3 => 1,
        n => (n / 3).clamp(2, 3),
    };
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edits between two words, a swap of neighbours counting as one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
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
    fn suggests_close_words_only() {
        let keys = ["id", "date", "title", "summary"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("Summray", keys), Some("summary"));
        assert_eq!(did_you_mean("colour", keys), None);
    }

    #[test]
    fn renders_like_rustc() {
        let report = Report {
            files: vec![SourceFile {
                name: "t.yaml".into(),
                text: "events:\n  - countries: [KZ, XX]\n".into(),
            }],
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
}
