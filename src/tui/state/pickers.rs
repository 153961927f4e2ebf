//! The small lists that open over the screen: tags with their counts, an
//! event's links, the export formats. Each keeps its items and a cursor;
//! typing jumps to the first item whose words hold what was typed.

use crate::query::fold;

/// A list in an overlay: items with a cursor, and what was typed to find one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Picker<T> {
    pub items: Vec<T>,
    pub cursor: usize,
    pub typed: String,
}

impl<T> Picker<T> {
    pub fn new(items: Vec<T>) -> Picker<T> {
        Picker { items, cursor: 0, typed: String::new() }
    }

    pub fn current(&self) -> Option<&T> {
        self.items.get(self.cursor)
    }

    pub fn step(&mut self, delta: isize) {
        let last = self.items.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        self.typed.clear();
    }

    /// Adds `c` to what was typed and moves to the first item whose words
    /// (from `words`) start with it, else hold it; case and accents ignored.
    pub fn type_char(&mut self, c: char, words: impl Fn(&T) -> String) {
        self.typed.push(c);
        let needle = fold(&self.typed);
        let folded: Vec<String> = self.items.iter().map(|t| fold(&words(t))).collect();
        let found = folded
            .iter()
            .position(|w| w.starts_with(&needle))
            .or_else(|| folded.iter().position(|w| w.contains(&needle)));
        if let Some(i) = found {
            self.cursor = i;
        }
    }

    pub fn delete_char(&mut self) {
        self.typed.pop();
    }
}

/// A tag, how many events it has under the other filters, and whether it
/// is in the filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagItem {
    pub tag: String,
    pub count: usize,
}

/// An event linked to the one shown: named by it (`related:`) or naming it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkItem {
    /// Position in `Timeline::events`.
    pub event: usize,
    /// This event names it as related.
    pub named: bool,
    /// It names this event as related.
    pub names_this: bool,
}

impl LinkItem {
    /// → named here, ← names this one, ↔ both.
    pub fn arrow(&self) -> &'static str {
        match (self.named, self.names_this) {
            (true, true) => "↔",
            (false, true) => "←",
            _ => "→",
        }
    }
}

/// What the export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The Markdown handout of `steppe export`.
    Markdown,
    /// The web page of `steppe export --format html`.
    Html,
    /// `steppe list --format csv`.
    Csv,
    /// `steppe list --format json`.
    Json,
    /// The steppe timeline file of `steppe export --format yaml`.
    Yaml,
    /// The TimelineJS file of `steppe export --format timelinejs`.
    TimelineJs,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::Csv,
        ExportFormat::Json,
        ExportFormat::Yaml,
        ExportFormat::TimelineJs,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Html => "html",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Yaml => "yaml",
            // Apart from the plain JSON, and still a `.json` file to TimelineJS and to steppe.
            ExportFormat::TimelineJs => "timeline.json",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "Markdown handout, to print or edit",
            ExportFormat::Html => "web page for the class, works offline",
            ExportFormat::Csv => "CSV, for a spreadsheet",
            ExportFormat::Json => "JSON, for other programs",
            ExportFormat::Yaml => "steppe timeline, to edit or to share",
            ExportFormat::TimelineJs => "TimelineJS, for its web viewer",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_jumps_to_a_matching_item_and_steps_stay_inside() {
        let mut p = Picker::new(vec!["energy", "summit", "Türkic world", "treaty"]);
        p.type_char('t', |s| s.to_string());
        assert_eq!(p.current(), Some(&"Türkic world"), "starts with, accents ignored");
        p.type_char('r', |s| s.to_string());
        assert_eq!(p.current(), Some(&"treaty"));
        p.step(10);
        assert_eq!(p.cursor, 3);
        assert!(p.typed.is_empty(), "moving starts a new find");
        p.type_char('m', |s| s.to_string());
        assert_eq!(p.current(), Some(&"summit"), "else holds it");
        p.step(-10);
        assert_eq!(p.cursor, 0);
    }
}
