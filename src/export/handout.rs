//! A printable Markdown handout, rendered from the document model: the page
//! of events, or a lesson with the teacher's notes and the class questions.

use std::fmt::Write as _;

use super::markdown::{link, text};
use crate::document::{Card, Lesson, Page, Paragraphs, QuoteRef, SourceRef};

/// Paragraphs, a blank line between them; a line break inside one is kept.
fn paragraphs(out: &mut String, ps: &Paragraphs) {
    for p in ps {
        let lines: Vec<String> = p.iter().map(|l| text(l)).collect();
        let _ = writeln!(out, "{}\n", lines.join("\\\n"));
    }
}

/// Text as a Markdown block quote, paragraphs kept.
fn quoted(ps: &Paragraphs) -> String {
    let mut text = String::new();
    paragraphs(&mut text, ps);
    format!("> {}", text.trim_end().replace('\n', "\n> "))
}

/// A source as a line: its title and its address (the address once when it
/// is the title), a book's title in italics, then its details.
fn source(s: &SourceRef) -> String {
    let cited = match s.url {
        Some(url) if !s.titled() => link(url),
        Some(url) => format!("{} {}", text(s.title), link(url)),
        None => format!("*{}*", text(s.title)),
    };
    match &s.details {
        Some(details) => format!("{cited}, {}", text(details)),
        None => cited,
    }
}

/// A quote: the words, then who said them, when, whether they are a
/// translation, and where it is printed; then the other version of the
/// words (the original under a translation), with its own source.
fn quote(out: &mut String, q: &QuoteRef) {
    let note = q.translation_note().map(|n| format!(" · {}", text(&n))).unwrap_or_default();
    let _ = write!(
        out,
        "{}\\\n> — {}{note} · {}",
        quoted(&q.text),
        text(&q.attribution()),
        source(&q.source)
    );
    if let Some(o) = &q.other {
        let _ = write!(
            out,
            "\n>\n> *{}:*\\\n{}\\\n> — {}",
            text(&o.label()),
            quoted(&o.text),
            source(&o.source)
        );
    }
    let _ = writeln!(out, "\n");
}

fn card_body(out: &mut String, card: &Card) {
    let mut facts = Vec::new();
    if let Some(era) = card.era {
        facts.push(format!("*Era:* {}", text(era)));
    }
    if !card.countries.is_empty() {
        let names: Vec<String> = card.countries.iter().map(|c| text(c.name)).collect();
        facts.push(format!("*Countries:* {}", names.join(", ")));
    }
    if !card.actors.is_empty() {
        let names: Vec<String> = card.actors.iter().map(|a| text(&a.label())).collect();
        facts.push(format!("*People and organisations:* {}", names.join(", ")));
    }
    if !card.tags.is_empty() {
        let tags: Vec<String> = card.tags.iter().map(|t| text(t)).collect();
        facts.push(format!("*Tags:* {}", tags.join(", ")));
    }
    if let Some(place) = &card.location {
        facts.push(format!("*Place:* {}", text(place)));
    }
    for (name, value) in &card.attributes {
        facts.push(format!("*{}:* {}", text(name), text(&value.replace('\n', " "))));
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "{}\n", facts.join("\\\n"));
    }
    paragraphs(out, &card.summary);
    for q in &card.quotes {
        quote(out, q);
    }
    if !card.sources.is_empty() {
        let list: Vec<String> = card.sources.iter().map(source).collect();
        let _ = writeln!(out, "*Sources:* {}\n", list.join("; "));
    }
    if let Some(media) = &card.media {
        let what: Vec<String> =
            [media.caption, media.credit].into_iter().flatten().map(text).collect();
        let shown =
            if what.is_empty() { String::new() } else { format!("{} ", what.join(" — ")) };
        let _ = writeln!(out, "*Media:* {shown}{}\n", link(media.url));
    }
    if !card.related.is_empty() {
        let list: Vec<String> =
            card.related.iter().map(|r| format!("{} — {}", r.date, text(r.title))).collect();
        let _ = writeln!(out, "*Related:* {}\n", list.join("; "));
    }
}

/// The page's events in order, each with its date, summary and sources.
pub fn events(page: &Page) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", text(page.title));
    paragraphs(&mut out, &page.description);
    let events = crate::text::count(page.len(), "event", "events");
    let what = if page.filters.is_empty() {
        events
    } else {
        format!("{events} · {}", text(&page.filters.join(" · ")))
    };
    let _ = writeln!(out, "*{what}*\n");
    for card in page.cards() {
        let _ = writeln!(out, "## {} — {}\n", card.date, text(card.title));
        card_body(&mut out, card);
    }
    out
}

/// A lesson plan: each step with the event, the note (when the lesson has
/// them) and the question; all questions again at the end.
pub fn lesson(lesson: &Lesson) -> String {
    let mut out = String::new();
    let total = lesson.steps.len();
    let _ = writeln!(out, "# {}\n", text(lesson.title));
    if let Some(source) = lesson.source {
        let steps = crate::text::count(total, "step", "steps");
        let _ = writeln!(out, "*A lesson from \"{}\", {steps}*\n", text(source));
    }
    paragraphs(&mut out, &lesson.description);
    if let Some(note) = &lesson.teacher_note {
        let _ = writeln!(out, "> **Note for the teacher:**\n>\n{}\n", quoted(note));
    }
    for (n, step) in lesson.steps.iter().enumerate() {
        let card = &step.card;
        let _ =
            writeln!(out, "## Step {} of {total} — {}: {}\n", n + 1, card.date, text(card.title));
        if let Some(q) = &step.quote {
            quote(&mut out, q);
        }
        card_body(&mut out, card);
        if let Some(note) = &step.note {
            let _ = writeln!(out, "> **Note for the teacher:**\n>\n{}\n", quoted(note));
        }
        if let Some(q) = &step.question {
            let _ = writeln!(out, "**Question for the class:**\n");
            paragraphs(&mut out, q);
        }
    }
    let questions: Vec<&Paragraphs> = lesson.questions().collect();
    if !questions.is_empty() {
        let _ = writeln!(out, "## All questions\n");
        for (n, q) in questions.iter().enumerate() {
            numbered(&mut out, n + 1, q);
        }
    }
    out
}

/// A numbered list item of paragraphs: the later ones indented under it.
pub fn numbered(out: &mut String, n: usize, ps: &Paragraphs) {
    let mut body = String::new();
    paragraphs(&mut body, ps);
    let indent = " ".repeat(format!("{n}. ").len());
    let body = body.trim_end().replace('\n', &format!("\n{indent}"));
    let body = body.replace(&format!("\n{indent}\n"), "\n\n");
    let _ = writeln!(out, "{n}. {body}\n");
}
