//! GDELT event exports (`*.export.CSV`, tab-separated, no header, the
//! columns of the GDELT 2.0 event codebook; GDELT 1.0's daily files, with one
//! column fewer in each place block, too) → events. One event per row: the
//! CAMEO code and its root class as tags, the actors' CAMEO country codes as
//! ISO countries, the actors' names as actors, the action's place, the source
//! address (dated the day GDELT found it), and the Goldstein scale and the
//! number of mentions as attributes; the event's number is in its id.
//!
//! A day of GDELT is hundreds of thousands of rows: the text is cut at line
//! breaks into parts read on all cores, each row split at its tabs with its
//! line known from where its part starts.

use rayon::prelude::*;

use std::collections::HashMap;

use super::alpha3;
use super::cameo;
use super::diagnostic::{Diagnostic, Mark};
use super::import::{Defs, ImportFilter, MinField, Tally, summary, title_case};
use super::schema::{Checker, EventDef, FileContent};
use super::yaml::{Meter, Node};
use crate::model::{Attributes, Event, Location, Origin, PartialDate, Participant, Source};
use crate::text::sanitize;

/// Where the fields a reader uses are, in GDELT 2.0's and 1.0's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    fields: usize,
    version: &'static str,
    place: usize,
    lat: usize,
    long: usize,
    url: usize,
}

/// 61 columns; each of the three place blocks has an `ADM2Code`.
const V2: Layout = Layout { fields: 61, version: "2.0", place: 52, lat: 56, long: 57, url: 60 };
/// 58 columns: GDELT 1.0's daily files, without `ADM2Code`.
const V1: Layout = Layout { fields: 58, version: "1.0", place: 50, lat: 53, long: 54, url: 57 };

const ID: usize = 0;
const SQLDATE: usize = 1;
/// Actor1Code, Actor1Name, Actor1CountryCode; Actor2's ten columns later.
const ACTOR1: usize = 5;
const ACTOR2: usize = 15;
/// Within an actor's block: name, country code, first type code.
const NAME: usize = 1;
const COUNTRY: usize = 2;
const TYPE1: usize = 7;
const EVENT_CODE: usize = 26;
const BASE_CODE: usize = 27;
const ROOT_CODE: usize = 28;
const GOLDSTEIN: usize = 30;
const MENTIONS: usize = 31;
const SOURCES: usize = 32;
const ARTICLES: usize = 33;

/// Does this text look like a GDELT event export: a first row of 61 (or 58)
/// tab-separated fields, a number and an eight-digit date first?
pub fn looks_like(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let first = if first.starts_with("GLOBALEVENTID\t") {
        text.lines().filter(|l| !l.trim().is_empty()).nth(1).unwrap_or("")
    } else {
        first
    };
    layout(first).is_some() && {
        let mut f = first.split('\t');
        let id = f.next().unwrap_or("");
        let date = f.next().unwrap_or("");
        !id.is_empty()
            && id.bytes().all(|b| b.is_ascii_digit())
            && date.len() == 8
            && date.bytes().all(|b| b.is_ascii_digit())
    }
}

fn layout(line: &str) -> Option<Layout> {
    let n = memchr::memchr_iter(b'\t', line.trim_end_matches(['\r', '\n']).as_bytes()).count() + 1;
    [V2, V1].into_iter().find(|l| l.fields == n)
}

/// `20240703` as a date.
fn day(raw: &str) -> Option<PartialDate> {
    let b = raw.as_bytes();
    if b.len() != 8 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| raw[r].parse::<i32>().ok();
    let (year, month, day) = (n(0..4)?, n(4..6)?, n(6..8)?);
    PartialDate::from_parts(
        year,
        Some(u32::try_from(month).ok()?),
        Some(u32::try_from(day).ok()?),
        false,
    )
    .ok()
}

/// Parts of at least this many bytes are worth a thread of their own.
const PART_BYTES: usize = 1 << 20;

/// Reads a GDELT export: the rows `filter` lets through become events.
pub fn read(
    text: &str,
    file: usize,
    diags: &mut Vec<Diagnostic>,
    filter: &ImportFilter,
    meter: Meter,
) -> FileContent {
    let first = text.lines().find(|l| !l.trim().is_empty() && !l.starts_with("GLOBALEVENTID\t"));
    let Some(layout) = first.and_then(layout) else {
        diags.push(Diagnostic::error(
            file,
            Some(Mark::START),
            "expected GDELT event rows: 61 tab-separated fields (the GDELT 2.0 event codebook's columns), or 58 (GDELT 1.0)",
        ));
        return FileContent { file, ..FileContent::default() };
    };
    let parts = parts(text, (2 * rayon::current_num_threads()).max(1));
    let read: Vec<Part> = parts
        .par_iter()
        .map(|&(start, end, line)| {
            let mut part = Part::new(file);
            part.read(&text[start..end], line, layout, filter);
            meter((end - start) as u64);
            part
        })
        .collect();
    let mut whole = Part::new(file);
    // Every event is moved once more, into a list made to hold them all.
    whole.events.reserve_exact(read.iter().map(|p| p.events.len()).sum());
    for part in read {
        whole.absorb(part);
    }
    whole.finish(layout, filter, diags)
}

/// The text cut at line breaks into about `n` parts of at least
/// [`PART_BYTES`]: (start, end, the first line's number).
fn parts(text: &str, n: usize) -> Vec<(usize, usize, usize)> {
    let size = (text.len() / n).max(PART_BYTES);
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut line) = (0, 1);
    while start < text.len() {
        let end = match memchr::memchr(b'\n', bytes.get(start + size..).unwrap_or_default()) {
            Some(i) if start + size < text.len() => start + size + i + 1,
            _ => text.len(),
        };
        out.push((start, end, line));
        line += memchr::memchr_iter(b'\n', &bytes[start..end]).count();
        start = end;
    }
    out
}

/// What one part of the file gave.
struct Part<'a> {
    file: usize,
    events: Vec<EventDef>,
    defs: Defs,
    /// Names already seen in this part: an actor's raw name → (id, name);
    /// a CAMEO code → its tag; a place's raw name → its name.
    actors: HashMap<&'a str, (String, String)>,
    tags: HashMap<&'a str, String>,
    places: HashMap<&'a str, Option<String>>,
    tally: Tally,
    rows: usize,
    too_few: usize,
    not_cameo: usize,
    /// Country codes that name no country: how many rows, and the first place.
    unknown_countries: Vec<(String, usize, Mark)>,
}

impl<'a> Part<'a> {
    fn new(file: usize) -> Self {
        Part {
            file,
            events: Vec::new(),
            defs: Defs::default(),
            actors: HashMap::new(),
            tags: HashMap::new(),
            places: HashMap::new(),
            tally: Tally::default(),
            rows: 0,
            too_few: 0,
            not_cameo: 0,
            unknown_countries: Vec::new(),
        }
    }

    fn absorb(&mut self, later: Part) {
        self.events.extend(later.events);
        self.defs.absorb(later.defs);
        self.tally.absorb(later.tally);
        self.rows += later.rows;
        self.too_few += later.too_few;
        self.not_cameo += later.not_cameo;
        for (code, n, mark) in later.unknown_countries {
            match self.unknown_countries.iter_mut().find(|(c, ..)| *c == code) {
                Some(known) => known.1 += n,
                None => self.unknown_countries.push((code, n, mark)),
            }
        }
    }

    fn read(&mut self, text: &'a str, first_line: usize, layout: Layout, filter: &ImportFilter) {
        let mut fields: Vec<&'a str> = Vec::with_capacity(layout.fields);
        // About one event a line: room for them all at once, not doubled as they come.
        self.events.reserve_exact(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
        let mut columns: Vec<usize> = Vec::with_capacity(layout.fields);
        for (n, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() || line.starts_with("GLOBALEVENTID\t") {
                continue;
            }
            let line_no = first_line + n;
            self.rows += 1;
            fields.clear();
            columns.clear();
            let mut column = 1;
            for f in line.split('\t') {
                fields.push(f);
                columns.push(column);
                column += if f.is_ascii() { f.len() } else { f.chars().count() } + 1;
            }
            let row = Row { fields: &fields, columns: &columns, line: line_no };
            if fields.len() != layout.fields {
                let file = self.file;
                let found = fields.len();
                self.tally.add("not a row of a GDELT event export", || {
                    Diagnostic::warning(
                        file,
                        Some(row.mark(0)),
                        format!(
                            "not read: expected {} tab-separated fields (a GDELT {} event row), found {found}",
                            layout.fields, layout.version
                        ),
                    )
                });
                continue;
            }
            if !self.wanted(&row, filter) {
                continue;
            }
            if let Some(event) = self.event(&row, layout) {
                self.events.push(event);
            }
        }
    }

    /// Whether the row passes `--min` and `--cameo`; counts those that do not.
    fn wanted(&mut self, row: &Row<'_, 'a>, filter: &ImportFilter) -> bool {
        for (field, least) in &filter.min {
            let at = match field {
                MinField::Mentions => MENTIONS,
                MinField::Sources => SOURCES,
                MinField::Articles => ARTICLES,
            };
            if row.get(at).trim().parse::<u64>().unwrap_or(0) < *least {
                self.too_few += 1;
                return false;
            }
        }
        let code = row.get(EVENT_CODE).trim();
        if !filter.cameo.is_empty() && !filter.cameo.iter().any(|c| code.starts_with(c.as_str())) {
            self.not_cameo += 1;
            return false;
        }
        true
    }

    /// The row's event, made directly (a million rows make no tree): the
    /// values are checked here as the schema step checks a file's.
    fn event(&mut self, row: &Row<'_, 'a>, layout: Layout) -> Option<EventDef> {
        let file = self.file;
        let id = row.get(ID).trim();
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            let shown = sanitize::visible(id);
            self.tally.add("no GLOBALEVENTID", || {
                Diagnostic::warning(
                    file,
                    Some(row.mark(ID)),
                    format!(
                        "not read: expected the event's number (GLOBALEVENTID) first, found `{shown}`"
                    ),
                )
            });
            return None;
        }
        let raw_date = row.get(SQLDATE).trim();
        let Some(date) = day(raw_date) else {
            let shown = sanitize::visible(raw_date);
            self.tally.add("SQLDATE is not a date", || {
                Diagnostic::warning(
                    file,
                    Some(row.mark(SQLDATE)),
                    format!(
                        "not read: expected the date of event {id} (SQLDATE) as YYYYMMDD, found `{shown}`"
                    ),
                )
            });
            return None;
        };
        let mut event_id = String::with_capacity(6 + id.len());
        event_id.push_str("gdelt-");
        event_id.push_str(id);
        let mut event = Event::new(event_id, date, String::new());
        event.origin = Origin { file, line: row.line };
        let mut country_marks = Vec::new();
        let mut actor_marks = Vec::new();
        let mut names: Vec<&str> = Vec::new();
        for block in [ACTOR1, ACTOR2] {
            let raw_country = row.get(block + COUNTRY).trim();
            let country = if raw_country.is_empty() {
                None
            } else {
                let found = alpha3::by_cameo(raw_country);
                let mark = row.mark(block + COUNTRY);
                match found {
                    Some((code, name)) => {
                        self.defs.country(code, name, mark);
                        if !event.countries.iter().any(|c| c == code) {
                            event.countries.push(code.to_string());
                            country_marks.push(mark);
                        }
                    }
                    None => self.unknown_country(raw_country, mark),
                }
                found
            };
            let raw = row.get(block + NAME).trim();
            if raw.is_empty() {
                continue;
            }
            let typed = !row.get(block + TYPE1).trim().is_empty();
            let mark = row.mark(block + NAME);
            let actor = match self.actors.get(raw) {
                Some((id, _)) => id.clone(),
                None => {
                    let name = sanitize::line(&title_case(raw));
                    let state = country.is_some_and(|(_, n)| n.eq_ignore_ascii_case(&name));
                    let id = self.defs.actor(&name, country.map(|c| c.0), state || typed, mark);
                    self.actors.insert(raw, (id.clone(), name));
                    id
                }
            };
            if !actor.is_empty() && !event.actors.iter().any(|p| p.id == actor) {
                event.actors.push(Participant { id: actor, role: None });
                actor_marks.push(mark);
                names.push(raw);
            }
        }
        let code = row.get(EVENT_CODE).trim();
        let base = row.get(BASE_CODE).trim();
        let root = row.get(ROOT_CODE).trim();
        let what = [code, base, root].into_iter().find_map(cameo::name).unwrap_or("event");
        let names: Vec<&str> =
            names.iter().map(|raw| self.actors.get(raw).map_or("", |(_, n)| n.as_str())).collect();
        event.title = match names.as_slice() {
            [a, b] => format!("{a} → {b}: {what}"),
            [a] => format!("{a}: {what}"),
            _ => {
                let mut t = what.to_string();
                if let Some(first) = t.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                t
            }
        };
        for c in [root, code] {
            if c.is_empty() || (c == root && root == code) {
                continue;
            }
            let tag = match self.tags.get(c) {
                Some(t) => t.clone(),
                None => {
                    let t = sanitize::line(&cameo::tag(c));
                    self.tags.insert(c, t.clone());
                    t
                }
            };
            event.tags.push(tag);
        }
        let url = sanitize::line(row.get(layout.url));
        if !url.is_empty() {
            let web = (url.starts_with("http://") || url.starts_with("https://"))
                && !url.contains(char::is_whitespace);
            // When GDELT found the report: the day it was published, near enough.
            let added = row.get(layout.url - 1).trim();
            let year = added.get(..8).filter(|d| day(d).is_some()).map(|d| {
                let mut y = String::with_capacity(10);
                for part in [&d[..4], "-", &d[4..6], "-", &d[6..]] {
                    y.push_str(part);
                }
                y
            });
            let (title, url) = if web { (url.clone(), Some(url)) } else { (url, None) };
            event.sources.push(Source { title, url, year, ..Source::default() });
        }
        event.location = self.place(row, layout, id).map(Box::new);
        let mut attributes = Vec::with_capacity(2);
        for (name, field) in [("goldstein", GOLDSTEIN), ("mentions", MENTIONS)] {
            let value = row.get(field).trim();
            if !value.is_empty() {
                attributes.push((name.to_string(), sanitize::line(value)));
            }
        }
        event.attributes = Attributes::new(attributes);
        event.countries.shrink_to_fit();
        event.actors.shrink_to_fit();
        event.tags.shrink_to_fit();
        event.sources.shrink_to_fit();
        Some(EventDef {
            event,
            complete: true,
            mark: row.mark(ID),
            countries: country_marks,
            actors: actor_marks,
            related: Vec::new(),
            picture: None,
            at: 0,
        })
    }

    /// The action's place: its name, and its latitude and longitude when both are numbers.
    fn place(&mut self, row: &Row<'_, 'a>, layout: Layout, id: &str) -> Option<Location> {
        let name = row.get(layout.place).trim();
        let (lat, long) = (row.get(layout.lat).trim(), row.get(layout.long).trim());
        let mut coordinates = None;
        if !lat.is_empty() || !long.is_empty() {
            let degrees = |t: &str, limit: f64| {
                t.parse::<f64>().ok().filter(|x| x.is_finite() && x.abs() <= limit)
            };
            match (degrees(lat, 90.0), degrees(long, 180.0)) {
                (Some(lat), Some(lon)) => coordinates = Some((lat, lon)),
                _ => {
                    let file = self.file;
                    let shown = sanitize::visible(&format!("{lat}, {long}"));
                    self.tally.add("the action's place has no usable coordinates", || {
                        Diagnostic::warning(
                            file,
                            Some(row.mark(layout.lat)),
                            format!("the place of event {id} is at `{shown}`: expected a latitude from -90 to 90 and a longitude from -180 to 180 (ActionGeo_Lat, ActionGeo_Long); the place is kept without them"),
                        )
                    });
                }
            }
        }
        let name = match self.places.get(name) {
            Some(known) => known.clone(),
            None => {
                let clean = Some(sanitize::line(name)).filter(|n| !n.is_empty());
                self.places.insert(name, clean.clone());
                clean
            }
        };
        (name.is_some() || coordinates.is_some()).then_some(Location { name, coordinates })
    }

    fn unknown_country(&mut self, code: &str, mark: Mark) {
        match self.unknown_countries.iter_mut().find(|(c, ..)| c == code) {
            Some(known) => known.1 += 1,
            None => self.unknown_countries.push((code.to_string(), 1, mark)),
        }
    }

    fn finish(
        mut self,
        layout: Layout,
        filter: &ImportFilter,
        diags: &mut Vec<Diagnostic>,
    ) -> FileContent {
        let file = self.file;
        let mut whole = Checker::new(file);
        let lists = std::mem::take(&mut self.defs).into_nodes(Mark::START);
        whole.top(&Node::map_at(lists, Mark::START));
        let mut content = whole.finish(diags);
        content.events = std::mem::take(&mut self.events);
        for (code, n, mark) in self.unknown_countries {
            let shown = crate::text::sanitize::visible(&code);
            let what = match alpha3::CAMEO_REGIONS.iter().find(|(c, _)| *c == code) {
                Some((_, region)) => {
                    format!("is CAMEO's code for a region ({region}), not a country")
                }
                None => "is not a CAMEO country code".to_string(),
            };
            diags.push(Diagnostic::note(
                file,
                Some(mark),
                format!(
                    "`{shown}` {what}: left out of the countries of {} (the first here)",
                    crate::text::count(n, "event", "events")
                ),
            ));
        }
        self.tally.finish(file, diags);
        let by_filter = filter.describe();
        let complete = content.events.iter().filter(|e| e.complete).count();
        let not_read = self.rows - self.too_few - self.not_cameo - complete;
        let left_out = [
            (not_read, "not read (warnings say why)".to_string()),
            (self.too_few + self.not_cameo, format!("left out by {by_filter}")),
        ];
        let what = format!("a GDELT {} event export", layout.version);
        diags.push(summary(file, &what, ["row", "rows"], self.rows, complete, &left_out));
        if content.events.is_empty() && self.rows == 0 {
            diags.push(Diagnostic::warning(file, None, "this file is empty: it defines no events"));
        }
        content.events.shrink_to_fit();
        content
    }
}

/// One row's fields, each with its column.
struct Row<'r, 'a> {
    fields: &'r [&'a str],
    columns: &'r [usize],
    line: usize,
}

impl<'a> Row<'_, 'a> {
    fn get(&self, i: usize) -> &'a str {
        self.fields.get(i).copied().unwrap_or("")
    }

    fn mark(&self, i: usize) -> Mark {
        let column = self.columns.get(i).copied().unwrap_or(1);
        let width = self.fields.get(i).map_or(1, |f| f.chars().count().max(1));
        Mark { line: self.line, column, width }
    }
}
