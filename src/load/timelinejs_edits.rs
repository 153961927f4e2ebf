//! An event of a `steppe export --format timelinejs` file carries steppe's
//! own fields, which are read instead of its TimelineJS fields. Someone who
//! edits the TimelineJS fields (the headline, a date) would see the edit
//! lost: each such difference is a warning.

use super::diagnostic::{Diagnostic, Mark};
use super::html::html_text;
use super::yaml::Node;
use crate::model::PartialDate;
use crate::text::sanitize;

/// The warning for a TimelineJS event `slide` whose fields say otherwise
/// than its steppe fields `own`, if they do.
pub fn differences(slide: &Node, own: &Node, file: usize) -> Option<Diagnostic> {
    let mut differ: Vec<(&'static str, &'static str, Mark)> = Vec::new();
    let text = |n: Option<&Node>| n.and_then(Node::text).map(str::to_string);
    if let Some(headline) = slide.get("text").and_then(|t| t.get("headline"))
        && let (Some(shown), Some(title)) = (text(Some(headline)), text(own.get("title")))
        // The headline is HTML, written from the title escaped: both read as text.
        && html_text(&shown).0 != html_text(&crate::text::safe::html(&title)).0
    {
        differ.push(("text.headline", "title", headline.mark));
    }
    for (tjs, key) in [("start_date", "date"), ("end_date", "end")] {
        let date = slide.get(tjs);
        let steppe = text(own.get(key)).and_then(|d| PartialDate::parse(&d).ok());
        let same = match (date.filter(|d| d.entries().is_some()), steppe) {
            (None, None) => true,
            (Some(d), Some(p)) => same_date(d, &p),
            // An own date that does not parse is reported by the schema step.
            (None, Some(_)) => false,
            (Some(_), None) => text(own.get(key)).is_some(),
        };
        if !same {
            differ.push((tjs, key, date.map_or(slide.mark, |d| d.mark)));
        }
    }
    let &(_, _, mark) = differ.first()?;
    let id = text(own.get("id")).unwrap_or_default();
    let list =
        |keys: Vec<&str>| crate::text::join_words(keys.iter().map(|k| format!("`{k}`")), "and");
    let (tjs, steppe): (Vec<&str>, Vec<&str>) = differ.iter().map(|d| (d.0, d.1)).unzip();
    Some(
        Diagnostic::warning(
            file,
            Some(mark),
            format!(
                "the TimelineJS {} of event `{}` differ from its steppe {}, which are read instead: the TimelineJS edit is not used",
                list(tjs),
                sanitize::visible(&id),
                list(steppe.clone()),
            ),
        )
        .with_help(Some(format!(
            "steppe reads an event's `steppe` fields when it has them: make the same edit under `steppe` ({})",
            list(steppe)
        ))),
    )
}

/// Whether a TimelineJS date (historical years) is the steppe date `p`.
fn same_date(d: &Node, p: &PartialDate) -> bool {
    let number = |key: &str| -> Option<i64> {
        let n = d.get(key).filter(|n| !n.is_null())?;
        let t = n.text()?.trim();
        if t.is_empty() { None } else { t.parse().ok().or(Some(i64::MIN)) }
    };
    let year = if p.year <= 0 { i64::from(p.year) - 1 } else { i64::from(p.year) };
    number("year") == Some(year)
        && number("month") == p.month.map(i64::from)
        && number("day") == p.day.map(i64::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::json;

    fn check(slide: &str, own: &str) -> Option<String> {
        let slide = json::parse(slide, 0, &mut Vec::new()).expect("json");
        let own = json::parse(own, 0, &mut Vec::new()).expect("json");
        differences(&slide, &own, 0).map(|d| d.message)
    }

    const OWN: &str = r#"{"id": "a", "title": "Alma-Ata Protocol", "date": "-0329-12"}"#;

    #[test]
    fn fields_as_exported_agree() {
        let slide = r#"{"start_date": {"year": -330, "month": 12}, "text": {"headline": "Alma-Ata Protocol"}}"#;
        assert_eq!(check(slide, OWN), None);
    }

    #[test]
    fn an_edited_headline_or_date_is_named() {
        let slide =
            r#"{"start_date": {"year": -330, "month": 11}, "text": {"headline": "Almaty"}}"#;
        let message = check(slide, OWN).expect("a warning");
        assert!(message.contains("`text.headline` and `start_date`"), "{message}");
        assert!(message.contains("steppe `title` and `date`"), "{message}");
        let slide = r#"{"start_date": {"year": -330, "month": 12}, "end_date": {"year": 1},
            "text": {"headline": "Alma-Ata Protocol"}}"#;
        assert!(check(slide, OWN).expect("a warning").contains("`end_date`"));
    }
}
