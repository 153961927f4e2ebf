//! Search matches marked in text: the folded ranges from the query layer
//! (the same folding `steppe list --search` uses) become styled spans.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Span;

use crate::query::match_ranges;
use crate::tui::state::App;

/// What the current filter searches for: the search, and the texts of the
/// `f` expression.
pub fn needles(app: &App) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    if !app.shown.filter.search.trim().is_empty() {
        out.push(app.shown.filter.search.as_str());
    }
    if let Some(w) = &app.shown.filter.expr {
        out.extend(w.searched_texts());
    }
    out
}

/// `text` as spans in `base`, with every match of a needle in `found`.
pub fn spans<'a>(text: &str, needles: &[&str], base: Style, found: Style) -> Vec<Span<'a>> {
    let mut ranges: Vec<Range<usize>> =
        needles.iter().flat_map(|n| match_ranges(text, n)).collect();
    if ranges.is_empty() {
        return vec![Span::styled(text.to_string(), base)];
    }
    ranges.sort_by_key(|r| r.start);
    let mut out = Vec::new();
    let mut at = 0;
    for r in ranges {
        let start = r.start.max(at);
        if start >= r.end {
            continue;
        }
        if start > at {
            out.push(Span::styled(text[at..start].to_string(), base));
        }
        out.push(Span::styled(text[start..r.end].to_string(), found));
        at = r.end;
    }
    if at < text.len() {
        out.push(Span::styled(text[at..].to_string(), base));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn marks_folded_matches_in_the_original_text() {
        let found = Style::new().add_modifier(Modifier::BOLD);
        let s =
            spans("Erdoğan meets ERDOGAN in Türkiye", &["erdogan", "turk"], Style::new(), found);
        let marked: Vec<&str> =
            s.iter().filter(|s| s.style == found).map(|s| s.content.as_ref()).collect();
        assert_eq!(marked, ["Erdoğan", "ERDOGAN", "Türk"]);
        let all: String = s.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(all, "Erdoğan meets ERDOGAN in Türkiye");
        assert_eq!(spans("nothing", &[], Style::new(), found).len(), 1);
        // Overlapping needles mark once.
        let s = spans("summit", &["summ", "mmit"], Style::new(), found);
        assert_eq!(s.iter().map(|s| s.content.as_ref()).collect::<String>(), "summit");
    }
}
