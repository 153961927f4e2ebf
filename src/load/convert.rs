//! One parsed YAML document → the pieces of a timeline, with every problem
//! reported at the place it is written. References between files are checked
//! later, in `merge`, so each piece keeps the marks of what it refers to.

use serde_yaml::Value;

use super::diagnostic::{Diagnostic, did_you_mean};
use super::sanitize;
use super::yaml::{Document, Mark};
use crate::model::{
    Actor, ActorKind, Country, Era, Event, Origin, PartialDate, Participant, Source, Tour, TourStep,
};

/// A value and the place it was defined.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub file: usize,
    pub mark: Mark,
}

/// An event with the marks of the references it makes.
#[derive(Debug, Clone)]
pub struct EventDef {
    pub event: Event,
    /// False when a required field is missing: references are still checked,
    /// but the event does not enter the timeline.
    pub complete: bool,
    pub mark: Mark,
    pub countries: Vec<Mark>,
    pub actors: Vec<Mark>,
    pub related: Vec<Mark>,
}

#[derive(Debug, Clone)]
pub struct ActorDef {
    pub actor: Actor,
    pub file: usize,
    pub mark: Mark,
    pub country: Mark,
}

#[derive(Debug, Clone)]
pub struct TourDef {
    pub tour: Tour,
    pub mark: Mark,
    pub steps: Vec<Mark>,
}

/// What one file defines.
#[derive(Debug, Default)]
pub struct FileContent {
    pub file: usize,
    pub title: Option<String>,
    pub description: Option<String>,
    pub countries: Vec<Located<Country>>,
    pub actors: Vec<ActorDef>,
    pub eras: Vec<Located<Era>>,
    pub events: Vec<EventDef>,
    pub tours: Vec<TourDef>,
}

const TOP_KEYS: &[&str] =
    &["title", "description", "countries", "actors", "eras", "events", "tours"];
const COUNTRY_KEYS: &[&str] = &["code", "name", "capital", "location"];
const ACTOR_KEYS: &[&str] = &["id", "name", "kind", "country", "role"];
const ERA_KEYS: &[&str] = &["id", "title", "start", "end"];
const EVENT_KEYS: &[&str] =
    &["id", "date", "end", "title", "summary", "countries", "actors", "tags", "sources", "related"];
const PARTICIPANT_KEYS: &[&str] = &["id", "role"];
const SOURCE_KEYS: &[&str] = &["title", "url"];
const TOUR_KEYS: &[&str] = &["id", "title", "description", "steps"];
const STEP_KEYS: &[&str] = &["event", "note", "question"];

pub fn convert(doc: &Document, file: usize, diags: &mut Vec<Diagnostic>) -> FileContent {
    let mut cx = Cx { doc, file, diags };
    let mut out = FileContent { file, ..FileContent::default() };
    let root = &doc.value;
    if root.is_null() {
        cx.diags.push(Diagnostic::warning(file, None, "this file is empty: it defines no events"));
        return out;
    }
    let Some(map) = cx.mapping(root, "", "the file", TOP_KEYS) else {
        return out;
    };
    let whole = "the file";
    out.title = cx.opt_text(map, "", "title", whole, false);
    out.description = cx.opt_text(map, "", "description", whole, true);
    for (path, item) in cx.items(map, "", "countries") {
        out.countries.extend(cx.country(item, &path));
    }
    for (path, item) in cx.items(map, "", "actors") {
        out.actors.extend(cx.actor(item, &path));
    }
    for (path, item) in cx.items(map, "", "eras") {
        out.eras.extend(cx.era(item, &path));
    }
    for (path, item) in cx.items(map, "", "events") {
        out.events.extend(cx.event(item, &path));
    }
    for (path, item) in cx.items(map, "", "tours") {
        out.tours.extend(cx.tour(item, &path));
    }
    out
}

struct Cx<'a> {
    doc: &'a Document,
    file: usize,
    diags: &'a mut Vec<Diagnostic>,
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping (key: value pairs)",
        Value::Tagged(_) => "a tagged value",
    }
}

/// The text of a scalar, as written; numbers and booleans count as text.
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn field(path: &str, key: &str) -> String {
    format!("{path}/{key}")
}

impl Cx<'_> {
    fn error(&mut self, mark: Mark, message: String) {
        self.diags.push(Diagnostic::error(self.file, Some(mark), message));
    }

    fn error_help(&mut self, mark: Mark, message: String, help: Option<String>) {
        self.diags.push(Diagnostic::error(self.file, Some(mark), message).with_help(help));
    }

    /// Checks that `v` is a mapping with only `allowed` keys.
    fn mapping<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        what: &str,
        allowed: &[&str],
    ) -> Option<&'v serde_yaml::Mapping> {
        let map = self.as_mapping(v, path, what, allowed)?;
        self.check_keys(map, path, what, allowed);
        Some(map)
    }

    fn as_mapping<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        what: &str,
        allowed: &[&str],
    ) -> Option<&'v serde_yaml::Mapping> {
        if let Value::Mapping(map) = v {
            return Some(map);
        }
        let mark = self.doc.value_mark(path);
        self.error(
            mark,
            format!(
                "expected {what} as a mapping with keys such as `{}`, found {}",
                allowed[..allowed.len().min(3)].join("`, `"),
                kind_of(v)
            ),
        );
        None
    }

    /// A mapping with an `id`: the mapping, the id if valid, and how messages
    /// name it ("event `sco-founded`", or "the event" without an id).
    fn record<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        article: &str,
        kind: &str,
        keys: &[&str],
    ) -> Option<(&'v serde_yaml::Mapping, Option<String>, String)> {
        let map = self.as_mapping(v, path, article, keys)?;
        let id = self.id(map, path, "id", article);
        let what = id.as_ref().map_or(format!("the {kind}"), |i| format!("{kind} `{i}`"));
        self.check_keys(map, path, &what, keys);
        Some((map, id, what))
    }

    fn check_keys(&mut self, map: &serde_yaml::Mapping, path: &str, what: &str, allowed: &[&str]) {
        for key in map.keys() {
            let Some(name) = key.as_str() else {
                let mark = self.doc.value_mark(path);
                self.error(mark, format!("keys in {what} must be words, found {}", kind_of(key)));
                continue;
            };
            if !allowed.contains(&name) {
                let mark = self.doc.key_mark(&field(path, name));
                let help = match did_you_mean(name, allowed.iter().copied()) {
                    Some(s) => {
                        format!("did you mean `{s}`? {what} can have: {}", allowed.join(", "))
                    }
                    None => format!("{what} can have: {}", allowed.join(", ")),
                };
                let name = sanitize::visible(name);
                self.error_help(mark, format!("unknown key `{name}` in {what}"), Some(help));
            }
        }
    }

    /// The elements of the list under `key`, with their paths.
    fn items<'v>(
        &mut self,
        map: &'v serde_yaml::Mapping,
        path: &str,
        key: &str,
    ) -> Vec<(String, &'v Value)> {
        let p = field(path, key);
        match map.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Sequence(seq)) => {
                seq.iter().enumerate().map(|(i, v)| (format!("{p}/{i}"), v)).collect()
            }
            Some(other) => {
                let mark = self.doc.value_mark(&p);
                self.error(
                    mark,
                    format!(
                        "expected `{key}` to be a list (lines starting with `- `), found {}",
                        kind_of(other)
                    ),
                );
                Vec::new()
            }
        }
    }

    fn opt_text(
        &mut self,
        map: &serde_yaml::Mapping,
        path: &str,
        key: &str,
        what: &str,
        multiline: bool,
    ) -> Option<String> {
        let v = map.get(key)?;
        if v.is_null() {
            return None;
        }
        let Some(raw) = scalar_text(v) else {
            let mark = self.doc.value_mark(&field(path, key));
            self.error(mark, format!("expected text for `{key}` of {what}, found {}", kind_of(v)));
            return None;
        };
        let clean = if multiline { sanitize::text(&raw) } else { sanitize::line(&raw) };
        Some(clean).filter(|s| !s.is_empty())
    }

    fn req_text(
        &mut self,
        map: &serde_yaml::Mapping,
        path: &str,
        key: &str,
        what: &str,
    ) -> Option<String> {
        let value = self.opt_text(map, path, key, what, false);
        if value.is_none()
            && !map.get(key).is_some_and(|v| scalar_text(v).is_none() && !v.is_null())
        {
            let mark = self.doc.value_mark(path);
            self.error(mark, format!("{what} has no `{key}`; it is required"));
        }
        value
    }

    fn id(
        &mut self,
        map: &serde_yaml::Mapping,
        path: &str,
        key: &str,
        what: &str,
    ) -> Option<String> {
        let id = self.req_text(map, path, key, what)?;
        if id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')) {
            Some(id)
        } else {
            let mark = self.doc.value_mark(&field(path, key));
            self.error(
                mark,
                format!("`{id}` is not a valid {key} for {what}: use letters, digits, `-`, `_` and `.`, no spaces"),
            );
            None
        }
    }

    fn country_code(&mut self, raw: &str, mark: Mark) -> Option<String> {
        if raw.len() == 2 && raw.bytes().all(|b| b.is_ascii_uppercase()) {
            return Some(raw.to_string());
        }
        let help = (raw.len() == 2 && raw.bytes().all(|b| b.is_ascii_alphabetic()))
            .then(|| format!("write it in capitals: `{}`", raw.to_ascii_uppercase()));
        self.error_help(
            mark,
            format!("`{raw}` is not a country code: expected two capital letters (ISO 3166-1 alpha-2, such as KZ; SU and EU are allowed)"),
            help,
        );
        None
    }

    fn date(
        &mut self,
        map: &serde_yaml::Mapping,
        path: &str,
        key: &str,
        what: &str,
    ) -> Option<PartialDate> {
        let v = map.get(key).filter(|v| !v.is_null())?;
        let p = field(path, key);
        let parsed = match v {
            Value::Number(n) => match n.as_i64().and_then(|y| i32::try_from(y).ok()) {
                Some(year) => PartialDate::from_parts(year, None, None, false),
                None => Err(crate::model::DateError::Syntax),
            },
            Value::String(s) => PartialDate::parse(s),
            _ => Err(crate::model::DateError::Syntax),
        };
        match parsed {
            Ok(d) => Some(d),
            Err(e) => {
                let mark = self.doc.value_mark(&p);
                let shown = scalar_text(v).unwrap_or_else(|| kind_of(v).to_string());
                let help = date_hint(&shown);
                self.error_help(
                    mark,
                    format!("`{shown}` is not a valid `{key}` for {what}: {e}"),
                    help,
                );
                None
            }
        }
    }

    /// A list of short texts under `key`, each with its mark.
    fn words(
        &mut self,
        map: &serde_yaml::Mapping,
        path: &str,
        key: &str,
        what: &str,
    ) -> Vec<(String, Mark)> {
        let mut out = Vec::new();
        for (p, item) in self.items(map, path, key) {
            let mark = self.doc.value_mark(&p);
            match scalar_text(item) {
                Some(s) => {
                    let s = sanitize::line(&s);
                    if !s.is_empty() {
                        out.push((s, mark));
                    }
                }
                None => self.error(
                    mark,
                    format!("expected text in `{key}` of {what}, found {}", kind_of(item)),
                ),
            }
        }
        out
    }

    fn country(&mut self, v: &Value, path: &str) -> Option<Located<Country>> {
        let map = self.mapping(v, path, "a country", COUNTRY_KEYS)?;
        let code_raw = self.req_text(map, path, "code", "a country");
        let what = match &code_raw {
            Some(c) => format!("country `{c}`"),
            None => "the country".to_string(),
        };
        let name = self.req_text(map, path, "name", &what);
        let capital = self.opt_text(map, path, "capital", &what, false);
        let location = self.location(map, path, &what);
        let mark = self.doc.value_mark(&field(path, "code"));
        let code = self.country_code(&code_raw?, mark)?;
        Some(Located {
            value: Country { code, name: name?, capital, location },
            file: self.file,
            mark,
        })
    }

    fn location(
        &mut self,
        map: &serde_yaml::Mapping,
        path: &str,
        what: &str,
    ) -> Option<(f64, f64)> {
        let v = map.get("location").filter(|v| !v.is_null())?;
        let pair = match v {
            Value::Sequence(s) if s.len() == 2 => s[0].as_f64().zip(s[1].as_f64()),
            _ => None,
        };
        match pair {
            Some((lat, lon))
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
            {
                Some((lat, lon))
            }
            _ => {
                let mark = self.doc.value_mark(&field(path, "location"));
                self.error(mark, format!("expected `location` of {what} as [latitude, longitude] in degrees, such as [51.17, 71.45]; latitude goes from -90 to 90, longitude from -180 to 180"));
                None
            }
        }
    }

    fn actor(&mut self, v: &Value, path: &str) -> Option<ActorDef> {
        let (map, id, what) = self.record(v, path, "an actor", "actor", ACTOR_KEYS)?;
        let name = self.req_text(map, path, "name", &what);
        let kind = match self.opt_text(map, path, "kind", &what, false).as_deref() {
            None | Some("person") => Some(ActorKind::Person),
            Some("organisation" | "organization") => Some(ActorKind::Organisation),
            Some(other) => {
                let mark = self.doc.value_mark(&field(path, "kind"));
                let help = ["person", "organisation"]
                    .into_iter()
                    .find(|k| k.eq_ignore_ascii_case(other))
                    .map(|k| format!("write it in small letters: `{k}`"));
                self.error_help(
                    mark,
                    format!(
                        "unknown kind `{other}` for {what}: expected `person` or `organisation`"
                    ),
                    help,
                );
                None
            }
        };
        let country_mark = self.doc.value_mark(&field(path, "country"));
        let country = match self.opt_text(map, path, "country", &what, false) {
            // A bad code is reported; the actor stays, so events naming it do not fail too.
            Some(c) => self.country_code(&c, country_mark),
            None => None,
        };
        let role = self.opt_text(map, path, "role", &what, false);
        Some(ActorDef {
            actor: Actor {
                id: id?,
                name: name?,
                kind: kind.unwrap_or(ActorKind::Person),
                country,
                role,
            },
            file: self.file,
            mark: self.doc.value_mark(&field(path, "id")),
            country: country_mark,
        })
    }

    fn era(&mut self, v: &Value, path: &str) -> Option<Located<Era>> {
        let (map, id, what) = self.record(v, path, "an era", "era", ERA_KEYS)?;
        let title = self.req_text(map, path, "title", &what);
        let start = self.date(map, path, "start", &what);
        if map.get("start").is_none_or(Value::is_null) {
            let mark = self.doc.value_mark(path);
            self.error(mark, format!("{what} has no `start`; it is required"));
        }
        let end = self.date(map, path, "end", &what);
        let start = start?;
        if let Some(end) = end
            && end.latest() < start.earliest()
        {
            let mark = self.doc.value_mark(&field(path, "end"));
            self.error(mark, format!("{what} ends ({end}) before it starts ({start})"));
        }
        Some(Located {
            value: Era { id: id?, title: title?, start, end },
            file: self.file,
            mark: self.doc.value_mark(&field(path, "id")),
        })
    }

    fn event(&mut self, v: &Value, path: &str) -> Option<EventDef> {
        let (map, id, what) = self.record(v, path, "an event", "event", EVENT_KEYS)?;
        let date = self.date(map, path, "date", &what);
        if map.get("date").is_none_or(Value::is_null) {
            let mark = self.doc.value_mark(path);
            self.error(
                mark,
                format!("{what} has no `date`; it is required (such as `1991-12-26`)"),
            );
        }
        let end = self.date(map, path, "end", &what);
        let title = self.req_text(map, path, "title", &what);
        let summary = self.opt_text(map, path, "summary", &what, true).unwrap_or_default();
        let mut countries = Vec::new();
        let mut country_marks = Vec::new();
        for (code, mark) in self.words(map, path, "countries", &what) {
            if let Some(code) = self.country_code(&code, mark) {
                countries.push(code);
                country_marks.push(mark);
            }
        }
        let (actors, actor_marks) = self.participants(map, path, &what);
        let tags = self.words(map, path, "tags", &what).into_iter().map(|(t, _)| t).collect();
        let sources = self.sources(map, path, &what);
        let (related, related_marks) = self.words(map, path, "related", &what).into_iter().unzip();
        if let (Some(date), Some(end)) = (date, end)
            && end.latest() < date.earliest()
        {
            let mark = self.doc.value_mark(&field(path, "end"));
            self.error(mark, format!("{what} ends ({end}) before it starts ({date})"));
        }
        let complete = id.is_some() && date.is_some() && title.is_some();
        let mark = self.doc.value_mark(&field(path, "id"));
        let origin = Origin { file: self.file, line: self.doc.value_mark(path).line };
        Some(EventDef {
            event: Event {
                id: id.unwrap_or_default(),
                date: date.unwrap_or(PartialDate::year(0)),
                end,
                title: title.unwrap_or_default(),
                summary,
                countries,
                actors,
                tags,
                sources,
                related,
                origin,
            },
            complete,
            mark,
            countries: country_marks,
            actors: actor_marks,
            related: related_marks,
        })
    }

    fn participants(
        &mut self,
        map: &serde_yaml::Mapping,
        path: &str,
        what: &str,
    ) -> (Vec<Participant>, Vec<Mark>) {
        let mut people = Vec::new();
        let mut marks = Vec::new();
        for (p, item) in self.items(map, path, "actors") {
            let mark = self.doc.value_mark(&p);
            if let Some(id) = scalar_text(item) {
                people.push(Participant { id: sanitize::line(&id), role: None });
                marks.push(mark);
                continue;
            }
            let Some(m) = self.mapping(item, &p, &format!("an actor of {what}"), PARTICIPANT_KEYS)
            else {
                continue;
            };
            let id = self.req_text(m, &p, "id", &format!("an actor of {what}"));
            let role = self.opt_text(m, &p, "role", what, false);
            if let Some(id) = id {
                people.push(Participant { id, role });
                marks.push(self.doc.value_mark(&field(&p, "id")));
            }
        }
        (people, marks)
    }

    fn sources(&mut self, map: &serde_yaml::Mapping, path: &str, what: &str) -> Vec<Source> {
        let mut out = Vec::new();
        for (p, item) in self.items(map, path, "sources") {
            let source_of = format!("a source of {what}");
            // A bare URL, or a mapping with a title and a url.
            let (url, title, url_path) = match scalar_text(item) {
                Some(url) => (Some(sanitize::line(&url)), None, p.clone()),
                None => {
                    let Some(m) = self.mapping(item, &p, &source_of, SOURCE_KEYS) else {
                        continue;
                    };
                    let url = self.req_text(m, &p, "url", &source_of);
                    let title = self.opt_text(m, &p, "title", &source_of, false);
                    (url, title, field(&p, "url"))
                }
            };
            let Some(url) = url else { continue };
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                let mark = self.doc.value_mark(&url_path);
                self.error(
                    mark,
                    format!(
                        "`{url}` in {source_of} is not a web address: expected one starting with https:// or http://"
                    ),
                );
                continue;
            }
            out.push(Source { title: title.unwrap_or_else(|| url.clone()), url });
        }
        out
    }

    fn tour(&mut self, v: &Value, path: &str) -> Option<TourDef> {
        let (map, id, what) = self.record(v, path, "a tour", "tour", TOUR_KEYS)?;
        let title = self.req_text(map, path, "title", &what);
        let description = self.opt_text(map, path, "description", &what, true);
        let mut steps = Vec::new();
        let mut marks = Vec::new();
        let items = self.items(map, path, "steps");
        if items.is_empty() {
            let mark = self.doc.value_mark(path);
            self.error(mark, format!("{what} has no `steps`: list the events it walks through"));
        }
        for (i, (p, item)) in items.into_iter().enumerate() {
            let step_what = format!("step {} of {what}", i + 1);
            let Some(m) = self.mapping(item, &p, &step_what, STEP_KEYS) else {
                continue;
            };
            let event = self.req_text(m, &p, "event", &step_what);
            let note = self.opt_text(m, &p, "note", &step_what, true);
            let question = self.opt_text(m, &p, "question", &step_what, true);
            if let Some(event) = event {
                steps.push(TourStep { event, note, question });
                marks.push(self.doc.value_mark(&field(&p, "event")));
            }
        }
        Some(TourDef {
            tour: Tour { id: id?, title: title?, description, steps },
            mark: self.doc.value_mark(&field(path, "id")),
            steps: marks,
        })
    }
}

/// A hint for dates written in a common but unsupported way.
fn date_hint(raw: &str) -> Option<String> {
    let t = raw.trim();
    let upper = t.to_ascii_uppercase();
    for suffix in [" BCE", " BC", "BCE", "BC"] {
        if let Some(n) = upper.strip_suffix(suffix).and_then(|n| n.trim().parse::<i32>().ok()) {
            return Some(format!(
                "write {n} BCE as `-{:04}`: steppe counts years astronomically, so 1 BCE is year 0 and {n} BCE is -{}",
                n - 1,
                n - 1
            ));
        }
    }
    let parts: Vec<&str> = t.split(['/', '.']).collect();
    if parts.len() == 3
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        let (d, m, y) = (parts[0], parts[1], parts[2]);
        if y.len() == 4 {
            return Some(format!("write dates as year-month-day: `{y}-{m:0>2}-{d:0>2}`"));
        }
    }
    let dashed: Vec<&str> = t.split('-').collect();
    if dashed.len() >= 2 && dashed[1..].iter().any(|p| p.len() == 1) {
        let fixed: Vec<String> = dashed
            .iter()
            .enumerate()
            .map(|(i, p)| if i > 0 { format!("{p:0>2}") } else { (*p).to_string() })
            .collect();
        return Some(format!("months and days take two digits: `{}`", fixed.join("-")));
    }
    None
}
