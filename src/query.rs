//! The one place that answers "which events?" and "how many per country or
//! actor?", for the CLI and the TUI alike. Indexes are built once per timeline.

use std::collections::HashMap;
use std::fmt;

use crate::load::diagnostic::did_you_mean;
use crate::model::{PartialDate, Timeline};

/// What the user asked to see. Codes and ids are checked by [`Query::check`].
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
    /// Case-insensitive text, over titles, summaries, names and tags.
    pub search: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty()
            && self.actors.is_empty()
            && self.tags.is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.search.is_empty()
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
            if self.match_all && self.countries.len() > 1 {
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
        parts
    }
}

/// A filter naming something the timeline does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError(pub String);

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FilterError {}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Skip {
    Nothing,
    Countries,
    Actors,
}

/// A timeline with the indexes that make filtering and counting cheap.
#[derive(Debug, Clone)]
pub struct Query {
    timeline: Timeline,
    country_pos: HashMap<String, usize>,
    actor_pos: HashMap<String, usize>,
    tags: Vec<String>,
    /// Per event: positions in `timeline.countries`, `timeline.actors`, `tags`.
    event_countries: Vec<Vec<usize>>,
    event_actors: Vec<Vec<usize>>,
    event_tags: Vec<Vec<usize>>,
    /// Per event: lower-cased text that search looks in.
    haystack: Vec<String>,
    /// Per event: first and last day it covers.
    span: Vec<(Day, Day)>,
}

/// (year, month, day), comparable.
type Day = (i32, u8, u8);

/// A filter turned into positions, ready to test events against.
struct Compiled {
    countries: Vec<usize>,
    match_all: bool,
    actors: Vec<usize>,
    tags: Vec<usize>,
    from: Option<Day>,
    to: Option<Day>,
    search: String,
}

impl Query {
    pub fn new(timeline: Timeline) -> Self {
        let country_pos: HashMap<String, usize> =
            timeline.countries.iter().enumerate().map(|(i, c)| (c.code.clone(), i)).collect();
        let actor_pos: HashMap<String, usize> =
            timeline.actors.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        let mut tags: Vec<String> =
            timeline.events.iter().flat_map(|e| e.tags.iter().cloned()).collect();
        tags.sort();
        tags.dedup();
        let tag_pos: HashMap<&str, usize> =
            tags.iter().enumerate().map(|(i, t)| (t.as_str(), i)).collect();
        let mut q = Query {
            country_pos: HashMap::new(),
            actor_pos: HashMap::new(),
            tags: Vec::new(),
            event_countries: Vec::with_capacity(timeline.events.len()),
            event_actors: Vec::with_capacity(timeline.events.len()),
            event_tags: Vec::with_capacity(timeline.events.len()),
            haystack: Vec::with_capacity(timeline.events.len()),
            span: Vec::with_capacity(timeline.events.len()),
            timeline: Timeline::default(),
        };
        for e in &timeline.events {
            let cs: Vec<usize> =
                e.countries.iter().filter_map(|c| country_pos.get(c).copied()).collect();
            let acts: Vec<usize> =
                e.actors.iter().filter_map(|a| actor_pos.get(&a.id).copied()).collect();
            let mut hay = format!("{}\n{}", e.title, e.summary);
            for &c in &cs {
                hay.push('\n');
                hay.push_str(&timeline.countries[c].name);
            }
            for &a in &acts {
                hay.push('\n');
                hay.push_str(&timeline.actors[a].name);
            }
            for t in &e.tags {
                hay.push('\n');
                hay.push_str(t);
            }
            q.haystack.push(hay.to_lowercase());
            q.event_tags
                .push(e.tags.iter().filter_map(|t| tag_pos.get(t.as_str()).copied()).collect());
            q.event_countries.push(cs);
            q.event_actors.push(acts);
            let last = e.end.unwrap_or(e.date).latest();
            q.span.push((e.date.earliest(), last.max(e.date.latest())));
        }
        q.country_pos = country_pos;
        q.actor_pos = actor_pos;
        q.tags = tags;
        q.timeline = timeline;
        q
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Every tag used by an event, sorted.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// Checks a filter against the timeline and puts codes, ids and tags in
    /// their canonical spelling (`kz` → `KZ`).
    pub fn check(&self, filter: &Filter) -> Result<Filter, FilterError> {
        let tl = &self.timeline;
        let mut out = filter.clone();
        out.countries = resolve(
            &filter.countries,
            tl.countries.iter().map(|c| (c.code.as_str(), c.name.as_str())),
            "country",
        )?;
        out.actors = resolve(
            &filter.actors,
            tl.actors.iter().map(|a| (a.id.as_str(), a.name.as_str())),
            "actor",
        )?;
        out.tags =
            resolve(&filter.tags, self.tags.iter().map(|t| (t.as_str(), t.as_str())), "tag")?;
        out.search = filter.search.trim().to_string();
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && from.earliest() > to.latest()
        {
            return Err(FilterError(format!(
                "--from {from} is after --to {to}: no event could match"
            )));
        }
        Ok(out)
    }

    fn compile(&self, f: &Filter) -> Compiled {
        let tag_pos = |t: &String| self.tags.iter().position(|x| x == t);
        Compiled {
            countries: f
                .countries
                .iter()
                .filter_map(|c| self.country_pos.get(c).copied())
                .collect(),
            match_all: f.match_all,
            actors: f.actors.iter().filter_map(|a| self.actor_pos.get(a).copied()).collect(),
            tags: f.tags.iter().filter_map(tag_pos).collect(),
            from: f.from.map(|d| d.earliest()),
            to: f.to.map(|d| d.latest()),
            search: f.search.to_lowercase(),
        }
    }

    fn passes(&self, c: &Compiled, i: usize, skip: Skip) -> bool {
        if skip != Skip::Countries && !c.countries.is_empty() {
            let has = |x: &usize| self.event_countries[i].contains(x);
            let ok =
                if c.match_all { c.countries.iter().all(has) } else { c.countries.iter().any(has) };
            if !ok {
                return false;
            }
        }
        if skip != Skip::Actors
            && !c.actors.is_empty()
            && !c.actors.iter().any(|a| self.event_actors[i].contains(a))
        {
            return false;
        }
        if !c.tags.is_empty() && !c.tags.iter().any(|t| self.event_tags[i].contains(t)) {
            return false;
        }
        let (first, last) = self.span[i];
        if c.from.is_some_and(|from| last < from) || c.to.is_some_and(|to| first > to) {
            return false;
        }
        c.search.is_empty() || self.haystack[i].contains(&c.search)
    }

    /// Positions in `timeline().events` of the events the filter lets through, in order.
    pub fn matches(&self, filter: &Filter) -> Vec<usize> {
        let c = self.compile(filter);
        (0..self.timeline.events.len()).filter(|&i| self.passes(&c, i, Skip::Nothing)).collect()
    }

    /// Does event `i` contain the text (case-insensitive)?
    pub fn event_contains(&self, i: usize, text: &str) -> bool {
        self.haystack.get(i).is_some_and(|h| h.contains(&text.to_lowercase()))
    }

    /// For each country, how many events pass every filter except the country one.
    pub fn country_counts(&self, filter: &Filter) -> Vec<usize> {
        self.facet(filter, Skip::Countries, &self.event_countries, self.timeline.countries.len())
    }

    /// For each actor, how many events pass every filter except the actor one.
    pub fn actor_counts(&self, filter: &Filter) -> Vec<usize> {
        self.facet(filter, Skip::Actors, &self.event_actors, self.timeline.actors.len())
    }

    fn facet(&self, filter: &Filter, skip: Skip, per_event: &[Vec<usize>], n: usize) -> Vec<usize> {
        let c = self.compile(filter);
        let mut counts = vec![0; n];
        for (i, items) in per_event.iter().enumerate() {
            if self.passes(&c, i, skip) {
                for &x in items {
                    counts[x] += 1;
                }
            }
        }
        counts
    }
}

/// Canonical spellings of `wanted` among `known` (canonical, name) pairs,
/// matching either in any case, or an error listing what exists.
fn resolve<'a>(
    wanted: &[String],
    known: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    what: &str,
) -> Result<Vec<String>, FilterError> {
    let mut out: Vec<String> = Vec::new();
    for w in wanted.iter().flat_map(|w| w.split(',')).map(str::trim).filter(|w| !w.is_empty()) {
        let found = known
            .clone()
            .find(|(k, name)| k.eq_ignore_ascii_case(w) || name.to_lowercase() == w.to_lowercase());
        match found {
            Some((k, _)) => {
                if !out.iter().any(|o| o == k) {
                    out.push(k.to_string());
                }
            }
            None => {
                let hint = did_you_mean(w, known.clone().map(|(k, _)| k))
                    .map(|s| format!("did you mean `{s}`? "))
                    .unwrap_or_default();
                let mut all: Vec<String> = known
                    .clone()
                    .map(
                        |(k, name)| if k == name { k.to_string() } else { format!("{k} ({name})") },
                    )
                    .collect();
                all.sort_unstable();
                return Err(FilterError(format!(
                    "no {what} `{w}` in the loaded timelines; {hint}known: {}",
                    all.join(", ")
                )));
            }
        }
    }
    Ok(out)
}
