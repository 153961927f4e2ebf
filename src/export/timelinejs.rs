//! `export --format timelinejs`: TimelineJS3 JSON that TimelineJS shows as
//! it is: dates (years before the common era counted as TimelineJS counts
//! them), eras, the headline and a text of the summary, actors and sources
//! as links, the media, the first tag as `group`. TimelineJS ignores keys it
//! does not know, so each event and era carries steppe's own fields under
//! `steppe`, and the timeline its countries, actors and tours: steppe reads
//! them back without loss.

use std::io::{self, Write};

use maud::html;
use serde::Serialize;

use crate::model::file::STEPPE_KEY;
use crate::model::file::{EraDoc, EventDoc, EventDocs, FileDoc, MediaDoc};
use crate::model::{Event, PartialDate, Timeline};
use crate::text::safe;

#[derive(Serialize)]
struct Date {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
}

impl From<&PartialDate> for Date {
    fn from(d: &PartialDate) -> Self {
        // Astronomical → historical: steppe's -0499 is TimelineJS's -500.
        let year = if d.year <= 0 { d.year - 1 } else { d.year };
        Date { year, month: d.month, day: d.day }
    }
}

#[derive(Serialize)]
struct Text {
    headline: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    text: String,
}

#[derive(Serialize)]
struct Slide<'a> {
    start_date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Date>,
    /// Only where TimelineJS could not say it: "c. 1865".
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<MediaDoc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    unique_id: &'a str,
    steppe: EventDoc,
}

#[derive(Serialize)]
struct EraSlide {
    start_date: Date,
    end_date: Date,
    text: Text,
    steppe: EraDoc,
}

#[derive(Serialize)]
struct TitleSlide {
    text: Text,
}

#[derive(Serialize)]
struct Document<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<TitleSlide>,
    events: Slides<'a>,
    eras: Vec<EraSlide>,
    steppe: FileDoc,
}

/// The events, each made into its slide as it is written: a million events
/// are never held twice.
struct Slides<'a> {
    tl: &'a Timeline,
    events: EventDocs<'a>,
}

impl Serialize for Slides<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.events.iter().map(|(e, doc)| slide(self.tl, e, doc)))
    }
}

fn slide<'a>(tl: &Timeline, e: &'a Event, doc: EventDoc) -> Slide<'a> {
    Slide {
        start_date: Date::from(&e.date),
        end_date: e.end.as_ref().map(Date::from),
        display_date: (e.date.approximate || e.end.is_some_and(|d| d.approximate))
            .then(|| safe::html(&e.date_label())),
        text: Text { headline: safe::html(&e.title), text: text(tl, e) },
        media: media(e),
        group: e.tags.first().map(|t| safe::html(t)),
        unique_id: &e.id,
        steppe: doc,
    }
}

/// The media as TimelineJS gets it: captions escaped, and only an address
/// that is a plain web link (TimelineJS embeds a `url` holding `iframe` or
/// `blockquote` as HTML).
fn media(e: &Event) -> Option<MediaDoc> {
    let m = EventDoc::from(e).media?;
    // A picture of one's own keeps its path, beside the file as in steppe's.
    if safe::web_link(&m.url).is_none() && !crate::model::is_picture_path(&m.url) {
        return None;
    }
    Some(MediaDoc {
        caption: m.caption.as_deref().map(safe::html),
        credit: m.credit.as_deref().map(safe::html),
        thumbnail: m.thumbnail.filter(|t| safe::web_link(t).is_some()),
        link: m.link.filter(|l| safe::web_link(l).is_some()),
        alt: m.alt,
        url: m.url,
    })
}

/// Paragraphs with their line breaks, as HTML.
fn paragraphs(text: &str) -> String {
    let paragraphs = crate::document::paragraphs(text);
    html! {
        @for p in &paragraphs {
            p { @for (n, line) in p.iter().enumerate() { @if n > 0 { br; } (line) } }
        }
    }
    .into_string()
}

/// The summary, then the people and the sources, as TimelineJS shows text.
fn text(tl: &Timeline, e: &Event) -> String {
    let actors: Vec<String> = e.actors.iter().map(|p| tl.participant_label(p)).collect();
    let countries: Vec<&str> = e.countries.iter().map(|c| tl.country_name(c)).collect();
    let extra = html! {
        @if !countries.is_empty() { p { "Countries: " (countries.join(", ")) } }
        @if !actors.is_empty() { p { "People and organisations: " (actors.join(", ")) } }
        @if !e.sources.is_empty() {
            p {
                "Sources: "
                @for (n, s) in e.sources.iter().enumerate() {
                    @if n > 0 { "; " }
                    @match s.url.as_deref().and_then(safe::web_link) {
                        Some(url) => a href=(url) { (s.title) },
                        None => i { (s.title) },
                    }
                    @if let Some(details) = s.details() { ", " (details) }
                }
            }
        }
    };
    format!("{}{}", paragraphs(&e.summary), extra.into_string())
}

pub fn write(out: &mut dyn Write, tl: &Timeline, shown: &[usize]) -> io::Result<()> {
    let mut shown = shown.to_vec();
    shown.sort_unstable();
    let (mut own, events) = FileDoc::around(tl, &shown);
    // TimelineJS needs an end for every era: an open one ends with the last event.
    let last = tl.events.iter().map(|e| e.end.unwrap_or(e.date)).max();
    let eras = std::mem::take(&mut own.eras)
        .into_iter()
        .filter_map(|doc| {
            let era = tl.eras.iter().find(|e| e.id == doc.id)?;
            let end = era.end.or(last.filter(|l| *l >= era.start)).unwrap_or(era.start);
            Some(EraSlide {
                start_date: Date::from(&era.start),
                end_date: Date::from(&end),
                text: Text { headline: safe::html(&era.title), text: String::new() },
                steppe: doc,
            })
        })
        .collect();
    let title = tl.title.as_ref().map(|t| TitleSlide {
        text: Text {
            headline: safe::html(t),
            text: tl.description.as_deref().map(paragraphs).unwrap_or_default(),
        },
    });
    debug_assert_eq!(STEPPE_KEY, "steppe");
    let events = Slides { tl, events };
    safe::write_json(out, &Document { title, events, eras, steppe: own })?;
    writeln!(out)
}
