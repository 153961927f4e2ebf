//! Completion in the filter prompt: the word being typed, and what it could
//! become — a filter key (`cou` → `country:`), or after one a value taken
//! from the loaded timelines (`country:kaz` → `KZ`, `actor:put` → `putin`,
//! `tag:su` → `summit`, `attr:fat` → `fatalities`), matched with case and
//! accents ignored.

use crate::query::{Query, fold};

/// Keys the filter language takes, as typed.
const KEYS: [&str; 12] = [
    "country:", "actor:", "tag:", "era:", "from:", "to:", "on:", "related:", "text:", "place:",
    "attr:", "match:",
];

/// At most this many candidates are offered.
const MOST: usize = 50;

/// What the word being typed could become.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidates {
    /// Where the part to replace starts (a byte offset in the input).
    pub start: usize,
    /// What may replace it, each with a few words to show beside it.
    pub items: Vec<(String, String)>,
}

impl Candidates {
    /// The longest start all candidates share, case kept from the first.
    pub fn common_prefix(&self) -> Option<String> {
        let first = &self.items.first()?.0;
        let mut len = first.len();
        for (other, _) in &self.items[1..] {
            len = first
                .char_indices()
                .zip(other.chars())
                .find(|((_, a), b)| a != b)
                .map_or(len.min(other.len()), |((i, _), _)| i.min(len));
        }
        Some(first[..len].to_string())
    }
}

/// The candidates for the end of `input`.
pub fn candidates(query: &Query, input: &str) -> Candidates {
    // The word runs back to a space or a parenthesis.
    let word_start = input.rfind(|c: char| c.is_whitespace() || c == '(').map_or(0, |i| i + 1);
    let word = &input[word_start..];
    let Some(colon) = word.find(':') else {
        let typed = word.to_ascii_lowercase();
        let items = KEYS
            .iter()
            .chain(["and", "or", "not"].iter())
            .filter(|k| k.starts_with(&typed))
            .map(|k| (k.to_string(), String::new()))
            .collect();
        return Candidates { start: word_start, items };
    };
    let key = word[..colon].to_ascii_lowercase();
    let values = &word[colon + 1..];
    // After a comma, the next value of the list.
    let value_start = word_start + colon + 1 + values.rfind(',').map_or(0, |i| i + 1);
    let typed = fold(input[value_start..].trim_start_matches('"'));
    let tl = query.timeline();
    // (insert, label, names it is found by)
    let pool: Vec<(String, String, Vec<&str>)> = match key.trim_end_matches('s') {
        "country" | "countrie" => tl
            .countries
            .iter()
            .map(|c| {
                let mut names = vec![c.code.as_str(), c.name.as_str()];
                names.extend(c.aliases.iter().map(String::as_str));
                (c.code.clone(), c.name.clone(), names)
            })
            .collect(),
        "actor" => tl
            .actors
            .iter()
            .map(|a| {
                let mut names = vec![a.id.as_str(), a.name.as_str()];
                names.extend(a.aliases.iter().map(String::as_str));
                (quoted(&a.id), a.name.clone(), names)
            })
            .collect(),
        "tag" => {
            query.tags().iter().map(|t| (quoted(t), String::new(), vec![t.as_str()])).collect()
        }
        "era" => tl
            .eras
            .iter()
            .map(|e| (quoted(&e.id), e.title.clone(), vec![e.id.as_str(), e.title.as_str()]))
            .collect(),
        "related" => tl
            .events
            .iter()
            .map(|e| (quoted(&e.id), e.title.clone(), vec![e.id.as_str()]))
            .collect(),
        "match" => {
            ["all", "any"].iter().map(|m| (m.to_string(), String::new(), vec![*m])).collect()
        }
        // An attribute's name, until a comparison follows it.
        "attr" if !values.contains(['=', '<', '>']) => query
            .attribute_names()
            .iter()
            .map(|n| (n.clone(), "attribute".to_string(), vec![n.as_str()]))
            .collect(),
        _ => Vec::new(),
    };
    // Names that start with what was typed first, then names that hold it.
    let starts = |names: &[&str]| names.iter().any(|n| fold(n).starts_with(&typed));
    let holds = |names: &[&str]| names.iter().any(|n| fold(n).contains(&typed));
    let mut items: Vec<(String, String)> = Vec::new();
    for test in [&starts as &dyn Fn(&[&str]) -> bool, &holds] {
        for (insert, label, names) in &pool {
            if items.len() >= MOST {
                break;
            }
            if test(names) && !items.iter().any(|(i, _)| i == insert) {
                items.push((insert.clone(), label.clone()));
            }
        }
    }
    Candidates { start: value_start, items }
}

/// A value as the language reads it: quoted when it holds a space or a
/// character the language uses.
fn quoted(s: &str) -> String {
    if s.chars().any(|c| c.is_whitespace() || ",()\":".contains(c)) {
        format!("\"{s}\"")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query() -> Query {
        Query::new(crate::load::load_bundled().timeline)
    }

    fn offered(input: &str) -> Vec<String> {
        candidates(&query(), input).items.into_iter().map(|(i, _)| i).collect()
    }

    #[test]
    fn completes_keys_and_names_from_the_timelines() {
        assert_eq!(offered("cou"), ["country:"]);
        assert_eq!(offered("tag:summit f"), ["from:"]);
        assert_eq!(offered("country:kaz"), ["KZ"]);
        assert_eq!(offered("country:KZ,türki"), ["TR"], "by the name, accents ignored");
        assert_eq!(offered("country:tajik ssr").len(), 0, "a space ends the word");
        assert_eq!(offered("country:tojik"), ["TJ"], "by an alias");
        assert_eq!(offered("actor:put"), ["putin"]);
        assert_eq!(offered("actor:erdog"), ["erdogan"]);
        assert!(offered("tag:su").contains(&"summit".to_string()));
        assert_eq!(offered("match:a"), ["all", "any"]);
        assert_eq!(offered("pl"), ["place:"]);
        assert_eq!(offered("at"), ["attr:"]);
        let c = candidates(&query(), "tag:summit (country:k");
        assert_eq!(c.start, "tag:summit (country:".len());
        let first: Vec<&str> = c.items.iter().take(2).map(|(i, _)| i.as_str()).collect();
        assert_eq!(first, ["KZ", "KG"], "names that start with it come first: {c:?}");
    }

    #[test]
    fn attribute_names_are_completed_until_a_comparison() {
        let csv = "id,date,title,attr:fatalities,attr:fate\na,2022-01-05,A,3,x\n";
        let loaded = crate::load::load_texts(vec![("t.csv".into(), Ok(csv.into()))]);
        let q = Query::new(loaded.timeline);
        let offered = |input: &str| -> Vec<String> {
            candidates(&q, input).items.into_iter().map(|(i, _)| i).collect()
        };
        assert_eq!(offered("attr:fat"), ["fatalities", "fate"]);
        assert_eq!(offered("tag:x attr:FATA"), ["fatalities"]);
        assert!(offered("attr:fatalities>1").is_empty());
        let c = candidates(&q, "attr:fa");
        assert_eq!(c.start, "attr:".len());
        assert_eq!(c.common_prefix().as_deref(), Some("fat"));
    }

    #[test]
    fn the_common_prefix_is_what_every_candidate_starts_with() {
        let c = Candidates {
            start: 0,
            items: vec![("summit".into(), String::new()), ("sumo".into(), String::new())],
        };
        assert_eq!(c.common_prefix().as_deref(), Some("sum"));
        let c = Candidates { start: 0, items: vec![("era:".into(), String::new())] };
        assert_eq!(c.common_prefix().as_deref(), Some("era:"));
        assert_eq!(Candidates { start: 0, items: vec![] }.common_prefix(), None);
    }
}
