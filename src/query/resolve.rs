//! Checking a filter against the timeline: names put in their canonical
//! spelling (`kz` → `KZ`, `Erdogan` → `erdogan`), unknown ones refused with a
//! did-you-mean, and dates that are probably typos pointed out.

use std::fmt;

use super::Query;
use super::expr::{Kind, Node, Where, WhereError};
use super::filter::Filter;
use super::fold::fold;
use super::parse::parse;
use crate::load::diagnostic::did_you_mean;
use crate::model::PartialDate;

/// A filter naming something the timeline does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError(pub String);

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FilterError {}

/// A name that is not in the timeline: a suggestion and what there is.
struct Unknown {
    hint: String,
    known: String,
}

/// At most this many known names are listed in an error.
const LISTED: usize = 15;

/// The canonical spelling of `wanted` among `(canonical, name)` pairs,
/// matching either with case and accents ignored.
fn lookup<'a>(
    wanted: &str,
    known: impl Iterator<Item = (&'a str, &'a str)> + Clone,
) -> Result<&'a str, Unknown> {
    let folded = fold(wanted);
    if let Some((k, _)) = known.clone().find(|(k, _)| *k == wanted) {
        return Ok(k);
    }
    if let Some((k, _)) = known.clone().find(|(k, name)| fold(k) == folded || fold(name) == folded)
    {
        return Ok(k);
    }
    let hint = did_you_mean(wanted, known.clone().map(|(k, _)| k))
        .map(|s| format!("did you mean `{s}`? "))
        .unwrap_or_default();
    // Aliases come after the names: each thing is listed once, by its name.
    let mut seen = std::collections::HashSet::new();
    let known = known.filter(move |(k, _)| seen.insert(*k));
    let mut all: Vec<String> = known
        .clone()
        .take(10_000)
        .map(
            |(k, name)| if fold(k) == fold(name) { k.to_string() } else { format!("{k} ({name})") },
        )
        .collect();
    all.sort_unstable();
    let total = known.count();
    let mut list = all.iter().take(LISTED).cloned().collect::<Vec<_>>().join(", ");
    if total > LISTED {
        list.push_str(&format!(", … ({total} in all)"));
    }
    if total == 0 {
        list = "none".into();
    }
    Err(Unknown { hint, known: list })
}

impl Query {
    /// `(canonical, name)` pairs of what a term of this kind may name; the
    /// aliases of countries and actors come after every name.
    fn known(&self, what: &str) -> Vec<(&str, &str)> {
        let tl = &self.timeline;
        match what {
            "country" => {
                let names = tl.countries.iter().map(|c| (c.code.as_str(), c.name.as_str()));
                let aliases = tl
                    .countries
                    .iter()
                    .flat_map(|c| c.aliases.iter().map(move |a| (c.code.as_str(), a.as_str())));
                names.chain(aliases).collect()
            }
            "actor" => {
                let names = tl.actors.iter().map(|a| (a.id.as_str(), a.name.as_str()));
                let aliases = tl
                    .actors
                    .iter()
                    .flat_map(|a| a.aliases.iter().map(move |x| (a.id.as_str(), x.as_str())));
                names.chain(aliases).collect()
            }
            "tag" => self.tags.iter().map(|t| (t.as_str(), t.as_str())).collect(),
            "era" => tl.eras.iter().map(|e| (e.id.as_str(), e.title.as_str())).collect(),
            _ => tl.events.iter().map(|e| (e.id.as_str(), e.id.as_str())).collect(),
        }
    }

    /// Checks a filter against the timeline and puts codes, ids and tags in
    /// their canonical spelling (`kz` → `KZ`), in the flags and the expression.
    pub fn check(&self, filter: &Filter) -> Result<Filter, FilterError> {
        let mut out = filter.clone();
        let flags = |wanted: &[String], what: &str| -> Result<Vec<String>, FilterError> {
            let mut found: Vec<String> = Vec::new();
            if wanted.is_empty() {
                return Ok(found);
            }
            let known = self.known(what);
            for w in
                wanted.iter().flat_map(|w| w.split(',')).map(str::trim).filter(|w| !w.is_empty())
            {
                match lookup(w, known.iter().copied()) {
                    Ok(k) if found.iter().any(|f| f == k) => {}
                    Ok(k) => found.push(k.to_string()),
                    Err(u) => {
                        return Err(FilterError(format!(
                            "no {what} `{w}` in the loaded timelines; {}known: {}",
                            u.hint, u.known
                        )));
                    }
                }
            }
            Ok(found)
        };
        out.countries = flags(&filter.countries, "country")?;
        out.actors = flags(&filter.actors, "actor")?;
        out.tags = flags(&filter.tags, "tag")?;
        out.search = filter.search.trim().to_string();
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && from.earliest() > to.latest()
        {
            return Err(FilterError(format!(
                "--from {from} is after --to {to}: no event could match"
            )));
        }
        if let Some(w) = &filter.expr {
            out.expr = Some(self.resolve(w).map_err(|e| FilterError(format!("in --where: {e}")))?);
        }
        Ok(out)
    }

    /// Parses an expression and checks its names against the timeline: what
    /// the explorer's filter prompt calls. The error points into `text`.
    pub fn parse_where(&self, text: &str) -> Result<Where, WhereError> {
        self.resolve(&parse(text)?)
    }

    /// Puts the names in an expression in their canonical spelling, or says
    /// which one is unknown, with a caret under it and a did-you-mean.
    pub fn resolve(&self, w: &Where) -> Result<Where, WhereError> {
        let mut out = w.clone();
        let mut error = None;
        out.root.walk_mut(&mut |node| {
            let Node::Term(term) = node else { return };
            let (items, what) = match &mut term.kind {
                Kind::Country(items) => (items, "country"),
                Kind::Actor(items) => (items, "actor"),
                Kind::Tag(items) => (items, "tag"),
                Kind::Era(items) => (items, "era"),
                Kind::Related(items) => (items, "event"),
                _ => return,
            };
            for item in items.iter_mut() {
                if what == "event" && self.event_index(&item.text).is_some() {
                    continue;
                }
                match lookup(&item.text, self.known(what).into_iter()) {
                    Ok(k) => item.text = k.to_string(),
                    Err(u) if error.is_none() => error = Some(unknown(w, item, what, u)),
                    Err(_) => {}
                }
            }
        });
        match error {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    /// Warnings for dates that are probably typos: `--from 13` when every
    /// event is from 1840 or later was meant as 2013, not the year 13.
    pub fn date_warnings(&self, filter: &Filter) -> Vec<String> {
        let (Some(&lo), Some(&hi)) = (self.first.iter().min(), self.last.iter().max()) else {
            return Vec::new();
        };
        let (first_year, last_year) = (lo.div_euclid(512), hi.div_euclid(512));
        if first_year < 1000 {
            return Vec::new();
        }
        let mut dates: Vec<(String, PartialDate)> = Vec::new();
        for (flag, d) in [("--from", filter.from), ("--to", filter.to)] {
            if let Some(d) = d {
                dates.push((format!("`{flag} {}`", short(&d)), d));
            }
        }
        if let Some(w) = &filter.expr {
            for (key, d, span) in w.dates() {
                dates.push((format!("`{key}:{}` in --where", &w.text()[span]), d));
            }
        }
        dates
            .into_iter()
            .filter(|(_, d)| (0..1000).contains(&d.year))
            .map(|(what, d)| {
                let guess = [2000, 1900]
                    .iter()
                    .map(|c| c + d.year)
                    .find(|y| d.year < 100 && (first_year..=last_year).contains(y))
                    .map(|y| format!(" (did you mean {y}?)"))
                    .unwrap_or_default();
                format!(
                    "{what} is taken as the year {}, but every event is from {first_year} or later; write the year in full{guess}",
                    d.year
                )
            })
            .collect()
    }
}

/// A date as a person would type it: `13`, `1991-12`.
fn short(d: &PartialDate) -> String {
    let n = d.normalized();
    let trimmed = n.trim_start_matches('0');
    if d.year > 0 && trimmed.len() < n.len() { trimmed.to_string() } else { n }
}

fn unknown(w: &Where, item: &super::expr::Item, what: &str, u: Unknown) -> WhereError {
    let hint = u.hint.trim_end();
    let hint = if hint.is_empty() { String::new() } else { format!("; {hint}") };
    WhereError::new(
        w.text(),
        item.span.clone(),
        format!("no {what} `{}` in the loaded timelines{hint}", item.text),
        format!("one of: {}", u.known),
    )
}
