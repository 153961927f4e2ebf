//! `export --format ics`: the events as an iCalendar file (RFC 5545),
//! written by the `icalendar` crate, which escapes text and folds long
//! lines as the standard asks. Every event is an all-day event: a day on
//! its day, a range over its days; a month or a year known only is its
//! first day, with the precision said in the description. iCalendar has no
//! years before 1 CE: such events are left out, and counted in a note.

use std::io::{self, Write};

use chrono::NaiveDate;
use icalendar::{Calendar, Component, EventLike};

use crate::model::{Event, PartialDate, Timeline};

/// The calendar, each event written as it is made; returns what was left
/// out, in words (for a note).
pub fn write(out: &mut dyn Write, tl: &Timeline, shown: &[usize]) -> io::Result<Vec<String>> {
    let mut calendar = Calendar::new();
    calendar.name(tl.title.as_deref().unwrap_or("steppe timeline"));
    // The calendar's own lines, then its events, then its end, as `Calendar` writes them.
    let whole = calendar.done().to_string();
    let head = whole.strip_suffix(END).unwrap_or(&whole);
    out.write_all(head.as_bytes())?;
    let mut before_ce = 0;
    for e in shown.iter().filter_map(|&i| tl.events.get(i)) {
        match event(tl, e) {
            Some(ev) => {
                let text = ev.try_into_string().map_err(io::Error::other)?;
                out.write_all(text.as_bytes())?;
            }
            None => before_ce += 1,
        }
    }
    out.write_all(END.as_bytes())?;
    let mut notes = Vec::new();
    if before_ce > 0 {
        notes.push(format!(
            "{} before 1 CE left out: iCalendar has no years before 1",
            crate::text::count(before_ce, "event", "events")
        ));
    }
    Ok(notes)
}

const END: &str = "END:VCALENDAR\r\n";

/// A TEXT value as RFC 5545 (3.3.11) writes it.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace(',', "\\,").replace(';', "\\;").replace('\n', "\\n")
}

/// A day as a calendar date; `None` before 1 CE or past 9999.
fn day((year, month, day): (i32, u8, u8)) -> Option<NaiveDate> {
    if !(1..=9999).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))
}

/// "known to the month (July 2024)", for a date that is not a day.
fn precision(d: &PartialDate) -> Option<String> {
    let about = if d.approximate { ", approximately" } else { "" };
    match (d.month, d.day) {
        (Some(_), Some(_)) if d.approximate => Some("the date is approximate".into()),
        (Some(_), Some(_)) => None,
        (Some(_), None) => Some(format!(
            "the date is known to the month ({}{about})",
            PartialDate { approximate: false, ..*d }
        )),
        _ => Some(format!(
            "the date is known to the year ({}{about})",
            d.normalized().trim_end_matches('~')
        )),
    }
}

fn event(tl: &Timeline, e: &Event) -> Option<icalendar::Event> {
    let start = day(e.date.earliest())?;
    // A range covers the days to its end's last; one date is its first day.
    let last = match &e.end {
        Some(end) => day(end.latest())?,
        None => start,
    };
    let after = last.succ_opt()?;
    let mut ev = icalendar::Event::new();
    ev.uid(&format!("{}@steppe", e.id)).summary(&e.title).starts(start).ends(after);
    let mut description: Vec<String> = Vec::new();
    if !e.summary.is_empty() {
        description.push(e.summary.clone());
    }
    let mut said: Vec<String> =
        [Some(&e.date), e.end.as_ref()].into_iter().flatten().filter_map(precision).collect();
    said.dedup();
    if !said.is_empty() {
        description.push(format!("Date: {} ({}).", e.date_label(), said.join("; ")));
    }
    let names: Vec<&str> = e.countries.iter().map(|c| tl.country_name(c)).collect();
    if !names.is_empty() {
        description.push(format!("Countries: {}", names.join(", ")));
    }
    let actors: Vec<String> = e.actors.iter().map(|p| tl.participant_label(p)).collect();
    if !actors.is_empty() {
        description.push(format!("Actors: {}", actors.join(", ")));
    }
    for s in &e.sources {
        let text = match (&s.url, s.titled()) {
            (Some(url), true) => format!("{} <{url}>", s.title),
            (Some(url), false) => url.clone(),
            (None, _) => s.title.clone(),
        };
        description.push(format!("Source: {text}"));
    }
    if !description.is_empty() {
        ev.description(&description.join("\n"));
    }
    if !e.tags.is_empty() {
        // A list of texts: each escaped, so a comma in a tag stays in it.
        let tags: Vec<String> = e.tags.iter().map(|t| escape(t)).collect();
        ev.add_property("CATEGORIES", tags.join(","));
    }
    if let Some(place) = e.location.as_deref() {
        let name = place.name.clone().unwrap_or_else(|| place.label());
        ev.location(&name);
        if let Some((lat, lon)) = place.coordinates {
            ev.add_property("GEO", format!("{lat};{lon}"));
        }
    }
    if let Some(url) = e.sources.iter().find_map(|s| s.url.as_deref()) {
        ev.url(url);
    }
    Some(ev.done())
}
