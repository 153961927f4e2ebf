//! A timeline file's tree → the pieces of a timeline, with every problem
//! reported at the place it is written. Items of the big lists arrive one at a
//! time while the file is parsed, so a large file never exists as a whole
//! tree. References between files are checked later, in `merge`, so each
//! piece keeps the marks of what it refers to. Another reader (JSON, CSV)
//! produces the same [`FileContent`].

use serde::{Deserialize, Serialize};
use std::sync::mpsc;

use super::diagnostic::{Diagnostic, Mark, Severity, StepMarks, did_you_mean};
use super::yaml::{self, Node};
use crate::model::{
    Actor, ActorKind, Attributes, Country, DateError, Era, Event, Field, Location, Media, Origin,
    Original, PartialDate, Participant, Quote, Source, Tour, Translations,
};
use crate::text::sanitize;

mod tours;

/// A value and the place it was defined.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Located<T> {
    pub value: T,
    pub file: usize,
    pub mark: Mark,
}

/// An event with the marks of the references it makes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventDef {
    pub event: Event,
    /// False when a required field is missing: references are still checked,
    /// but the event does not enter the timeline.
    pub complete: bool,
    pub mark: Mark,
    pub countries: Vec<Mark>,
    pub actors: Vec<Mark>,
    pub related: Vec<Mark>,
    /// The mark of a picture of one's own (`media.url`), read once the
    /// file's place is known ([`super::pictures`]).
    pub picture: Option<Mark>,
    /// Its place among its file's events, set when the files are merged: a
    /// whole load in the cache names each event by it.
    #[serde(skip)]
    pub at: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActorDef {
    pub actor: Actor,
    pub file: usize,
    pub mark: Mark,
    pub country: Mark,
}

/// A lane set as written: its members are checked against the timeline
/// when the files are merged.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LaneSetDef {
    pub id: String,
    pub title: String,
    pub file: usize,
    pub mark: Mark,
    pub lanes: Vec<LaneDef>,
}

/// A lane as written: its title and each member's spelling with its place.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LaneDef {
    pub title: Option<String>,
    pub members: Vec<(String, Mark)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TourDef {
    pub tour: Tour,
    pub mark: Mark,
    /// Where each step names its event.
    pub steps: StepMarks,
}

/// What one file defines.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct FileContent {
    pub file: usize,
    pub title: Option<String>,
    pub description: Option<String>,
    pub countries: Vec<Located<Country>>,
    pub actors: Vec<ActorDef>,
    pub eras: Vec<Located<Era>>,
    pub events: Vec<EventDef>,
    pub tours: Vec<TourDef>,
    pub lanes: Vec<LaneSetDef>,
    pub translations: Translations,
    /// Items written but not read because of an error in them: (list, id),
    /// such as ("countries", "UZ"). References to them are not reported again.
    pub not_read: Vec<(String, String)>,
}

pub const TOP_KEYS: &[&str] =
    &["title", "description", "countries", "actors", "eras", "events", "tours", "lanes"];
pub const COUNTRY_KEYS: &[&str] = &["code", "name", "aliases", "capital", "location", "names"];
pub const ACTOR_KEYS: &[&str] = &["id", "name", "aliases", "kind", "country", "role", "names"];
pub const ERA_KEYS: &[&str] = &["id", "title", "start", "end", "translations"];
pub const EVENT_KEYS: &[&str] = &[
    "id",
    "date",
    "end",
    "title",
    "summary",
    "countries",
    "actors",
    "tags",
    "sources",
    "related",
    "media",
    "location",
    "external_ids",
    "quotes",
    "translations",
    "attributes",
];
const QUOTE_KEYS: &[&str] = &["text", "by", "date", "lang", "translated_by", "source", "original"];
const ORIGINAL_KEYS: &[&str] = &["text", "lang", "source"];
const PARTICIPANT_KEYS: &[&str] = &["id", "role"];
const SOURCE_KEYS: &[&str] = &["title", "url", "author", "publisher", "year", "page"];
const MEDIA_KEYS: &[&str] = &["url", "alt", "caption", "credit", "thumbnail", "link"];
const LOCATION_KEYS: &[&str] = &["name", "lat", "lon"];
pub const TOUR_KEYS: &[&str] =
    &["id", "title", "description", "teacher_note", "steps", "translations"];
pub const STEP_KEYS: &[&str] = &["event", "note", "question", "quote", "translations"];
pub const LANE_SET_KEYS: &[&str] = &["id", "title", "members", "translations"];
pub const LANE_KEYS: &[&str] = &["title", "members", "translations"];

/// The keys of each kind of block, for checks that the JSON Schema and the
/// writers agree with the reader.
pub const BLOCK_KEYS: &[(&str, &[&str])] = &[
    ("file", TOP_KEYS),
    ("country", COUNTRY_KEYS),
    ("actor", ACTOR_KEYS),
    ("era", ERA_KEYS),
    ("event", EVENT_KEYS),
    ("event actor", PARTICIPANT_KEYS),
    ("source", SOURCE_KEYS),
    ("media", MEDIA_KEYS),
    ("location", LOCATION_KEYS),
    ("quote", QUOTE_KEYS),
    ("quote original", ORIGINAL_KEYS),
    ("tour", TOUR_KEYS),
    ("step", STEP_KEYS),
    ("lane set", LANE_SET_KEYS),
    ("lane", LANE_KEYS),
];

/// An id, or the name of an attribute or an external id: letters, digits,
/// `-`, `_` and `.`.
pub fn is_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Files at least this large are checked on a second thread while they are parsed.
const PIPELINE_BYTES: usize = 1 << 20;
/// Items handed to the checking thread at a time.
const BATCH: usize = 256;

/// Reads one YAML file: what it defines, with its problems added to `diags`;
/// `meter` hears how far the parse of a big file has got.
pub fn read_yaml(
    text: &str,
    file: usize,
    diags: &mut Vec<Diagnostic>,
    meter: yaml::Meter,
) -> FileContent {
    if text.len() >= SPLIT_BYTES
        && let Some(content) = read_in_parts(text, file, diags, meter)
    {
        return content;
    }
    let (parsed, mut cx) = if text.len() < PIPELINE_BYTES {
        let mut cx = Cx::new(file);
        let parsed = yaml::parse_streaming(text, &mut |section, item| cx.item(section, item), true);
        (parsed, cx)
    } else {
        // Parsing and checking share the work of a big file between two threads.
        std::thread::scope(|s| {
            let (tx, rx) = mpsc::sync_channel::<Vec<(&'static str, Node)>>(4);
            let worker = s.spawn(move || {
                let mut cx = Cx::new(file);
                for batch in rx {
                    for (section, item) in batch {
                        cx.item(section, item);
                    }
                }
                cx
            });
            let mut batch = Vec::with_capacity(BATCH);
            let parsed = yaml::parse_metered(
                text,
                &mut |section, item| {
                    batch.push((yaml::section(section).unwrap_or(""), item));
                    if batch.len() == BATCH {
                        let _ = tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                    }
                },
                true,
                meter,
            );
            let _ = tx.send(batch);
            drop(tx);
            let cx = worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (parsed, cx)
        })
    };
    cx.pass(text, 1, parsed);
    diags.append(&mut cx.diags);
    cx.out
}
/// Syntax errors after which reading restarts at the next event.
const MAX_RESTARTS: usize = 100;

/// Items named after a syntax error that were not read, per error.
const LOST_SHOWN: usize = 5;

impl Cx {
    /// Takes in one parse of `text` from line `from` on, and after a syntax
    /// error reads on from the next item, so each first cause in the file is
    /// reported; each error says which items it kept from being read, and
    /// references to those are not reported again. Bounded, as each restart
    /// re-reads the file's lines.
    fn pass(&mut self, text: &str, mut from: usize, mut parsed: yaml::Parsed) {
        let mut restarts = 0;
        loop {
            let first_problem = self.diags.len();
            let stop = parsed.problems.iter().map(|p| p.mark.line).max();
            let complete = parsed.complete;
            self.problems(parsed.problems);
            match &parsed.root {
                Some(root) if from == 1 || !root.is_null() => self.top(root),
                Some(_) => {}
                None if complete && from == 1 => self.diags.push(Diagnostic::warning(
                    self.file,
                    None,
                    "this file is empty: it defines no events",
                )),
                None => {}
            }
            let Some(stop) = stop.filter(|_| !complete) else { return };
            let resumed = super::split::resume(text, stop);
            let until = resumed.as_ref().map_or(usize::MAX, |(_, at)| *at);
            let lost = super::split::items_between(text, from.max(self.last_item + 1), until);
            self.not_read(first_problem, lost);
            let Some((rest, at)) = resumed else { return };
            restarts += 1;
            if restarts > MAX_RESTARTS {
                self.diags.push(Diagnostic::error(
                    self.file,
                    None,
                    format!(
                        "more than {MAX_RESTARTS} syntax errors; the rest of the file was not read"
                    ),
                ));
                return;
            }
            from = at;
            parsed =
                yaml::parse_streaming(&rest, &mut |section, item| self.item(section, item), true);
        }
    }

    /// Notes on the error at `diags[at]` the items it kept from being read.
    fn not_read(&mut self, at: usize, lost: Vec<super::split::Item>) {
        if lost.is_empty() {
            return;
        }
        let named: Vec<String> = lost
            .iter()
            .take(LOST_SHOWN)
            .map(|item| {
                let kind = match item.section.as_str() {
                    "countries" => "country",
                    s => s.strip_suffix('s').unwrap_or(s),
                };
                match &item.id {
                    Some(id) => format!("{kind} `{}` (line {})", sanitize::visible(id), item.line),
                    None => format!("the {kind} on line {}", item.line),
                }
            })
            .collect();
        let more = lost.len().saturating_sub(LOST_SHOWN);
        let more = if more > 0 {
            format!(" and {} more", crate::text::thousands(more))
        } else {
            String::new()
        };
        if let Some(d) = self.diags.get_mut(at) {
            d.note = Some(format!("not read because of this error: {}{more}", named.join(", ")));
        }
        for item in lost {
            if let Some(id) = item.id {
                self.out.not_read.push((item.section, id));
            }
        }
    }
}

/// Reads a whole tree built by another reader (TimelineJS, CSV) in the shape
/// of a timeline file, with marks pointing into that reader's text, so every
/// format is checked by the same rules and reported the same way.
pub fn read_tree(root: &Node, file: usize, diags: &mut Vec<Diagnostic>) -> FileContent {
    let mut cx = Cx::new(file);
    cx.top(root);
    diags.append(&mut cx.diags);
    cx.out
}

/// Checks the events another reader builds one at a time, by the rules of a
/// timeline file: an importer that reads a big file in parts on all cores
/// has one per part, then [`Checker::absorb`]s them in order.
pub struct Checker(Cx);

impl Checker {
    pub fn new(file: usize) -> Self {
        Checker(Cx::new(file))
    }

    /// One event, in the shape of an item of a timeline file's `events`.
    pub fn event(&mut self, item: Node) {
        self.0.item("events", item);
    }

    /// The rest of the file: its title, countries and actors.
    pub fn top(&mut self, root: &Node) {
        self.0.top(root);
    }

    /// Adds what a later part of the same file read.
    pub fn absorb(&mut self, later: Checker) {
        self.0.absorb(later.0);
    }

    pub fn finish(mut self, diags: &mut Vec<Diagnostic>) -> FileContent {
        diags.append(&mut self.0.diags);
        self.0.out
    }
}

/// Files at least this large are parsed in parts on all cores, when they can be cut.
const SPLIT_BYTES: usize = 8 << 20;

/// A big file cut into parts and read on all cores; `None` when it cannot be
/// cut or a part did not parse cleanly, and the file must be read whole.
fn read_in_parts(
    text: &str,
    file: usize,
    diags: &mut Vec<Diagnostic>,
    meter: yaml::Meter,
) -> Option<FileContent> {
    use rayon::prelude::*;
    let parts = super::split::parts(text, 2 * rayon::current_num_threads())?;
    let results: Vec<(yaml::Parsed, Cx)> = parts
        .par_iter()
        .map(|part| {
            let mut cx = Cx::new(file);
            let parsed =
                yaml::parse_metered(part, &mut |section, item| cx.item(section, item), true, meter);
            (parsed, cx)
        })
        .collect();
    if !results.iter().all(|(p, _)| p.complete && p.problems.is_empty() && p.root.is_some()) {
        return None;
    }
    let mut whole = Cx::new(file);
    for (parsed, mut cx) in results {
        if let Some(root) = &parsed.root {
            cx.top(root);
        }
        whole.absorb(cx);
    }
    diags.append(&mut whole.diags);
    Some(whole.out)
}

/// `US + EU + GB` → its members, each with the lane's mark.
fn split_members(text: &str, mark: Mark) -> Vec<(String, Mark)> {
    text.split('+')
        .map(|m| sanitize::line(m).trim().to_string())
        .filter(|m| !m.is_empty())
        .map(|m| (m, mark))
        .collect()
}

struct Cx {
    file: usize,
    diags: Vec<Diagnostic>,
    out: FileContent,
    /// The line of the last item of a top-level list read.
    last_item: usize,
    /// The steps read so far of the tour being parsed.
    streamed: Option<tours::Streamed>,
}

/// "text `KZ`", "a list": what was found, for messages.
fn found(v: &Node) -> String {
    match v.text() {
        Some(t) if t.chars().count() <= 40 => format!("text `{}`", sanitize::visible(t)),
        _ => v.kind_name().to_string(),
    }
}

/// The text of the scalar under `key` in the mapping `map` (the first, as
/// [`Node::get`] finds it), taken out and left empty; `None` when it is
/// missing, null or not text.
fn take_text(map: &mut Node, key: &str) -> Option<String> {
    let yaml::Kind::Map(entries) = &mut map.kind else { return None };
    let (_, v) = entries.iter_mut().find(|(k, _)| k.text() == Some(key))?;
    v.text()?;
    match &mut v.kind {
        yaml::Kind::Scalar(text, _) => Some(std::mem::take(text)),
        _ => None,
    }
}

/// `v` without spare room: a million events' short lists each keep only what they hold.
fn exact<T>(mut v: Vec<T>) -> Vec<T> {
    v.shrink_to_fit();
    v
}

impl Cx {
    fn new(file: usize) -> Self {
        Cx {
            file,
            diags: Vec::new(),
            out: FileContent { file, ..FileContent::default() },
            last_item: 0,
            streamed: None,
        }
    }

    fn problems(&mut self, problems: Vec<yaml::Problem>) {
        for p in problems {
            self.diags
                .push(Diagnostic::error(self.file, Some(p.mark), p.message).with_help(p.help));
        }
    }

    /// Adds what a later part of the same file read.
    fn absorb(&mut self, later: Cx) {
        let (out, part) = (&mut self.out, later.out);
        out.title = out.title.take().or(part.title);
        out.description = out.description.take().or(part.description);
        out.countries.extend(part.countries);
        out.actors.extend(part.actors);
        out.eras.extend(part.eras);
        out.events.extend(part.events);
        out.tours.extend(part.tours);
        out.lanes.extend(part.lanes);
        out.translations.extend(part.translations);
        out.not_read.extend(part.not_read);
        self.diags.extend(later.diags);
    }

    fn error(&mut self, mark: Mark, message: String) {
        self.diags.push(Diagnostic::error(self.file, Some(mark), message));
    }

    fn error_help(&mut self, mark: Mark, message: String, help: Option<String>) {
        self.diags.push(Diagnostic::error(self.file, Some(mark), message).with_help(help));
    }

    /// One complete item of a top-level list.
    fn item(&mut self, section: &str, item: Node) {
        match section {
            yaml::TOUR_STEPS_OF => return self.steps_of(&item),
            yaml::TOUR_STEPS => return self.streamed_step(&item),
            _ => {}
        }
        self.last_item = self.last_item.max(item.mark.line);
        match section {
            "countries" => {
                let c = self.country(&item);
                self.out.countries.extend(c);
            }
            "actors" => {
                let a = self.actor(&item);
                self.out.actors.extend(a);
            }
            "eras" => {
                let e = self.era(&item);
                self.out.eras.extend(e);
            }
            "events" => {
                let e = self.event(item);
                self.out.events.extend(e);
            }
            "tours" => {
                let t = self.tour(&item);
                self.out.tours.extend(t);
            }
            // Under an unknown or wrong key: reported with the key.
            _ => {}
        }
    }

    /// The top-level mapping, once its lists have been read.
    fn top(&mut self, root: &Node) {
        if root.is_null() {
            self.diags.push(Diagnostic::warning(
                self.file,
                None,
                "this file is empty: it defines no events",
            ));
            return;
        }
        if self.mapping(root, "the file", TOP_KEYS).is_none() {
            return;
        }
        // A part read after a syntax error adds to what was read before it.
        let title = self.opt_text(root, "title", "the file", false);
        let description = self.opt_text(root, "description", "the file", true);
        self.out.title = self.out.title.take().or(title);
        self.out.description = self.out.description.take().or(description);
        for key in ["countries", "actors", "eras", "events", "tours"] {
            // Items were read as they came; here only a list's absence is checked.
            let items = self.items(root, key, "the file").to_vec();
            for item in items {
                self.item(key, item);
            }
        }
        for item in self.items(root, "lanes", "the file").to_vec() {
            let set = self.lane_set(&item);
            self.out.lanes.extend(set);
        }
    }

    /// A lane set: `id`, `title` and `members`, each a lane: `RU`,
    /// `US + EU + GB`, or a mapping with its own `title` and `members`.
    fn lane_set(&mut self, v: &Node) -> Option<LaneSetDef> {
        let (map, id, what) = self.record(v, "a lane set", "lane set", LANE_SET_KEYS)?;
        let title = self.req_text(map, "title", &what);
        let items = self.items(map, "members", &what);
        if items.is_empty() {
            self.error_help(
                map.mark,
                format!("{what} has no `members`: list its lanes"),
                Some("such as `members: [RU, CN, US + EU + GB, TR]`".into()),
            );
        }
        let mut lanes = Vec::new();
        for (n, item) in items.iter().enumerate() {
            let lane_what = format!("lane {} of {what}", n + 1);
            if let Some(text) = item.text() {
                let members = split_members(text, item.mark);
                if members.is_empty() {
                    self.error(item.mark, format!("{lane_what} names no member"));
                }
                lanes.push(LaneDef { title: None, members });
                continue;
            }
            let Some(m) = self.mapping(item, &lane_what, LANE_KEYS) else { continue };
            let title = self.opt_text(m, "title", &lane_what, false);
            let mut members = Vec::new();
            for (text, mark) in self.words(m, "members", &lane_what) {
                members.extend(split_members(&text, mark));
            }
            if members.is_empty() {
                self.error(m.mark, format!("{lane_what} has no `members`; it is required"));
            }
            if let Some(id) = &id {
                self.translations(
                    m,
                    &lane_what,
                    &[("title", Field::LaneTitle(id.clone(), n), false)],
                );
            }
            lanes.push(LaneDef { title, members });
        }
        if let Some(id) = &id {
            self.translations(map, &what, &[("title", Field::LaneSetTitle(id.clone()), false)]);
        }
        Some(LaneSetDef {
            id: id?,
            title: title?,
            file: self.file,
            mark: map.get("id").map_or(map.mark, |i| i.mark),
            lanes,
        })
    }

    /// Checks that `v` is a mapping with only `allowed` keys.
    fn mapping<'v>(&mut self, v: &'v Node, what: &str, allowed: &[&str]) -> Option<&'v Node> {
        let map = self.as_mapping(v, what, allowed)?;
        self.check_keys(map, what, allowed);
        Some(map)
    }

    fn as_mapping<'v>(&mut self, v: &'v Node, what: &str, allowed: &[&str]) -> Option<&'v Node> {
        if v.entries().is_some() {
            return Some(v);
        }
        self.error(
            v.mark,
            format!(
                "expected {what} as a mapping with keys such as `{}`, found {}",
                allowed[..allowed.len().min(3)].join("`, `"),
                found(v)
            ),
        );
        None
    }

    /// A mapping with an `id`: the mapping, the id if valid, and how messages
    /// name it ("event `sco-founded`", or "the event" without an id).
    fn record<'v>(
        &mut self,
        v: &'v Node,
        article: &str,
        kind: &str,
        keys: &[&str],
    ) -> Option<(&'v Node, Option<String>, String)> {
        let map = self.as_mapping(v, article, keys)?;
        let id = self.id(map, "id", article);
        let what = id.as_ref().map_or(format!("the {kind}"), |i| format!("{kind} `{i}`"));
        self.check_keys(map, &what, keys);
        Some((map, id, what))
    }

    fn check_keys(&mut self, map: &Node, what: &str, allowed: &[&str]) {
        for (key, _) in map.entries().unwrap_or_default() {
            let Some(name) = key.text() else {
                self.error(key.mark, format!("keys in {what} must be words, found {}", found(key)));
                continue;
            };
            if !allowed.contains(&name) {
                let help = match did_you_mean(name, allowed.iter().copied()) {
                    Some(s) => {
                        format!("did you mean `{s}`? {what} can have: {}", allowed.join(", "))
                    }
                    None => format!("{what} can have: {}", allowed.join(", ")),
                };
                let name = sanitize::visible(name);
                self.error_help(key.mark, format!("unknown key `{name}` in {what}"), Some(help));
            }
        }
    }

    /// The elements of the list under `key` (none when it is missing or wrong).
    fn items<'v>(&mut self, map: &'v Node, key: &str, what: &str) -> &'v [Node] {
        let Some(v) = map.get(key).filter(|v| !v.is_null()) else { return &[] };
        if let Some(items) = v.items() {
            return items;
        }
        let example =
            v.text().map_or("[…]".to_string(), |t| format!("[{}]", sanitize::visible(t)));
        self.error_help(
            v.mark,
            format!("expected `{key}` of {what} to be a list, found {}", found(v)),
            Some(format!(
                "write `{key}: {example}`, or put each on its own line starting with `- ` under `{key}:`"
            )),
        );
        &[]
    }

    fn opt_text(&mut self, map: &Node, key: &str, what: &str, multiline: bool) -> Option<String> {
        let v = map.get(key).filter(|v| !v.is_null())?;
        let Some(raw) = v.text() else {
            self.error(v.mark, format!("expected text for `{key}` of {what}, found {}", found(v)));
            return None;
        };
        let clean = if multiline { sanitize::text(raw) } else { sanitize::line(raw) };
        Some(clean).filter(|s| !s.is_empty())
    }

    fn req_text(&mut self, map: &Node, key: &str, what: &str) -> Option<String> {
        let value = self.opt_text(map, key, what, false);
        // A misspelt key (`titel`) is reported as such, not as a missing one too.
        let misspelt = || {
            map.entries().unwrap_or_default().iter().any(|(k, _)| {
                k.text().is_some_and(|k| k != key && did_you_mean(k, [key]).is_some())
            })
        };
        if value.is_none()
            && !map.get(key).is_some_and(|v| v.text().is_none() && !v.is_null())
            && !misspelt()
        {
            self.error(map.mark, format!("{what} has no `{key}`; it is required"));
        }
        value
    }

    fn id(&mut self, map: &Node, key: &str, what: &str) -> Option<String> {
        let id = self.req_text(map, key, what)?;
        if is_name(&id) {
            Some(id)
        } else {
            let mark = map.get(key).map_or(map.mark, |v| v.mark);
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
            .then(|| format!("write it in capitals: `{}`", raw.to_ascii_uppercase()))
            .or_else(|| {
                super::alpha3::alpha2(raw)
                    .map(|two| format!("steppe uses two-letter codes: `{two}`"))
            });
        let raw = sanitize::visible(raw);
        self.error_help(
            mark,
            format!("`{raw}` is not a country code: expected two capital letters (ISO 3166-1 alpha-2, such as KZ; SU and EU are allowed)"),
            help,
        );
        None
    }

    fn date(&mut self, map: &Node, key: &str, what: &str) -> Option<PartialDate> {
        let v = map.get(key).filter(|v| !v.is_null())?;
        let parsed = match v.text() {
            Some(t) => PartialDate::parse(t),
            None => Err(DateError::Syntax),
        };
        match parsed {
            Ok(d) => Some(d),
            Err(e) => {
                let shown = v.text().map_or_else(|| v.kind_name().to_string(), sanitize::visible);
                let help = v.text().and_then(PartialDate::suggest);
                self.error_help(
                    v.mark,
                    format!("`{shown}` is not a valid `{key}` for {what}: {e}"),
                    help,
                );
                None
            }
        }
    }

    /// A list of short texts under `key`, each with its mark.
    fn words(&mut self, map: &Node, key: &str, what: &str) -> Vec<(String, Mark)> {
        let mut out = Vec::new();
        for item in self.items(map, key, what) {
            match item.text() {
                Some(s) => {
                    let s = sanitize::line(s);
                    if !s.is_empty() {
                        out.push((s, item.mark));
                    }
                }
                None => self.error(
                    item.mark,
                    format!("expected text in `{key}` of {what}, found {}", found(item)),
                ),
            }
        }
        out
    }

    fn country(&mut self, v: &Node) -> Option<Located<Country>> {
        let map = self.mapping(v, "a country", COUNTRY_KEYS)?;
        let code_raw = self.req_text(map, "code", "a country");
        let what = match &code_raw {
            Some(c) => format!("country `{c}`"),
            None => "the country".to_string(),
        };
        let name = self.req_text(map, "name", &what);
        let aliases = self.aliases(map, &what);
        let capital = self.opt_text(map, "capital", &what, false);
        let location = self.location(map, &what);
        let mark = map.get("code").map_or(map.mark, |c| c.mark);
        let code = self.country_code(&code_raw?, mark)?;
        self.names(map, &what, |code| Field::CountryName(code.to_string()), &code);
        Some(Located {
            value: Country { code, name: name?, aliases, capital, location },
            file: self.file,
            mark,
        })
    }

    /// Other names under `aliases`, each once.
    fn aliases(&mut self, map: &Node, what: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (alias, _) in self.words(map, "aliases", what) {
            if !out.contains(&alias) {
                out.push(alias);
            }
        }
        out
    }

    fn location(&mut self, map: &Node, what: &str) -> Option<(f64, f64)> {
        let v = map.get("location").filter(|v| !v.is_null())?;
        let number = |n: &Node| -> Option<f64> {
            match &n.kind {
                yaml::Kind::Scalar(t, yaml::Style::Plain) => t.parse::<f64>().ok(),
                _ => None,
            }
        };
        let pair = match v.items() {
            Some([lat, lon]) => number(lat).zip(number(lon)),
            _ => None,
        };
        match pair {
            Some((lat, lon))
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
            {
                Some((lat, lon))
            }
            _ => {
                self.error(v.mark, format!("expected `location` of {what} as [latitude, longitude] in degrees, such as [51.17, 71.45]; latitude goes from -90 to 90, longitude from -180 to 180"));
                None
            }
        }
    }

    fn actor(&mut self, v: &Node) -> Option<ActorDef> {
        let (map, id, what) = self.record(v, "an actor", "actor", ACTOR_KEYS)?;
        let name = self.req_text(map, "name", &what);
        let aliases = self.aliases(map, &what);
        let kind = match self.opt_text(map, "kind", &what, false).as_deref() {
            None | Some("person") => Some(ActorKind::Person),
            Some("organisation" | "organization") => Some(ActorKind::Organisation),
            Some(other) => {
                let mark = map.get("kind").map_or(map.mark, |k| k.mark);
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
        let country_mark = map.get("country").map_or(map.mark, |c| c.mark);
        let country = match self.opt_text(map, "country", &what, false) {
            // A bad code is reported; the actor stays, so events naming it do not fail too.
            Some(c) => self.country_code(&c, country_mark),
            None => None,
        };
        let role = self.opt_text(map, "role", &what, false);
        if let Some(id) = &id {
            self.names(map, &what, |id| Field::ActorName(id.to_string()), id);
        }
        Some(ActorDef {
            actor: Actor {
                id: id?,
                name: name?,
                aliases,
                kind: kind.unwrap_or(ActorKind::Person),
                country,
                role,
            },
            file: self.file,
            mark: map.get("id").map_or(map.mark, |i| i.mark),
            country: country_mark,
        })
    }

    fn era(&mut self, v: &Node) -> Option<Located<Era>> {
        let before = self.diags.len();
        let (map, id, what) = self.record(v, "an era", "era", ERA_KEYS)?;
        let title = self.req_text(map, "title", &what);
        let start = self.date(map, "start", &what);
        if map.get("start").is_none_or(Node::is_null) {
            self.error(map.mark, format!("{what} has no `start`; it is required"));
        }
        let end = self.date(map, "end", &what);
        if let Some(id) = &id {
            self.translations(map, &what, &[("title", Field::EraTitle(id.clone()), false)]);
        }
        let start = start?;
        if let Some(end) = end
            && end.latest() < start.earliest()
        {
            let mark = map.get("end").map_or(map.mark, |e| e.mark);
            self.error(mark, format!("{what} ends ({end}) before it starts ({start})"));
        }
        if self.erred_since(before) {
            return None;
        }
        Some(Located {
            value: Era { id: id?, title: title?, start, end },
            file: self.file,
            mark: map.get("id").map_or(map.mark, |i| i.mark),
        })
    }

    /// Whether an error was reported since `diags[from]`.
    fn erred_since(&self, from: usize) -> bool {
        self.diags[from..].iter().any(|d| d.severity == Severity::Error)
    }

    /// An event; its summary's text is taken out of `v` rather than copied
    /// (a summary may be hundreds of megabytes).
    fn event(&mut self, mut v: Node) -> Option<EventDef> {
        let summary = take_text(&mut v, "summary");
        let v = &v;
        let before = self.diags.len();
        let (map, id, what) = self.record(v, "an event", "event", EVENT_KEYS)?;
        let date = self.date(map, "date", &what);
        match map.get("date") {
            None => self.error(
                map.mark,
                format!("{what} has no `date`; it is required (such as `1991-12-26`)"),
            ),
            // `~` alone is YAML's "no value", not steppe's "about".
            Some(v) if v.is_null() => self.error_help(
                v.mark,
                format!("{what} has an empty `date`; it is required (such as `1991-12-26`)"),
                matches!(&v.kind, yaml::Kind::Scalar(t, _) if t == "~").then(|| {
                    "`~` alone means \"no value\" in YAML: write the date, with `~` after it if it is approximate, such as `1865~`".to_string()
                }),
            ),
            Some(_) => {}
        }
        let end = self.date(map, "end", &what);
        let title = self.req_text(map, "title", &what);
        let summary = match summary {
            Some(raw) => Some(sanitize::text_owned(raw)).filter(|s| !s.is_empty()),
            None => self.opt_text(map, "summary", &what, true),
        };
        let summary = summary.unwrap_or_default();
        let mut countries = Vec::new();
        let mut country_marks = Vec::new();
        for (code, mark) in self.words(map, "countries", &what) {
            if let Some(code) = self.country_code(&code, mark) {
                countries.push(code);
                country_marks.push(mark);
            }
        }
        let (actors, actor_marks) = self.participants(map, &what);
        let tags = self.words(map, "tags", &what).into_iter().map(|(t, _)| t).collect();
        let sources = self.sources(map, &what);
        let (related, related_marks) = self.words(map, "related", &what).into_iter().unzip();
        let (media, picture) = self.media(map, &what).unzip();
        let picture = picture.flatten();
        let location = self.event_location(map, &what);
        let external_ids = self.external_ids(map, &what);
        let quotes = self.quotes(map, &what);
        let attributes = self.attributes(map, &what);
        if let Some(id) = &id {
            self.translations(
                map,
                &what,
                &[
                    ("title", Field::EventTitle(id.clone()), false),
                    ("summary", Field::EventSummary(id.clone()), true),
                ],
            );
        }
        if let (Some(date), Some(end)) = (date, end)
            && end.latest() < date.earliest()
        {
            let mark = map.get("end").map_or(map.mark, |e| e.mark);
            self.error(mark, format!("{what} ends ({end}) before it starts ({date})"));
        }
        // An event with an error is left out, so nothing shown is what validate refuses.
        let complete =
            id.is_some() && date.is_some() && title.is_some() && !self.erred_since(before);
        Some(EventDef {
            event: Event {
                id: id.unwrap_or_default(),
                date: date.unwrap_or(PartialDate::year(0)),
                end,
                title: title.unwrap_or_default(),
                summary,
                countries: exact(countries),
                actors: exact(actors),
                tags: exact(tags),
                sources: exact(sources),
                related: exact(related),
                media: media.map(Box::new),
                location: location.map(Box::new),
                external_ids: exact(external_ids),
                quotes: exact(quotes),
                attributes,
                origin: Origin { file: self.file, line: map.mark.line },
            },
            complete,
            mark: map.get("id").map_or(map.mark, |i| i.mark),
            countries: exact(country_marks),
            actors: exact(actor_marks),
            related: exact(related_marks),
            picture,
            at: 0,
        })
    }

    fn participants(&mut self, map: &Node, what: &str) -> (Vec<Participant>, Vec<Mark>) {
        let mut people = Vec::new();
        let mut marks = Vec::new();
        for item in self.items(map, "actors", what) {
            if let Some(id) = item.text() {
                people.push(Participant { id: sanitize::line(id), role: None });
                marks.push(item.mark);
                continue;
            }
            let of = format!("an actor of {what}");
            let Some(m) = self.mapping(item, &of, PARTICIPANT_KEYS) else {
                continue;
            };
            let id = self.req_text(m, "id", &of);
            let role = self.opt_text(m, "role", what, false);
            if let Some(id) = id {
                people.push(Participant { id, role });
                marks.push(m.get("id").map_or(m.mark, |i| i.mark));
            }
        }
        (people, marks)
    }

    fn sources(&mut self, map: &Node, what: &str) -> Vec<Source> {
        let mut out = Vec::new();
        for item in self.items(map, "sources", what) {
            let source = self.source(item, &format!("a source of {what}"));
            out.extend(source);
        }
        out
    }

    /// A bare URL, or a mapping: a web page, or a book or archive.
    fn source(&mut self, item: &Node, source_of: &str) -> Option<Source> {
        match item.text() {
            Some(url) => self
                .web_address(&sanitize::line(url), item.mark, source_of)
                .map(|u| Source::web(&u)),
            None => self.source_mapping(item, source_of),
        }
    }

    fn source_mapping(&mut self, item: &Node, what: &str) -> Option<Source> {
        let m = self.mapping(item, what, SOURCE_KEYS)?;
        let url = self.opt_text(m, "url", what, false);
        let title = self.opt_text(m, "title", what, false);
        let url = match url {
            Some(u) => Some(self.web_address(&u, m.get("url").map_or(m.mark, |n| n.mark), what)?),
            None => None,
        };
        let Some(title) = title.or_else(|| url.clone()) else {
            if m.get("url").is_none_or(Node::is_null) {
                self.error_help(
                    m.mark,
                    format!("{what} has neither a `title` nor a `url`"),
                    Some("give a web page's `url`, or a book's or archive's `title` (with `author`, `publisher`, `year`, `page` if you have them)".into()),
                );
            }
            return None;
        };
        Some(Source {
            title,
            url,
            author: self.opt_text(m, "author", what, false),
            publisher: self.opt_text(m, "publisher", what, false),
            year: self.opt_text(m, "year", what, false),
            page: self.opt_text(m, "page", what, false),
        })
    }

    /// A web address: `http://` or `https://`, and no spaces.
    fn web_address(&mut self, url: &str, mark: Mark, what: &str) -> Option<String> {
        let shown = sanitize::visible(url);
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            // `www.example.org`, `example.org/page`: an address without its scheme.
            let host = url.split('/').next().unwrap_or_default();
            let tld = host.rsplit('.').next().unwrap_or_default();
            let help = (host.contains('.')
                && !host.starts_with('.')
                && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
                && tld.len() >= 2
                && tld.chars().all(|c| c.is_ascii_alphabetic())
                && !url.contains(char::is_whitespace))
            .then(|| format!("write it with https:// in front: `https://{shown}`"));
            self.error_help(
                mark,
                format!(
                    "`{shown}` in {what} is not a web address: expected one starting with https:// or http://"
                ),
                help,
            );
            return None;
        }
        if url.contains(char::is_whitespace) {
            self.error_help(
                mark,
                format!("`{shown}` in {what} has a space in it; a web address has none"),
                Some("write a space in an address as %20".into()),
            );
            return None;
        }
        Some(url.to_string())
    }

    fn media(&mut self, map: &Node, what: &str) -> Option<(Media, Option<Mark>)> {
        let v = map.get("media").filter(|v| !v.is_null())?;
        let of = format!("the media of {what}");
        let m = self.mapping(v, &of, MEDIA_KEYS)?;
        let url = self.req_text(m, "url", &of)?;
        let mark = m.get("url").map_or(m.mark, |n| n.mark);
        let alt = self.opt_text(m, "alt", &of, false);
        let own = crate::model::is_picture_path(&url);
        let url = if own { url } else { self.web_address(&url, mark, &of)? };
        if own && alt.is_none() {
            self.error_help(
                m.mark,
                format!("{of} is a picture of one's own and has no `alt`"),
                Some("add `alt:` with a few words saying what the picture shows: a screen reader reads them, and the page shows them where the picture cannot be".into()),
            );
            return None;
        }
        let thumbnail = match self.opt_text(m, "thumbnail", &of, false) {
            Some(t) => self.web_address(&t, m.get("thumbnail").map_or(m.mark, |n| n.mark), &of),
            None => None,
        };
        let link = match self.opt_text(m, "link", &of, false) {
            Some(t) => self.web_address(&t, m.get("link").map_or(m.mark, |n| n.mark), &of),
            None => None,
        };
        let media = Media {
            url,
            caption: self.opt_text(m, "caption", &of, false),
            credit: self.opt_text(m, "credit", &of, false),
            thumbnail,
            alt,
            link,
            picture: None,
        };
        Some((media, own.then_some(mark)))
    }

    fn event_location(&mut self, map: &Node, what: &str) -> Option<Location> {
        let v = map.get("location").filter(|v| !v.is_null())?;
        let of = format!("the location of {what}");
        let m = self.mapping(v, &of, LOCATION_KEYS)?;
        let name = self.opt_text(m, "name", &of, false);
        let degrees = |cx: &mut Self, key: &str, limit: f64| -> Option<Option<f64>> {
            let n = m.get(key).filter(|n| !n.is_null())?;
            let value = match &n.kind {
                yaml::Kind::Scalar(t, yaml::Style::Plain) => t.parse::<f64>().ok(),
                _ => None,
            }
            .filter(|x| x.is_finite() && x.abs() <= limit);
            if value.is_none() {
                let shown = n.text().map_or_else(|| n.kind_name().to_string(), sanitize::visible);
                // `51,18`: a spreadsheet in a language that writes decimals with a comma.
                let help = n
                    .text()
                    .map(|t| t.trim().replacen(',', ".", 1))
                    .filter(|t| {
                        !t.contains(',') && t.parse::<f64>().is_ok_and(|x| x.abs() <= limit)
                    })
                    .map(|t| format!("write the decimals after a point: `{t}`"));
                cx.error_help(
                    n.mark,
                    format!("`{key}` of {what} is {shown}: expected a number of degrees from -{limit} to {limit}"),
                    help,
                );
            }
            Some(value)
        };
        let lat = degrees(self, "lat", 90.0);
        let lon = degrees(self, "lon", 180.0);
        let coordinates = match (lat, lon) {
            (Some(Some(lat)), Some(Some(lon))) => Some((lat, lon)),
            (None, None) => None,
            (Some(_), Some(_)) => return None,
            _ => {
                self.error(m.mark, format!("{of} needs both `lat` and `lon`, or neither"));
                return None;
            }
        };
        if name.is_none() && coordinates.is_none() {
            self.error(m.mark, format!("{of} has neither a `name` nor `lat` and `lon`"));
            return None;
        }
        Some(Location { name, coordinates })
    }

    fn external_ids(&mut self, map: &Node, what: &str) -> Vec<(String, String)> {
        let Some(v) = map.get("external_ids").filter(|v| !v.is_null()) else { return Vec::new() };
        let Some(entries) = v.entries() else {
            self.error(v.mark, format!("expected `external_ids` of {what} as a mapping such as `wikidata: Q1234`, found {}", found(v)));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, val) in entries {
            let (Some(key), Some(value)) = (k.text(), val.text()) else {
                self.error(val.mark, format!("expected `external_ids` of {what} as `name: identifier` pairs, such as `wikidata: Q1234`"));
                continue;
            };
            let key = sanitize::line(key);
            if !is_name(&key) {
                self.error(k.mark, format!("`{}` is not a valid name in `external_ids` of {what}: use letters, digits, `-`, `_` and `.`", sanitize::visible(&key)));
                continue;
            }
            let value = sanitize::line(value);
            if !value.is_empty() {
                out.push((key, value));
            }
        }
        out
    }

    /// An event's `attributes`: `name: value` pairs kept as text, in order.
    fn attributes(&mut self, map: &Node, what: &str) -> Attributes {
        let Some(v) = map.get("attributes").filter(|v| !v.is_null()) else {
            return Attributes::default();
        };
        let Some(entries) = v.entries() else {
            self.error(v.mark, format!("expected `attributes` of {what} as a mapping such as `fatalities: 3`, found {}", found(v)));
            return Attributes::default();
        };
        let mut out = Vec::new();
        for (k, val) in entries {
            let Some(key) = k.text() else {
                self.error(
                    k.mark,
                    format!("expected a name in `attributes` of {what}, found {}", found(k)),
                );
                continue;
            };
            let key = sanitize::line(key);
            if !is_name(&key) {
                self.error(k.mark, format!("`{}` is not a valid name in `attributes` of {what}: use letters, digits, `-`, `_` and `.`", sanitize::visible(&key)));
                continue;
            }
            match val.text() {
                Some(value) => out.push((key, sanitize::text(value))),
                None if val.is_null() => {}
                None => self.error(
                    val.mark,
                    format!(
                        "expected text for `{key}` in `attributes` of {what}, found {}",
                        found(val)
                    ),
                ),
            }
        }
        Attributes::new(out)
    }

    /// An event's `quotes`: the words, who said them, and the source that prints them.
    fn quotes(&mut self, map: &Node, what: &str) -> Vec<Quote> {
        let mut out = Vec::new();
        for (n, item) in self.items(map, "quotes", what).iter().enumerate() {
            let of = format!("quote {} of {what}", n + 1);
            let Some(m) = self.mapping(item, &of, QUOTE_KEYS) else { continue };
            let text = self.opt_text(m, "text", &of, true);
            let by = self.req_text(m, "by", &of);
            let date = self.date(m, "date", &of);
            let lang = self.lang_tag(m, "lang", &of);
            let source = match m.get("source").filter(|v| !v.is_null()) {
                Some(v) => self.source(v, &format!("the source of {of}")),
                None => {
                    self.error_help(
                        m.mark,
                        format!("{of} has no `source`; it is required"),
                        Some(
                            "quote only what a source prints, and give that source's address"
                                .into(),
                        ),
                    );
                    None
                }
            };
            if text.is_none() && !m.get("text").is_some_and(|v| v.text().is_none() && !v.is_null())
            {
                self.error(m.mark, format!("{of} has no `text`; it is required"));
            }
            let translated_by = self.opt_text(m, "translated_by", &of, false);
            let original = self.original(m, &of, lang.as_deref());
            if let (Some(text), Some(by), Some(source)) = (text, by, source) {
                out.push(Quote { text, by, date, lang, source, translated_by, original });
            }
        }
        out
    }

    /// A quote's `original`: the words as said, in their own language, when
    /// the quote's `text` is a translation.
    fn original(&mut self, quote: &Node, of: &str, lang: Option<&str>) -> Option<Box<Original>> {
        let v = quote.get("original").filter(|v| !v.is_null())?;
        let what = format!("the original of {of}");
        let m = self.mapping(v, &what, ORIGINAL_KEYS)?;
        let text = self.opt_text(m, "text", &what, true);
        // A value that is not text was reported as such by `opt_text`, and a
        // misspelt key (`txt`) as unknown: neither is reported missing too.
        let not_text = |k: &str| m.get(k).is_some_and(|v| v.text().is_none() && !v.is_null());
        let misspelt = |key: &str| {
            m.entries().unwrap_or_default().iter().any(|(k, _)| {
                k.text().is_some_and(|k| k != key && did_you_mean(k, [key]).is_some())
            })
        };
        if text.is_none() && !not_text("text") && !misspelt("text") {
            self.error(m.mark, format!("{what} has no `text`; it is required"));
        }
        let tag = self.lang_tag(m, "lang", &what);
        if tag.is_none()
            && m.get("lang").is_none_or(|v| v.is_null() || v.text() == Some(""))
            && !misspelt("lang")
        {
            self.error_help(
                m.mark,
                format!("{what} has no `lang`; it is required"),
                Some("say which language the words were said in, such as `lang: ru`".into()),
            );
        }
        let source = match m.get("source").filter(|v| !v.is_null()) {
            Some(s) => Some(self.source(s, &format!("the source of {what}"))?),
            None => None,
        };
        let (text, tag) = (text?, tag?);
        if lang.is_some_and(|l| l.eq_ignore_ascii_case(&tag)) {
            self.error_help(
                m.get("lang").map_or(m.mark, |n| n.mark),
                format!("{what} is in `{tag}`, the language of the quote's own `text`"),
                Some("`text` holds a translation and `original` the words as said, in another language".into()),
            );
            return None;
        }
        Some(Box::new(Original { text, lang: tag, source }))
    }

    /// A step's `quote`: the number of one of its event's quotes, from 1.
    fn quote_number(&mut self, map: &Node, what: &str) -> Option<usize> {
        let v = map.get("quote").filter(|v| !v.is_null())?;
        match v.text().and_then(|t| t.parse::<usize>().ok()).filter(|&n| n > 0) {
            Some(n) => Some(n - 1),
            None => {
                self.error(
                    v.mark,
                    format!("expected `quote` of {what} as the number of one of its event's quotes (1 for the first), found {}", found(v)),
                );
                None
            }
        }
    }

    /// A language tag such as `ru` or `pt-BR`, checked for its form.
    fn lang_tag(&mut self, map: &Node, key: &str, what: &str) -> Option<String> {
        let tag = self.opt_text(map, key, what, false)?;
        let mark = map.get(key).map_or(map.mark, |v| v.mark);
        self.checked_tag(tag, mark, what)
    }

    fn checked_tag(&mut self, tag: String, mark: Mark, what: &str) -> Option<String> {
        let mut parts = tag.split('-');
        let primary = parts.next().unwrap_or_default();
        let ok = (2..=3).contains(&primary.len())
            && primary.bytes().all(|b| b.is_ascii_lowercase())
            && parts.all(|p| {
                (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        if ok {
            return Some(tag);
        }
        let tag = sanitize::visible(&tag);
        self.error_help(
            mark,
            format!("`{tag}` in {what} is not a language code: expected one such as `ru`, `ar`, `kk` or `pt-BR`"),
            Some("use the two- or three-letter code of the language (ISO 639), in small letters".into()),
        );
        None
    }

    /// `names:` on a country or actor: the name in each language.
    fn names(&mut self, map: &Node, what: &str, field: impl Fn(&str) -> Field, key: &str) {
        let Some(v) = map.get("names").filter(|v| !v.is_null()) else { return };
        let Some(entries) = v.entries() else {
            self.error_help(
                v.mark,
                format!(
                    "expected `names` of {what} as a mapping of languages to names, found {}",
                    found(v)
                ),
                Some("write one name a line under `names:`, such as `ru: Казахстан`".into()),
            );
            return;
        };
        for (lang, name) in entries {
            let Some(tag) = self.key_tag(lang, what) else { continue };
            match name.text().map(sanitize::line).filter(|n| !n.is_empty()) {
                Some(name) => self.out.translations.insert(&tag, field(key), name),
                None => self.error(
                    name.mark,
                    format!(
                        "expected the name in `{tag}` for {what} as text, found {}",
                        found(name)
                    ),
                ),
            }
        }
    }

    /// A language written as a key (`ru:`), checked.
    fn key_tag(&mut self, key: &Node, what: &str) -> Option<String> {
        match key.text() {
            Some(t) => self.checked_tag(t.to_string(), key.mark, what),
            None => {
                self.error(
                    key.mark,
                    format!("expected a language code as a key in {what}, found {}", found(key)),
                );
                None
            }
        }
    }

    /// `translations:` on an event, era, tour or step: for each language, a
    /// mapping of the block's own text keys (`fields`: key, what it
    /// translates, whether it has several lines).
    fn translations(&mut self, map: &Node, what: &str, fields: &[(&str, Field, bool)]) {
        let Some(v) = map.get("translations").filter(|v| !v.is_null()) else { return };
        let keys: Vec<&str> = fields.iter().map(|(k, _, _)| *k).collect();
        let Some(entries) = v.entries() else {
            self.error_help(
                v.mark,
                format!(
                    "expected `translations` of {what} as a mapping of languages, found {}",
                    found(v)
                ),
                Some(format!(
                    "write a language, then its {} indented below it: `ru:` then `  {}: …`",
                    keys.join(" and "),
                    keys[0]
                )),
            );
            return;
        };
        for (lang, texts) in entries {
            let Some(tag) = self.key_tag(lang, what) else { continue };
            let of = format!("the `{tag}` translation of {what}");
            let Some(m) = self.mapping(texts, &of, &keys) else { continue };
            for (key, field, multiline) in fields {
                if let Some(text) = self.opt_text(m, key, &of, *multiline) {
                    self.out.translations.insert(&tag, field.clone(), text);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(content: &FileContent, diags: &[Diagnostic]) -> String {
        let mut diags: Vec<String> = diags.iter().map(|d| format!("{d:?}")).collect();
        diags.sort();
        let events: Vec<String> =
            content.events.iter().map(|e| format!("{:?} {:?}", e.event, e.mark)).collect();
        format!("{events:#?}\n{diags:#?}\n{:?}", content.tours.len())
    }

    #[test]
    fn a_file_read_in_parts_reads_as_a_whole() {
        let mut text =
            String::from("title: T\ncountries:\n  - {code: KZ, name: Kazakhstan}\nevents:\n");
        for i in 0..300 {
            let date = if i % 7 == 0 { "8 Oct 2025".to_string() } else { format!("{}", 1900 + i) };
            text.push_str(&format!(
                "  - id: e{i}\n    date: {date}\n    title: Event {i}\n    summary: |\n      Line one\n      - not an item\n    countries: [KZ{}]\n",
                if i % 11 == 0 { ", XX" } else { "" }
            ));
        }
        text.push_str("tours:\n  - id: t\n    title: T\n    steps: [{event: e1}]\n");
        let mut whole_diags = Vec::new();
        let parsed = yaml::parse(&text);
        assert!(parsed.complete);
        let mut cx = Cx::new(0);
        let p = yaml::parse_streaming(&text, &mut |s, n| cx.item(s, n), true);
        if let Some(root) = &p.root {
            cx.top(root);
        }
        whole_diags.append(&mut cx.diags);
        let mut part_diags = Vec::new();
        let parts = read_in_parts(&text, 0, &mut part_diags, &|_| {}).expect("the file can be cut");
        assert_eq!(parts.events.len(), 300);
        assert_eq!(shown(&parts, &part_diags), shown(&cx.out, &whole_diags));
    }

    #[test]
    fn a_tour_whose_steps_stream_reads_as_one_read_whole() {
        let text = "events:\n  - {id: e0, date: 1991, title: T, sources: [https://e.org]}\ntours:\n  - id: t\n    title: T\n    steps:\n      - event: e0\n        note: hello\n        quote: 2\n        translations:\n          ru: {note: привет, question: почему?}\n          '!!': {note: q}\n      - [1, 2]\n      - event: ~\n      - evnt: e0\n      - event: {a: 1}\n      - {event: e0, quote: zero}\n      - event: gone\n  - id: 'bad id'\n    title: U\n    steps:\n      - event: e0\n      - 3\n  - title: V\n    steps:\n      - event: e0\n    id: v\n";
        let read = |stream: bool| {
            let mut cx = Cx::new(0);
            let mut streamed = 0;
            let p = yaml::parse_streaming(
                text,
                &mut |s, n| {
                    streamed += usize::from(s == yaml::TOUR_STEPS);
                    cx.item(s, n)
                },
                stream,
            );
            if let Some(root) = &p.root {
                cx.top(root);
            }
            let tours: Vec<String> = cx.out.tours.iter().map(|t| format!("{t:?}")).collect();
            let diags: Vec<String> = cx.diags.iter().map(|d| format!("{d:?}")).collect();
            (tours, diags, format!("{:?}", cx.out.translations), streamed)
        };
        let (streamed, whole) = (read(true), read(false));
        assert_eq!(streamed.3, 9, "the steps of the tours with an `id` first stream");
        assert_eq!(whole.3, 0);
        assert_eq!(streamed.0, whole.0);
        assert_eq!(streamed.1, whole.1);
        assert_eq!(streamed.2, whole.2);
        assert_eq!(whole.0.len(), 2, "{:?}", whole.0);
        assert_eq!(whole.1.len(), 8, "{:#?}", whole.1);
    }
}
