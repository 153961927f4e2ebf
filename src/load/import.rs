//! What the importers of other datasets (GDELT, ACLED, Wikidata) share: the
//! rows they may leave out at load, the countries and actors they define as
//! they go, ids made from names, and the counted report of what they could
//! not use.

use std::collections::HashMap;

use super::diagnostic::{Diagnostic, Mark};
use super::yaml::Node;
use crate::text;

/// Rows an importer leaves out at load: a day of GDELT is mostly noise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportFilter {
    /// (what, least): `--min mentions 5` keeps GDELT events with 5 mentions or more.
    pub min: Vec<(MinField, u64)>,
    /// `--cameo 04,057`: GDELT events whose CAMEO code starts with one of these.
    pub cameo: Vec<String>,
}

/// A count a GDELT event has, as `--min` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinField {
    Mentions,
    Sources,
    Articles,
}

impl MinField {
    pub const NAMES: [&'static str; 3] = ["mentions", "sources", "articles"];

    pub fn parse(name: &str) -> Option<MinField> {
        match name.trim().to_ascii_lowercase().as_str() {
            "mentions" | "nummentions" => Some(MinField::Mentions),
            "sources" | "numsources" => Some(MinField::Sources),
            "articles" | "numarticles" => Some(MinField::Articles),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            MinField::Mentions => "mentions",
            MinField::Sources => "sources",
            MinField::Articles => "articles",
        }
    }
}

impl ImportFilter {
    pub fn is_empty(&self) -> bool {
        self.min.is_empty() && self.cameo.is_empty()
    }

    /// `--min mentions 5 --cameo 04,057`, as the options were given.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> =
            self.min.iter().map(|(f, n)| format!("--min {} {n}", f.name())).collect();
        if !self.cameo.is_empty() {
            parts.push(format!("--cameo {}", self.cameo.join(",")));
        }
        parts.join(" ")
    }
}

/// An id from a name: `Vladimir Putin` → `vladimir-putin`.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A name written in capitals (as GDELT writes them) in the case people
/// write it: `VLADIMIR PUTIN` → `Vladimir Putin`; other names as they are.
pub fn title_case(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'';
    }
    out
}

/// The countries and actors an importer's rows name, each defined once, in
/// the order first named.
#[derive(Debug, Default)]
pub struct Defs {
    countries: Vec<(String, String, Mark)>,
    country_at: HashMap<String, usize>,
    actors: Vec<ActorDef>,
    actor_at: HashMap<String, usize>,
}

#[derive(Debug)]
struct ActorDef {
    id: String,
    name: String,
    country: Option<String>,
    organisation: bool,
    mark: Mark,
}

impl Defs {
    pub fn country(&mut self, code: &str, name: &str, mark: Mark) {
        if !self.country_at.contains_key(code) {
            self.country_at.insert(code.to_string(), self.countries.len());
            self.countries.push((code.to_string(), name.to_string(), mark));
        }
    }

    /// An actor named by a row, its id made from its name; the first row
    /// naming it says its country and kind. Returns the id (empty for a
    /// name with no letter or digit).
    pub fn actor(
        &mut self,
        name: &str,
        country: Option<&str>,
        organisation: bool,
        mark: Mark,
    ) -> String {
        let id = slug(name);
        if !id.is_empty() && !self.actor_at.contains_key(&id) {
            self.actor_at.insert(id.clone(), self.actors.len());
            self.actors.push(ActorDef {
                id: id.clone(),
                name: name.to_string(),
                country: country.map(str::to_string),
                organisation,
                mark,
            });
        }
        id
    }

    /// Adds what a later part of the same file defined.
    pub fn absorb(&mut self, later: Defs) {
        for (code, name, mark) in later.countries {
            self.country(&code, &name, mark);
        }
        for a in later.actors {
            if !self.actor_at.contains_key(&a.id) {
                self.actor_at.insert(a.id.clone(), self.actors.len());
                self.actors.push(a);
            }
        }
    }

    /// The `countries` and `actors` lists of a timeline file.
    pub fn into_nodes(self, mark: Mark) -> Vec<(&'static str, Node)> {
        let countries = self
            .countries
            .into_iter()
            .map(|(code, name, m)| {
                Node::map_at(
                    vec![("code", Node::text_at(code, m)), ("name", Node::text_at(name, m))],
                    m,
                )
            })
            .collect();
        let actors = self
            .actors
            .into_iter()
            .map(|a| {
                let mut entries = vec![
                    ("id", Node::text_at(a.id, a.mark)),
                    ("name", Node::text_at(a.name, a.mark)),
                ];
                if a.organisation {
                    entries.push(("kind", Node::text_at("organisation", a.mark)));
                }
                if let Some(c) = a.country {
                    entries.push(("country", Node::text_at(c, a.mark)));
                }
                Node::map_at(entries, a.mark)
            })
            .collect();
        vec![("countries", Node::list_at(countries, mark)), ("actors", Node::list_at(actors, mark))]
    }
}

/// Rows shown one by one for each kind of problem; the rest are counted.
const SHOWN: usize = 20;

/// What an importer could not use, by kind: the first few at their line,
/// then one line with how many more.
#[derive(Debug, Default)]
pub struct Tally {
    /// Per kind of problem (its message without the details): how many, and
    /// the diagnostics shown.
    kinds: Vec<(String, usize, Vec<Diagnostic>)>,
}

impl Tally {
    /// A problem of the kind `kind`; `make` writes its diagnostic if it is shown.
    pub fn add(&mut self, kind: &str, make: impl FnOnce() -> Diagnostic) {
        let i = match self.kinds.iter().position(|(k, ..)| k == kind) {
            Some(i) => i,
            None => {
                self.kinds.push((kind.to_string(), 0, Vec::new()));
                self.kinds.len() - 1
            }
        };
        let (_, n, shown) = &mut self.kinds[i];
        *n += 1;
        if shown.len() < SHOWN {
            shown.push(make());
        }
    }

    pub fn absorb(&mut self, later: Tally) {
        for (kind, n, shown) in later.kinds {
            let i = match self.kinds.iter().position(|(k, ..)| *k == kind) {
                Some(i) => i,
                None => {
                    self.kinds.push((kind, 0, Vec::new()));
                    self.kinds.len() - 1
                }
            };
            let (_, total, kept) = &mut self.kinds[i];
            *total += n;
            let room = SHOWN.saturating_sub(kept.len());
            kept.extend(shown.into_iter().take(room));
        }
    }

    /// The diagnostics, and for each kind with more than were shown, a note
    /// with the count.
    pub fn finish(self, file: usize, diags: &mut Vec<Diagnostic>) {
        for (kind, n, shown) in self.kinds {
            let severity = shown.first().map(|d| d.severity);
            let more = n - shown.len();
            diags.extend(shown);
            if more > 0 {
                let d = format!("{} more rows like this: {kind}", text::thousands(more));
                diags.push(match severity {
                    Some(super::Severity::Error) => Diagnostic::error(file, None, d),
                    Some(super::Severity::Warning) => Diagnostic::warning(file, None, d),
                    _ => Diagnostic::note(file, None, d),
                });
            }
        }
    }
}

/// The note at the end of an import: how many rows became events, and why
/// the others did not.
pub fn summary(
    file: usize,
    what: &str,
    unit: [&str; 2],
    rows: usize,
    events: usize,
    left_out: &[(usize, String)],
) -> Diagnostic {
    let mut text = format!(
        "read {} of {what}: {}",
        text::count(rows, unit[0], unit[1]),
        text::count(events, "event", "events")
    );
    for (n, why) in left_out.iter().filter(|(n, _)| *n > 0) {
        text.push_str(&format!("; {} {why}", text::thousands(*n)));
    }
    Diagnostic::note(file, None, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_ids_and_capitals_names() {
        assert_eq!(slug("Vladimir Putin"), "vladimir-putin");
        assert_eq!(
            slug("  Police Forces of Kazakhstan (2019-)"),
            "police-forces-of-kazakhstan-2019"
        );
        assert_eq!(slug("Қазақстан"), "қазақстан");
        assert_eq!(slug("---"), "");
        assert_eq!(title_case("VLADIMIR PUTIN"), "Vladimir Putin");
        assert_eq!(title_case("KYRGYZ-CHINESE"), "Kyrgyz-Chinese");
        assert_eq!(title_case("Rioters (Kazakhstan)"), "Rioters (Kazakhstan)");
    }

    #[test]
    fn a_tally_shows_some_and_counts_the_rest() {
        let mut tally = Tally::default();
        for line in 1..=25 {
            tally.add("bad", || {
                Diagnostic::warning(0, Some(Mark { line, column: 1, width: 1 }), "bad row")
            });
        }
        let mut diags = Vec::new();
        tally.finish(0, &mut diags);
        assert_eq!(diags.len(), SHOWN + 1);
        assert_eq!(diags[SHOWN].message, "5 more rows like this: bad");
    }
}
