//! `list --format json`: an array of events with everything they have, in
//! the same fields as the CSV columns. Strings are escaped by
//! [`safe::write_json`], so no control or bidi character reaches a terminal.

use std::io::{self, Write};

use serde::Serialize;

use crate::model::file::{AttributesDoc, ExternalIds, LocationDoc, MediaDoc};
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

#[derive(Serialize)]
struct JsonEvent<'a> {
    id: &'a str,
    date: String,
    end: Option<String>,
    title: &'a str,
    summary: &'a str,
    era: Option<&'a str>,
    countries: &'a [String],
    country_names: Vec<&'a str>,
    actors: Vec<&'a str>,
    actor_names: Vec<&'a str>,
    actor_roles: Vec<Option<&'a str>>,
    tags: &'a [String],
    sources: Vec<JsonSource<'a>>,
    related: &'a [String],
    media: Option<MediaDoc>,
    location: Option<LocationDoc>,
    external_ids: ExternalIds,
    #[serde(skip_serializing_if = "AttributesDoc::is_empty")]
    attributes: AttributesDoc,
    file: &'a str,
    line: usize,
}

pub fn write(out: &mut dyn Write, query: &Query, shown: &[usize]) -> io::Result<()> {
    safe::write_json(out, &Events { query, shown })?;
    writeln!(out)
}

/// The events shown, each made into its JSON as it is written: a million
/// events are never held twice.
struct Events<'a> {
    query: &'a Query,
    shown: &'a [usize],
}

impl Serialize for Events<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let tl = self.query.timeline();
        s.collect_seq(self.shown.iter().map(|&i| {
            let e = &tl.events[i];
            let doc = crate::model::file::EventDoc::from(e);
            JsonEvent {
                id: &e.id,
                date: e.date.normalized(),
                end: e.end.map(|d| d.normalized()),
                title: &e.title,
                summary: &e.summary,
                era: tl.era_of(e).map(|era| era.title.as_str()),
                countries: &e.countries,
                country_names: e.countries.iter().map(|c| tl.country_name(c)).collect(),
                actors: e.actors.iter().map(|a| a.id.as_str()).collect(),
                actor_names: e
                    .actors
                    .iter()
                    .map(|p| tl.actor(&p.id).map_or(p.id.as_str(), |a| a.name.as_str()))
                    .collect(),
                actor_roles: e.actors.iter().map(|p| p.role.as_deref()).collect(),
                tags: &e.tags,
                sources: e
                    .sources
                    .iter()
                    .map(|s| JsonSource {
                        title: &s.title,
                        url: s.url.as_deref(),
                        author: s.author.as_deref(),
                        publisher: s.publisher.as_deref(),
                        year: s.year.as_deref(),
                        page: s.page.as_deref(),
                    })
                    .collect(),
                related: &e.related,
                media: doc.media,
                location: doc.location,
                external_ids: doc.external_ids,
                attributes: doc.attributes,
                file: tl.files.get(e.origin.file).map_or("", String::as_str),
                line: e.origin.line,
            }
        }))
    }
}
