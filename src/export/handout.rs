//! A printable Markdown handout: the timeline's events in order, or a tour's
//! steps with the teacher's notes and the questions for the class.

use std::fmt::Write as _;

use super::markdown::{link, text};
use crate::model::{Event, Timeline, Tour};
use crate::query::Query;

fn paragraphs(out: &mut String, s: &str) {
    for p in s.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let _ = writeln!(out, "{}\n", text(&p.replace('\n', " ")));
    }
}

fn event_body(out: &mut String, tl: &Timeline, e: &Event) {
    let mut facts = Vec::new();
    if let Some(era) = tl.era_of(e) {
        facts.push(format!("*Era:* {}", text(&era.title)));
    }
    if !e.countries.is_empty() {
        let names: Vec<String> = e.countries.iter().map(|c| text(tl.country_name(c))).collect();
        facts.push(format!("*Countries:* {}", names.join(", ")));
    }
    if !e.actors.is_empty() {
        let names: Vec<String> = e.actors.iter().map(|p| text(&tl.participant_label(p))).collect();
        facts.push(format!("*People and organisations:* {}", names.join(", ")));
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "{}\n", facts.join("\\\n"));
    }
    paragraphs(out, &e.summary);
    if !e.sources.is_empty() {
        let list: Vec<String> =
            e.sources.iter().map(|s| format!("{} {}", text(&s.title), link(&s.url))).collect();
        let _ = writeln!(out, "*Sources:* {}\n", list.join("; "));
    }
}

fn header(out: &mut String, tl: &Timeline) {
    let title = tl.title.as_deref().unwrap_or("Timeline");
    let _ = writeln!(out, "# {}\n", text(title));
    if let Some(d) = &tl.description {
        paragraphs(out, d);
    }
}

/// The events at `shown`, in order, each with its date, summary and sources.
pub fn events(query: &Query, shown: &[usize], filters: &[String]) -> String {
    let tl = query.timeline();
    let mut out = String::new();
    header(&mut out, tl);
    let what = if filters.is_empty() {
        format!("{} events", shown.len())
    } else {
        format!("{} events · {}", shown.len(), text(&filters.join(" · ")))
    };
    let _ = writeln!(out, "*{what}*\n");
    for &i in shown {
        let e = &tl.events[i];
        let _ = writeln!(out, "## {} — {}\n", e.date_label(), text(&e.title));
        event_body(&mut out, tl, e);
    }
    out
}

/// A tour as a lesson plan: each step with the event, the note (unless
/// `notes` is false: the students' copy) and the question.
pub fn tour(query: &Query, tour: &Tour, notes: bool) -> String {
    let tl = query.timeline();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", text(&tour.title));
    if let Some(title) = &tl.title {
        let _ = writeln!(out, "*A lesson from \"{}\", {} steps*\n", text(title), tour.steps.len());
    }
    if let Some(d) = &tour.description {
        paragraphs(&mut out, d);
    }
    for (n, step) in tour.steps.iter().enumerate() {
        let Some(e) = tl.event_index(&step.event).map(|i| &tl.events[i]) else { continue };
        let _ = writeln!(
            out,
            "## Step {} of {} — {}: {}\n",
            n + 1,
            tour.steps.len(),
            e.date_label(),
            text(&e.title)
        );
        event_body(&mut out, tl, e);
        if let Some(note) = step.note.as_deref().filter(|_| notes) {
            let mut quoted = String::new();
            paragraphs(&mut quoted, note);
            let quoted = quoted.trim_end().replace('\n', "\n> ");
            let _ = writeln!(out, "> **Note for the teacher:** {quoted}\n");
        }
        if let Some(q) = &step.question {
            let _ = writeln!(
                out,
                "**Question for the class:** {}\n",
                text(&q.replace('\n', " ")).trim()
            );
        }
    }
    let questions: Vec<&str> = tour.steps.iter().filter_map(|s| s.question.as_deref()).collect();
    if !questions.is_empty() {
        let _ = writeln!(out, "## All questions\n");
        for (n, q) in questions.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", n + 1, text(&q.replace('\n', " ")).trim());
        }
    }
    out
}
