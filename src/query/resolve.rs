//! Checking a filter against the timeline: names put in their canonical
//! spelling (`kz` → `KZ`, `Erdogan` → `erdogan`), unknown ones refused with a
//! did-you-mean, and dates that are probably typos pointed out.

use std::fmt;

use super::Query;
use super::expr::{Kind, Node, Where, WhereError};
use super::filter::Filter;
use super::fold::fold;
use super::parse::parse;
use crate::model::PartialDate;
use crate::text::Nearness;

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

/// At most this many known names are listed in an error, the nearest first.
const LISTED: usize = 15;

/// One thing a term may name: its canonical spelling (a code or an id), its
/// name, and the other names it goes by.
struct Named<'a> {
    key: &'a str,
    name: &'a str,
    aliases: &'a [String],
}

impl<'a> Named<'a> {
    /// Every spelling it is found by, the key first: `Turkey (Türkiye)` is
    /// found as a whole and as `Turkey` and `Türkiye`.
    fn forms(&self) -> impl Iterator<Item = &'a str> + '_ {
        let parts = self.name.split_once(" (").and_then(|(before, rest)| {
            rest.strip_suffix(')').map(|inside| [before.trim(), inside.trim()])
        });
        [self.key, self.name]
            .into_iter()
            .chain(parts.into_iter().flatten())
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// As an error lists it: `KZ (Kazakhstan)`, or just `summit`.
    fn label(&self) -> String {
        if fold(self.key) == fold(self.name) {
            self.key.to_string()
        } else {
            format!("{} ({})", self.key, self.name)
        }
    }
}

/// Letters and digits only: `Soviet-Union` and `soviet union` are one name.
fn loose(folded: &str) -> String {
    folded.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The canonical spelling of `wanted` among `known`: the key as written,
/// else any of its spellings with case, accents and punctuation ignored.
fn lookup<'a>(wanted: &str, known: &[Named<'a>]) -> Result<&'a str, Unknown> {
    if let Some(n) = known.iter().find(|n| n.key == wanted) {
        return Ok(n.key);
    }
    let folded = fold(wanted.trim());
    let squeezed = loose(&folded);
    // Keys before names before aliases, so a code is never lost to another's alias.
    let mut forms: Vec<(usize, usize, String)> = Vec::new();
    for (i, n) in known.iter().enumerate() {
        let names = n.forms().count() - n.aliases.len();
        forms.extend(n.forms().enumerate().map(|(k, f)| {
            let tier = if k == 0 {
                0
            } else if k < names {
                1
            } else {
                2
            };
            (tier, i, fold(f))
        }));
    }
    forms.sort_by_key(|f| f.0);
    let found = forms
        .iter()
        .find(|f| f.2 == folded)
        .or_else(|| forms.iter().find(|f| !squeezed.is_empty() && loose(&f.2) == squeezed));
    if let Some(&(_, i, _)) = found {
        return Ok(known[i].key);
    }
    Err(unknown_name(&folded, known))
}

/// What to say about a name not found: the nearest names first, those near
/// enough suggested.
fn unknown_name(folded: &str, known: &[Named]) -> Unknown {
    let mut ranked: Vec<(Nearness, String, &str)> = known
        .iter()
        .map(|n| {
            let near = n.forms().map(|f| Nearness::of(folded, &fold(f))).min();
            (near.unwrap_or(Nearness::Far(usize::MAX)), n.label(), n.key)
        })
        .collect();
    ranked.sort();
    ranked.dedup_by(|a, b| a.2 == b.2);
    // The nearest, and those as near: every name a prefix starts, or the
    // typos with the fewest edits.
    let as_near = |a: Nearness, b: Nearness| {
        a == b || matches!((a, b), (Nearness::Prefix(_), Nearness::Prefix(_)))
    };
    let close: Vec<&(Nearness, String, &str)> = match ranked.first() {
        Some(&(best, ..)) if best.is_close() => {
            ranked.iter().take_while(|r| as_near(r.0, best)).take(3).collect()
        }
        _ => Vec::new(),
    };
    // `KZ` (Kazakhstan): the key to type, and what it is.
    let named = |r: &(Nearness, String, &str)| match r.1.strip_prefix(r.2) {
        Some(rest) if !rest.is_empty() => format!("`{}`{rest}", r.2),
        _ => format!("`{}`", r.2),
    };
    let hint = match close.as_slice() {
        [] => String::new(),
        [one] => format!("did you mean {}? ", named(one)),
        [rest @ .., last] => format!(
            "did you mean {} or {}? ",
            rest.iter().map(|r| named(r)).collect::<Vec<_>>().join(", "),
            named(last)
        ),
    };
    let total = ranked.len();
    let mut list = ranked.iter().take(LISTED).map(|r| r.1.as_str()).collect::<Vec<_>>().join(", ");
    if total > LISTED {
        list.push_str(&format!(", … and {} more", crate::text::thousands(total - LISTED)));
    }
    if total == 0 {
        list = "none".into();
    }
    Unknown { hint, known: list }
}

impl Query {
    /// What a term of this kind may name.
    fn known(&self, what: &str) -> Vec<Named<'_>> {
        let tl = &self.timeline;
        match what {
            "country" => tl
                .countries
                .iter()
                .map(|c| Named { key: &c.code, name: &c.name, aliases: &c.aliases })
                .collect(),
            "actor" => tl
                .actors
                .iter()
                .map(|a| Named { key: &a.id, name: &a.name, aliases: &a.aliases })
                .collect(),
            "tag" => self.tags.iter().map(|t| Named { key: t, name: t, aliases: &[] }).collect(),
            "era" => {
                tl.eras.iter().map(|e| Named { key: &e.id, name: &e.title, aliases: &[] }).collect()
            }
            _ => {
                tl.events.iter().map(|e| Named { key: &e.id, name: &e.id, aliases: &[] }).collect()
            }
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
                match lookup(w, &known) {
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
                "--from {from} is after --to {to}: the range is the wrong way round"
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
            if let Kind::Attr(a) = &mut term.kind {
                let names = self.attribute_names();
                let known: Vec<Named> =
                    names.iter().map(|n| Named { key: n, name: n, aliases: &[] }).collect();
                match lookup(&a.name.text, &known) {
                    Ok(k) => a.name.text = k.to_string(),
                    Err(u) if error.is_none() => {
                        error = Some(unknown(w, &a.name, "attribute", u));
                    }
                    Err(_) => {}
                }
                return;
            }
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
                match lookup(&item.text, &self.known(what)) {
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
