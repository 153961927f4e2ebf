//! The status line's news: a one-line message, the warning that the files
//! on disk could not be reloaded, and what a reload set aside.

use crate::query::Filter;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// A one-line message for the status bar ("no event in 1700").
    pub message: Option<String>,
    /// Why the files on disk could not be reloaded; the last good data stays.
    pub banner: Option<String>,
    /// What the last reload could not find and keeps for when it returns.
    pub held: Option<Held>,
}

/// Filter entries and the selected event that a reload did not find in the
/// files, kept so that they come back when the files have them again (an
/// editor that empties a file, then writes it). Kept only while the person
/// leaves the filter and selection as that reload left them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Held {
    /// The filter as the person set it, when the reload had to narrow it.
    pub filter: Option<Filter>,
    /// The id of the event they had selected, when the reload lost it.
    pub selected: Option<String>,
    /// The filter and selection that reload left.
    pub left_filter: Option<Filter>,
    pub left_selected: Option<usize>,
}

/// "country KZ, actor putin": filter entries in `wanted` that `kept` lacks.
pub fn missing(wanted: &Filter, kept: &Filter) -> Vec<String> {
    let mut out = Vec::new();
    for (what, w, k) in [
        ("country", &wanted.countries, &kept.countries),
        ("actor", &wanted.actors, &kept.actors),
        ("tag", &wanted.tags, &kept.tags),
    ] {
        out.extend(w.iter().filter(|x| !k.contains(x)).map(|x| format!("{what} {x}")));
    }
    out
}

/// "central-asia.yaml:12:5: unknown country `XX` (and 2 more)", made safe.
pub fn first_error(report: &crate::load::Report) -> String {
    let first = report
        .diagnostics
        .iter()
        .find(|d| d.severity == crate::load::Severity::Error)
        .map(|d| {
            let file = report.files.get(d.file).map_or("", |f| f.name.as_str());
            let place = d.mark.map(|m| format!(":{}:{}", m.line, m.column)).unwrap_or_default();
            format!("{file}{place}: {}", d.message)
        })
        .unwrap_or_default();
    let more = match report.errors() {
        0 | 1 => String::new(),
        n => format!(" (and {} more)", crate::text::thousands(n - 1)),
    };
    crate::text::sanitize::line(&format!("{first}{more}"))
}
