//! `list --format json`: an array of events with everything they have, in
//! the same fields as the CSV columns. Strings are escaped as
//! [`safe::write_json`] escapes them, so no control or bidi character
//! reaches a terminal.
//!
//! A million events are written field by field: a text with nothing to
//! escape (nearly every one) is copied as it is, and everything else goes
//! through [`safe::write_json_at`], so that the text is what serde_json
//! writes of the same fields (a test holds them equal).

use std::io::{self, Write};

use serde::Serialize;

use crate::export::Taken;
use crate::load::cache::Stream;
use crate::model::file::{LocationDoc, MediaDoc};
use crate::model::{Attributes, Event, PartialDate, Timeline};
use crate::query::Query;
use crate::text::safe;

/// An event's attributes as `name: value`, in their order, borrowed (as
/// [`crate::model::file::AttributesDoc`] writes them): GDELT and ACLED
/// events have several each.
struct Named<'a>(&'a Attributes);

impl Serialize for Named<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter())
    }
}

/// Pairs as a JSON object, in their order.
struct Pairs<'a>(&'a [(String, String)]);

impl Serialize for Pairs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// The events made into JSON `run` at a time (see [`crate::export::write_in_runs`]).
pub fn write(out: &mut dyn Write, query: &Query, shown: &[usize], run: usize) -> io::Result<()> {
    if shown.is_empty() {
        return out.write_all(b"[]\n");
    }
    let tl = query.timeline();
    crate::export::write_in_runs(out, shown, run, |start, run, text| {
        write_run(start, tl, run.iter().map(|&i| &tl.events[i]), text)
    })?;
    out.write_all(b"\n]\n")
}

/// The events `taken` of `stream`, of the timeline `tl`, as [`write`]
/// writes them.
pub fn write_stream(
    out: &mut dyn Write,
    tl: &Timeline,
    stream: &Stream,
    taken: Taken,
    run: usize,
) -> io::Result<()> {
    if stream.is_empty() || taken.count == 0 {
        return out.write_all(b"[]\n");
    }
    crate::export::write_streamed(out, stream, taken, run, |start, run, text| {
        write_run(start, tl, run.iter(), text)
    })?;
    out.write_all(b"\n]\n")
}

/// Adds the JSON of a run of events, which begins at `start` among those
/// written, to `text`, as the array of them all has them: the first event
/// opens the array, every other follows a comma. The array's end is not
/// written.
fn write_run<'a>(
    start: usize,
    tl: &Timeline,
    events: impl ExactSizeIterator<Item = &'a Event>,
    text: &mut Vec<u8>,
) -> io::Result<()> {
    text.reserve(events.len() * 1024);
    let mut w = Writer { text };
    for (k, e) in events.enumerate() {
        w.raw(if start + k == 0 { b"[" } else { b"," });
        w.raw(safe::json_indent(true, 1));
        w.event(tl, e)?;
    }
    Ok(())
}

/// JSON written piece by piece into a run's text, laid out as
/// [`safe::write_json`] lays it out. A `level` is the depth of a key.
struct Writer<'t> {
    text: &'t mut Vec<u8>,
}

/// The depth of an event's keys: in the array, in the event.
const EVENT: usize = 2;

impl Writer<'_> {
    fn raw(&mut self, bytes: &[u8]) {
        self.text.extend_from_slice(bytes);
    }

    /// `"name": ` on a line of its own at `level`, after a comma unless `first`.
    fn key(&mut self, first: bool, level: usize, name: &str) {
        self.raw(safe::json_indent(first, level));
        self.raw(b"\"");
        self.raw(name.as_bytes());
        self.raw(b"\": ");
    }

    fn text(&mut self, s: &str) -> io::Result<()> {
        if safe::json_plain(s) {
            self.raw(b"\"");
            self.raw(s.as_bytes());
            self.raw(b"\"");
            Ok(())
        } else {
            safe::write_json_to(self.text, &s)
        }
    }

    fn maybe(&mut self, s: Option<&str>) -> io::Result<()> {
        match s {
            Some(s) => self.text(s),
            None => {
                self.raw(b"null");
                Ok(())
            }
        }
    }

    /// A date's canonical text: digits, `-` and `~`, nothing to escape.
    fn date(&mut self, d: Option<PartialDate>) -> io::Result<()> {
        match d {
            Some(d) => write!(self.text, "\"{}\"", d.canonical()),
            None => {
                self.raw(b"null");
                Ok(())
            }
        }
    }

    /// A value of a key at `level`, as serde_json writes it.
    fn value(&mut self, level: usize, value: &impl Serialize) -> io::Result<()> {
        safe::write_json_at(self.text, level, value)
    }

    /// A list of a key at `level`, its items written by `item`.
    fn list<T>(
        &mut self,
        level: usize,
        items: impl IntoIterator<Item = T>,
        mut item: impl FnMut(&mut Self, T) -> io::Result<()>,
    ) -> io::Result<()> {
        self.raw(b"[");
        let mut first = true;
        for i in items {
            self.raw(safe::json_indent(first, level + 1));
            item(self, i)?;
            first = false;
        }
        if !first {
            self.raw(safe::json_indent(true, level));
        }
        self.raw(b"]");
        Ok(())
    }

    fn texts<'s>(&mut self, items: impl IntoIterator<Item = Option<&'s str>>) -> io::Result<()> {
        self.list(EVENT, items, |w, s| w.maybe(s))
    }

    /// An event, its keys at [`EVENT`]: the fields of the CSV columns.
    fn event(&mut self, tl: &Timeline, e: &Event) -> io::Result<()> {
        const L: usize = EVENT;
        self.raw(b"{");
        self.key(true, L, "id");
        self.text(&e.id)?;
        self.key(false, L, "date");
        self.date(Some(e.date))?;
        self.key(false, L, "end");
        self.date(e.end)?;
        self.key(false, L, "title");
        self.text(&e.title)?;
        self.key(false, L, "summary");
        self.text(&e.summary)?;
        self.key(false, L, "era");
        self.maybe(tl.era_of(e).map(|era| era.title.as_str()))?;
        self.key(false, L, "countries");
        self.texts(e.countries.iter().map(|c| Some(c.as_str())))?;
        self.key(false, L, "country_names");
        self.texts(e.countries.iter().map(|c| Some(tl.country_name(c))))?;
        self.key(false, L, "actors");
        self.texts(e.actors.iter().map(|p| Some(p.id.as_str())))?;
        self.key(false, L, "actor_names");
        self.texts(
            e.actors.iter().map(|p| Some(tl.actor(&p.id).map_or(p.id.as_str(), |a| &a.name))),
        )?;
        self.key(false, L, "actor_roles");
        self.texts(e.actors.iter().map(|p| p.role.as_deref()))?;
        self.key(false, L, "tags");
        self.texts(e.tags.iter().map(|t| Some(t.as_str())))?;
        self.key(false, L, "sources");
        self.list(L, &e.sources, |w, s| {
            // An object at L + 1, its keys at L + 2; title and url always.
            w.raw(b"{");
            w.key(true, L + 2, "title");
            w.text(&s.title)?;
            w.key(false, L + 2, "url");
            w.maybe(s.url.as_deref())?;
            let optional = [
                ("author", &s.author),
                ("publisher", &s.publisher),
                ("year", &s.year),
                ("page", &s.page),
            ];
            for (name, value) in optional {
                if let Some(value) = value {
                    w.key(false, L + 2, name);
                    w.text(value)?;
                }
            }
            w.raw(safe::json_indent(true, L + 1));
            w.raw(b"}");
            Ok(())
        })?;
        self.key(false, L, "related");
        self.texts(e.related.iter().map(|r| Some(r.as_str())))?;
        self.key(false, L, "media");
        match e.media.as_deref() {
            Some(m) => self.value(L, &MediaDoc::from(m))?,
            None => self.raw(b"null"),
        }
        self.key(false, L, "location");
        match e.location.as_deref() {
            Some(l) => self.value(L, &LocationDoc::from(l))?,
            None => self.raw(b"null"),
        }
        self.key(false, L, "external_ids");
        self.value(L, &Pairs(&e.external_ids))?;
        if !e.attributes.is_empty() {
            self.key(false, L, "attributes");
            self.value(L, &Named(&e.attributes))?;
        }
        self.key(false, L, "file");
        self.text(tl.files.get(e.origin.file).map_or("", String::as_str))?;
        self.key(false, L, "line");
        write!(self.text, "{}", e.origin.line)?;
        self.raw(safe::json_indent(true, L - 1));
        self.raw(b"}");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{copies_of_bundled, shown};

    /// What serde_json writes of the same fields, as these serde definitions
    /// lay them out: the writer must write it byte for byte.
    mod oracle {
        use serde::Serialize;

        use super::super::Named;
        use crate::model::file::{ExternalIds, LocationDoc, MediaDoc};
        use crate::model::{Canonical, Event, Participant, Source, Timeline};

        fn no_attributes(a: &Named) -> bool {
            a.0.is_empty()
        }

        #[derive(Serialize)]
        struct JsonSource<'a> {
            title: &'a str,
            url: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            author: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            publisher: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            year: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            page: Option<&'a str>,
        }

        /// A list written item by item as it is serialized: an event's names,
        /// roles and sources are never gathered in a list of their own.
        struct Each<'f, 'a, T, U> {
            items: &'a [T],
            each: &'f (dyn Fn(&'a T) -> U + Sync),
        }

        impl<T, U: Serialize> Serialize for Each<'_, '_, T, U> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.items.iter().map(self.each))
            }
        }

        #[derive(Serialize)]
        struct JsonEvent<'f, 'a> {
            id: &'a str,
            date: Canonical,
            end: Option<Canonical>,
            title: &'a str,
            summary: &'a str,
            era: Option<&'a str>,
            countries: &'a [String],
            country_names: Each<'f, 'a, String, &'a str>,
            actors: Each<'f, 'a, Participant, &'a str>,
            actor_names: Each<'f, 'a, Participant, &'a str>,
            actor_roles: Each<'f, 'a, Participant, Option<&'a str>>,
            tags: &'a [String],
            sources: Each<'f, 'a, Source, JsonSource<'a>>,
            related: &'a [String],
            media: Option<MediaDoc>,
            location: Option<LocationDoc>,
            external_ids: ExternalIds,
            #[serde(skip_serializing_if = "no_attributes")]
            attributes: Named<'a>,
            file: &'a str,
            line: usize,
        }

        /// The events of a run, each made into its JSON as it is written: a
        /// million events are never held twice.
        pub struct Events<'a, I> {
            pub tl: &'a Timeline,
            pub events: I,
        }

        impl<'a, I: Iterator<Item = &'a Event> + Clone> Serialize for Events<'a, I> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let tl = self.tl;
                let country_name = |c: &'a String| tl.country_name(c);
                let actor_id = |p: &'a Participant| p.id.as_str();
                let actor_name =
                    |p: &'a Participant| tl.actor(&p.id).map_or(p.id.as_str(), |a| a.name.as_str());
                let actor_role = |p: &'a Participant| p.role.as_deref();
                let source = |s: &'a Source| JsonSource {
                    title: &s.title,
                    url: s.url.as_deref(),
                    author: s.author.as_deref(),
                    publisher: s.publisher.as_deref(),
                    year: s.year.as_deref(),
                    page: s.page.as_deref(),
                };
                s.collect_seq(self.events.clone().map(|e| JsonEvent {
                    id: &e.id,
                    date: e.date.canonical(),
                    end: e.end.map(|d| d.canonical()),
                    title: &e.title,
                    summary: &e.summary,
                    era: tl.era_of(e).map(|era| era.title.as_str()),
                    countries: &e.countries,
                    country_names: Each { items: &e.countries, each: &country_name },
                    actors: Each { items: &e.actors, each: &actor_id },
                    actor_names: Each { items: &e.actors, each: &actor_name },
                    actor_roles: Each { items: &e.actors, each: &actor_role },
                    tags: &e.tags,
                    sources: Each { items: &e.sources, each: &source },
                    related: &e.related,
                    media: e.media.as_deref().map(MediaDoc::from),
                    location: e.location.as_deref().map(LocationDoc::from),
                    external_ids: ExternalIds(e.external_ids.clone()),
                    attributes: Named(&e.attributes),
                    file: tl.files.get(e.origin.file).map_or("", String::as_str),
                    line: e.origin.line,
                }))
            }
        }
    }

    /// The writer's text and serde_json's for the events at `shown`.
    fn both(query: &Query, shown: &[usize]) -> (Vec<u8>, Vec<u8>) {
        let tl = query.timeline();
        let mut want = Vec::new();
        let events = oracle::Events { tl, events: shown.iter().map(|&i| &tl.events[i]) };
        safe::write_json(&mut want, &events).expect("written");
        want.push(b'\n');
        let mut got = Vec::new();
        write(&mut got, query, shown, crate::export::RUN).expect("written");
        (got, want)
    }

    #[test]
    fn events_made_in_runs_are_one_array_as_serde_json_writes_it() {
        let query = copies_of_bundled(250);
        let shown = shown(&query);
        let (got, whole) = both(&query, &shown);
        assert!(got == whole, "the writer differs from serde_json");
        for run in [1, 7, usize::MAX] {
            let mut out = Vec::new();
            write(&mut out, &query, &shown, run).expect("written");
            assert!(out == whole, "runs of {run} differ from the array made whole");
        }
        let back: Vec<serde_json::Value> = serde_json::from_slice(&whole).expect("JSON");
        assert_eq!(back.len(), shown.len());
        assert_eq!(back[1]["id"], query.timeline().events[shown[1]].id.as_str());
    }

    #[test]
    fn every_field_and_every_escape_is_written_as_serde_json_writes_it() {
        use crate::model::{Location, Media, Participant, Source};
        let mut tl = crate::load::load_bundled().timeline;
        let odd = "a \"quote\", a \\ back\\slash, a\nline\tand tab, \u{1b}[31m, \u{202e}bidi, \u{85}, é, 中, \u{1f600}, \u{7f}";
        let e = &mut tl.events[0];
        e.title = odd.into();
        e.summary = String::new();
        e.end = Some(crate::model::PartialDate::year(-44));
        e.tags = vec![odd.into(), "plain".into()];
        e.actors = vec![
            Participant { id: "putin".into(), role: Some(odd.into()) },
            Participant { id: "nobody-known".into(), role: None },
        ];
        let source = |title: &str, url: Option<&str>, author: Option<&str>| Source {
            title: title.into(),
            url: url.map(Into::into),
            author: author.map(Into::into),
            publisher: None,
            year: Some("2024".into()),
            page: None,
        };
        e.sources =
            vec![source(odd, None, Some(odd)), source("T", Some("https://x.org/a?b=\"c\""), None)];
        e.related = vec!["x\\y".into()];
        let media = Media {
            url: "https://example.org/p.png".into(),
            caption: Some(odd.into()),
            alt: Some("alt".into()),
            ..Media::default()
        };
        e.media = Some(Box::new(media));
        e.location =
            Some(Box::new(Location { name: Some(odd.into()), coordinates: Some((43.25, -76.9)) }));
        e.external_ids = vec![("wikidata".into(), "Q1".into()), (odd.into(), odd.into())];
        e.attributes = Attributes::new([("a\"b".to_string(), odd.to_string())]);
        tl.events[1].sources.clear();
        tl.events[1].actors.clear();
        let query = Query::new(tl);
        let (got, want) = both(&query, &[0, 1, 2]);
        assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want));
        let text = String::from_utf8(got).expect("UTF-8");
        assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'), "hazards are escaped");
        let back: Vec<serde_json::Value> = serde_json::from_str(&text).expect("JSON");
        assert_eq!(back[0]["title"], odd);
        assert_eq!(back[0]["actor_roles"][1], serde_json::Value::Null);
    }

    #[test]
    fn attributes_are_written_in_their_order_and_none_is_no_field() {
        let mut tl = crate::load::load_bundled().timeline;
        let pairs = [("mentions", "40"), ("goldstein", "-5.0")];
        tl.events[1].attributes =
            crate::model::Attributes::new(pairs.map(|(k, v)| (k.to_string(), v.to_string())));
        let query = Query::new(tl);
        let mut out = Vec::new();
        write(&mut out, &query, &[0, 1], crate::export::RUN).expect("written");
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(text.contains("\"attributes\": {\n      \"mentions\": \"40\",\n      \"goldstein\": \"-5.0\"\n    }"), "{text}");
        let back: Vec<serde_json::Value> = serde_json::from_str(&text).expect("JSON");
        assert!(back[0].get("attributes").is_none(), "no attributes, no field");
    }

    #[test]
    fn no_events_are_an_empty_array() {
        let query = copies_of_bundled(1);
        let mut out = Vec::new();
        write(&mut out, &query, &[], crate::export::RUN).expect("written");
        assert_eq!(out, b"[]\n");
        let mut one = Vec::new();
        write(&mut one, &query, &[3], crate::export::RUN).expect("written");
        let back: Vec<serde_json::Value> = serde_json::from_slice(&one).expect("JSON");
        assert_eq!(back[0]["id"], query.timeline().events[3].id.as_str());
    }
}
