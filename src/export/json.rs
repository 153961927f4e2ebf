//! `list --format json`: an array of events with everything they have, in
//! the same fields as the CSV columns. Strings are escaped by
//! [`safe::write_json`], so no control or bidi character reaches a terminal.

use std::io::{self, Write};

use serde::Serialize;

use crate::model::file::{ExternalIds, LocationDoc, MediaDoc};
use crate::model::{Attributes, Canonical, Participant, Source};
use crate::query::Query;
use crate::text::safe;

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

/// An event's attributes as `name: value`, in their order, borrowed (as
/// [`crate::model::file::AttributesDoc`] writes them): GDELT and ACLED
/// events have several each.
struct Named<'a>(&'a Attributes);

impl Named<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Named<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter())
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
    #[serde(skip_serializing_if = "Named::is_empty")]
    attributes: Named<'a>,
    file: &'a str,
    line: usize,
}

/// The events made into JSON `run` at a time (see [`crate::export::write_in_runs`]).
pub fn write(out: &mut dyn Write, query: &Query, shown: &[usize], run: usize) -> io::Result<()> {
    if shown.is_empty() {
        return out.write_all(b"[]\n");
    }
    crate::export::write_in_runs(out, shown, run, |start, run, text| {
        text.reserve(run.len() * 1024);
        let at = text.len();
        safe::write_json_to(text, &Events { query, shown: run })?;
        // Each run is made as an array of its own, `[\n  {…},\n  {…}\n]`,
        // indented as in the whole array. Its `[` opens the whole array or,
        // after the first run, is the comma that joins it to the one before;
        // its `\n]` goes.
        if start > 0
            && let Some(open) = text.get_mut(at)
        {
            *open = b',';
        }
        text.truncate(text.len().saturating_sub(b"\n]".len()));
        Ok(())
    })?;
    out.write_all(b"\n]\n")
}

/// The events shown, each made into its JSON as it is written: a million
/// events are never held twice.
struct Events<'a> {
    query: &'a Query,
    shown: &'a [usize],
}

impl<'a> Serialize for Events<'a> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let tl = self.query.timeline();
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
        s.collect_seq(self.shown.iter().map(|&i| {
            let e = &tl.events[i];
            JsonEvent {
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
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{copies_of_bundled, shown};

    #[test]
    fn events_made_in_runs_are_one_array_as_if_made_whole() {
        let query = copies_of_bundled(250);
        let shown = shown(&query);
        let mut whole = Vec::new();
        safe::write_json(&mut whole, &Events { query: &query, shown: &shown }).expect("written");
        whole.push(b'\n');
        for run in [1, 7, crate::export::RUN, usize::MAX] {
            let mut out = Vec::new();
            write(&mut out, &query, &shown, run).expect("written");
            assert!(out == whole, "runs of {run} differ from the array made whole");
        }
        let back: Vec<serde_json::Value> = serde_json::from_slice(&whole).expect("JSON");
        assert_eq!(back.len(), shown.len());
        assert_eq!(back[1]["id"], query.timeline().events[shown[1]].id.as_str());
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
