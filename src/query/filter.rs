//! What the user asked to see, and in which order.

use super::expr::{Kind, Node, Where};
use crate::model::PartialDate;

/// What the user asked to see: the flags (each a shorthand) and an optional
/// `--where` expression, all ANDed. Names are checked by [`super::Query::check`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Country codes; an event matches if it involves any (or all, with `match_all`).
    pub countries: Vec<String>,
    pub match_all: bool,
    /// Actor ids; an event matches if any of them took part.
    pub actors: Vec<String>,
    /// Tags; an event matches if it has any of them.
    pub tags: Vec<String>,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    /// Text over titles, summaries, names and tags; case, accents and width ignored.
    pub search: String,
    /// A `--where` expression.
    pub expr: Option<Where>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty()
            && self.actors.is_empty()
            && self.tags.is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.search.is_empty()
            && self.expr.as_ref().is_none_or(Where::is_empty)
    }

    /// Do country lists mean all of their countries? `--match all` and
    /// `match:all` in the expression each say so, for every list.
    pub fn all_of(&self) -> bool {
        self.match_all || self.expr.as_ref().is_some_and(|w| w.match_all)
    }

    /// The filter an expression asks for (checked names, see
    /// [`super::Query::resolve`]). Plain terms side by side, each kind once
    /// (`tag:summit from:2013 country:KZ,UZ`), become the flags, which the
    /// explorer's panes tick; anything more (`or`, `not`, `era:`, a kind
    /// twice) stays one expression. Either way the same events pass.
    pub fn from_expression(w: Where) -> Filter {
        let terms: Vec<&Node> = match &w.root {
            Node::All => Vec::new(),
            Node::And(xs) => xs.iter().collect(),
            node => vec![node],
        };
        let mut f = Filter { match_all: w.match_all, ..Filter::default() };
        let texts = |items: &[super::expr::Item]| items.iter().map(|i| i.text.clone()).collect();
        let mut plain = true;
        for node in terms {
            let Node::Term(term) = node else {
                plain = false;
                break;
            };
            let free = match &term.kind {
                Kind::Country(items) if f.countries.is_empty() => {
                    f.countries = texts(items);
                    true
                }
                Kind::Actor(items) if f.actors.is_empty() => {
                    f.actors = texts(items);
                    true
                }
                Kind::Tag(items) if f.tags.is_empty() => {
                    f.tags = texts(items);
                    true
                }
                Kind::From(d) if f.from.is_none() => {
                    f.from = Some(*d);
                    true
                }
                Kind::To(d) if f.to.is_none() => {
                    f.to = Some(*d);
                    true
                }
                Kind::On(d) if f.from.is_none() && f.to.is_none() => {
                    (f.from, f.to) = (Some(*d), Some(*d));
                    true
                }
                Kind::Text(t) if f.search.is_empty() && !t.trim().is_empty() => {
                    f.search = t.trim().to_string();
                    true
                }
                _ => false,
            };
            if !free {
                plain = false;
                break;
            }
        }
        if plain {
            f
        } else {
            Filter { match_all: w.match_all, expr: Some(w), ..Filter::default() }
        }
    }

    /// Adds `item` if absent, removes it if present.
    pub fn toggle(list: &mut Vec<String>, item: &str) {
        match list.iter().position(|x| x == item) {
            Some(i) => {
                list.remove(i);
            }
            None => list.push(item.to_string()),
        }
    }

    /// The active filters in a few words: "countries: KZ UZ (all) · tag: summit".
    pub fn describe(&self) -> Vec<String> {
        let mut parts = Vec::new();
        let list = |name: &str, plural: &str, items: &[String]| {
            let label = if items.len() == 1 { name } else { plural };
            format!("{label}: {}", items.join(" "))
        };
        if !self.countries.is_empty() {
            let mut s = list("country", "countries", &self.countries);
            if self.all_of() && self.countries.len() > 1 {
                s.push_str(" (all)");
            }
            parts.push(s);
        }
        if !self.actors.is_empty() {
            parts.push(list("actor", "actors", &self.actors));
        }
        if !self.tags.is_empty() {
            parts.push(list("tag", "tags", &self.tags));
        }
        match (&self.from, &self.to) {
            (Some(f), Some(t)) => parts.push(format!("{f} – {t}")),
            (Some(f), None) => parts.push(format!("from {f}")),
            (None, Some(t)) => parts.push(format!("until {t}")),
            (None, None) => {}
        }
        if !self.search.is_empty() {
            parts.push(format!("search: \"{}\"", self.search));
        }
        if let Some(w) = self.expr.as_ref().filter(|w| !w.is_empty()) {
            parts.push(format!("where: {}", w.text().trim()));
        }
        parts
    }

    /// The whole filter in the `--where` language: `country:TM and from:2030`.
    pub fn to_expression(&self) -> String {
        let mut parts = Vec::new();
        if !self.countries.is_empty() {
            let all = if self.match_all && self.countries.len() > 1 { " match:all" } else { "" };
            parts.push(format!("country:{}{all}", self.countries.join(",")));
        }
        let quoted = |s: &str| {
            if s.chars().any(|c| c.is_whitespace() || ",()\":".contains(c)) {
                format!("\"{s}\"")
            } else {
                s.to_string()
            }
        };
        let list = |items: &[String]| items.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(",");
        if !self.actors.is_empty() {
            parts.push(format!("actor:{}", list(&self.actors)));
        }
        if !self.tags.is_empty() {
            parts.push(format!("tag:{}", list(&self.tags)));
        }
        if let Some(d) = self.from {
            parts.push(format!("from:{}", d.normalized()));
        }
        if let Some(d) = self.to {
            parts.push(format!("to:{}", d.normalized()));
        }
        if !self.search.is_empty() {
            parts.push(format!("text:{}", quoted(&self.search)));
        }
        if let Some(w) = self.expr.as_ref().filter(|w| !w.is_empty()) {
            let text = w.text().trim();
            parts.push(if parts.is_empty() || !w.is_or() {
                text.to_string()
            } else {
                format!("({text})")
            });
        }
        if parts.is_empty() {
            "everything".into()
        } else {
            super::expr::printable(&parts.join(" and "))
        }
    }
}

/// The order of a list of events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Oldest first (the timeline's order).
    #[default]
    Date,
    /// Latest first.
    DateDesc,
    /// By title, ignoring case and accents, then by date.
    Title,
    /// By the list of country codes, then by date.
    Country,
}
