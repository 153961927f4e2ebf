//! `list --format json`: an array of events. Strings are escaped by
//! [`safe::write_json`], so no control or bidi character reaches a terminal.

use std::io::{self, Write};

use serde::Serialize;

use super::safe;
use crate::query::Query;

#[derive(Serialize)]
struct JsonSource<'a> {
    title: &'a str,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonEvent<'a> {
    id: &'a str,
    date: String,
    end: Option<String>,
    title: &'a str,
    summary: &'a str,
    countries: &'a [String],
    actors: Vec<&'a str>,
    tags: &'a [String],
    sources: Vec<JsonSource<'a>>,
    related: &'a [String],
    file: &'a str,
    line: usize,
}

pub fn write(out: &mut dyn Write, query: &Query, shown: &[usize]) -> io::Result<()> {
    let tl = query.timeline();
    let events: Vec<JsonEvent> = shown
        .iter()
        .map(|&i| {
            let e = &tl.events[i];
            JsonEvent {
                id: &e.id,
                date: e.date.normalized(),
                end: e.end.map(|d| d.normalized()),
                title: &e.title,
                summary: &e.summary,
                countries: &e.countries,
                actors: e.actors.iter().map(|a| a.id.as_str()).collect(),
                tags: &e.tags,
                sources: e
                    .sources
                    .iter()
                    .map(|s| JsonSource { title: &s.title, url: s.url.as_deref() })
                    .collect(),
                related: &e.related,
                file: tl.files.get(e.origin.file).map_or("", String::as_str),
                line: e.origin.line,
            }
        })
        .collect();
    safe::write_json(out, &events)?;
    writeln!(out)
}
