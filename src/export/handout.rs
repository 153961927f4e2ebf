//! A printable Markdown handout, rendered from the document model: the page
//! of events, or a lesson with the teacher's notes and the class questions.

use std::fmt::Write as _;
use std::io;

use super::markdown::{link, text};
use crate::document::words::Words;
use crate::document::{Card, Lesson, Page, Paragraphs, QuoteRef, SourceRef, Step};
use crate::model::{Timeline, Tour};

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
fn quote(out: &mut String, q: &QuoteRef, words: Words) {
    let note = q.translation_note_in(words).map(|n| format!(" · {}", text(&n))).unwrap_or_default();
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
            text(&o.label_in(words)),
            quoted(&o.text),
            source(&o.source)
        );
    }
    let _ = writeln!(out, "\n");
}

/// "*Countries:*" in `words`.
fn label(words: Words, key: &str) -> String {
    format!("*{}:*", text(words.get(key)))
}

fn card_body(out: &mut String, card: &Card, words: Words) {
    let mut facts = Vec::new();
    if let Some(era) = card.era {
        facts.push(format!("{} {}", label(words, "era"), text(era)));
    }
    if !card.countries.is_empty() {
        let names: Vec<String> = card.countries.iter().map(|c| text(c.name)).collect();
        facts.push(format!("{} {}", label(words, "countries"), names.join(", ")));
    }
    if !card.actors.is_empty() {
        let names: Vec<String> = card.actors.iter().map(|a| text(&a.label_in(words))).collect();
        facts.push(format!("{} {}", label(words, "people_and_organisations"), names.join(", ")));
    }
    if !card.tags.is_empty() {
        let tags: Vec<String> = card.tags.iter().map(|t| text(t)).collect();
        facts.push(format!("{} {}", label(words, "tags"), tags.join(", ")));
    }
    if let Some(place) = &card.location {
        facts.push(format!("{} {}", label(words, "place"), text(place)));
    }
    for (name, value) in &card.attributes {
        facts.push(format!("*{}:* {}", text(name), text(&value.replace('\n', " "))));
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "{}\n", facts.join("\\\n"));
    }
    paragraphs(out, &card.summary);
    for q in &card.quotes {
        quote(out, q, words);
    }
    if !card.sources.is_empty() {
        let list: Vec<String> = card.sources.iter().map(source).collect();
        let _ = writeln!(out, "{} {}\n", label(words, "sources"), list.join("; "));
    }
    if let Some(media) = &card.media {
        let what: Vec<String> =
            [media.caption, media.credit].into_iter().flatten().map(text).collect();
        let shown =
            if what.is_empty() { String::new() } else { format!("{} ", what.join(" — ")) };
        let _ = writeln!(out, "{} {shown}{}\n", label(words, "media"), link(media.url));
    }
    if !card.related.is_empty() {
        let list: Vec<String> = card
            .related
            .iter()
            .map(|r| format!("{} — {}", words.date(&r.date), text(r.title)))
            .collect();
        let _ = writeln!(out, "{} {}\n", label(words, "related"), list.join("; "));
    }
}

/// The page's events in order, each with its date, summary and sources.
pub fn events(page: &Page) -> String {
    super::in_memory(|out| write_events(out, page))
}

/// [`events`], each event written as it is made.
pub fn write_events(out: &mut dyn io::Write, page: &Page) -> io::Result<()> {
    let words = Words::of(page.lang);
    let mut chunk = String::new();
    let _ = writeln!(chunk, "# {}\n", text(page.title));
    paragraphs(&mut chunk, &page.description);
    let events = words.count("events_count", page.len());
    let what = if page.filters.is_empty() {
        events
    } else {
        format!("{events} · {}", text(&page.filters.join(" · ")))
    };
    let _ = writeln!(chunk, "*{what}*\n");
    out.write_all(chunk.as_bytes())?;
    for card in page.cards() {
        chunk.clear();
        let _ = writeln!(chunk, "## {} — {}\n", words.date(&card.date), text(card.title));
        card_body(&mut chunk, card, words);
        out.write_all(chunk.as_bytes())?;
    }
    Ok(())
}

/// A lesson plan, written as it is made: each step with the event, the
/// note (when the lesson has them) and the question; all questions again at
/// the end. Steps whose event is missing are left out.
pub fn write_lesson(
    out: &mut dyn io::Write,
    tl: &Timeline,
    tour: &Tour,
    notes: bool,
) -> io::Result<()> {
    let lesson = Lesson::head(tl, tour, notes);
    let words = Words::of(lesson.lang);
    let shown = || (0..tour.steps.len()).filter(|&n| Step::shown(tl, tour, n));
    let total = shown().count();
    let mut chunk = String::new();
    let _ = writeln!(chunk, "# {}\n", text(lesson.title));
    if let Some(source) = lesson.source {
        let steps = words.count("steps_count", total);
        let from = words.fill("lesson_from", &[("source", source), ("steps", &steps)]);
        let _ = writeln!(chunk, "*{}*\n", text(&from));
    }
    paragraphs(&mut chunk, &lesson.description);
    let note_heading = text(words.note_for_the_teacher());
    if let Some(note) = &lesson.teacher_note {
        let _ = writeln!(chunk, "> **{note_heading}:**\n>\n{}\n", quoted(note));
    }
    out.write_all(chunk.as_bytes())?;
    let steps = (0..tour.steps.len()).filter_map(|n| Step::new(tl, tour, n, notes));
    for (n, step) in steps.enumerate() {
        chunk.clear();
        let card = &step.card;
        let _ = writeln!(
            chunk,
            "## {} — {}: {}\n",
            words.step_of(n + 1, total),
            words.date(&card.date),
            text(card.title)
        );
        if let Some(q) = &step.quote {
            let mut q = q.clone();
            q.date = q.date.map(|d| words.date(&d));
            quote(&mut chunk, &q, words);
        }
        card_body(&mut chunk, card, words);
        if let Some(note) = &step.note {
            let _ = writeln!(chunk, "> **{note_heading}:**\n>\n{}\n", quoted(note));
        }
        if let Some(q) = &step.question {
            let _ = writeln!(chunk, "**{}:**\n", text(words.question_for_the_class()));
            paragraphs(&mut chunk, q);
        }
        out.write_all(chunk.as_bytes())?;
    }
    let mut questions = shown().filter_map(|n| Step::question_of(tour, n)).peekable();
    if questions.peek().is_some() {
        chunk.clear();
        let _ = writeln!(chunk, "## {}\n", text(words.get("all_questions")));
        out.write_all(chunk.as_bytes())?;
        for (n, q) in questions.enumerate() {
            chunk.clear();
            numbered(&mut chunk, n + 1, &q);
            out.write_all(chunk.as_bytes())?;
        }
    }
    Ok(())
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
