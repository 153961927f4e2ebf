//! The worksheet and its answer key as web pages that print cleanly: a
//! question stays on one page with its lines to write on.

use std::io::{self, Write};

use maud::{Markup, PreEscaped, html};

use super::{CARDS, document, other, paragraphs};
use crate::document::SOURCE_LANG;
use crate::document::words::Words;
use crate::export::in_memory;
use crate::teach::worksheet::Worksheet;

fn letter(n: usize) -> char {
    char::from(b'A' + (n % 26) as u8)
}

/// The multiple-choice questions, the events to order and the people to
/// match; with `key`, their answers.
fn tasks(ws: &Worksheet, words: Words, key: bool) -> Markup {
    html! {
        @if !ws.choices.is_empty() {
            section {
                h2 { (words.get("choose_one")) }
                ol.choices {
                    @for c in &ws.choices {
                        li.task {
                            p dir="auto" { (c.prompt) }
                            @if key {
                                p { strong { (letter(c.answer)) ". " span dir="auto" { (c.options.get(c.answer).map_or("", String::as_str)) } } }
                                p.why dir="auto" { (c.explanation) }
                            } @else {
                                ul.options {
                                    @for (i, o) in c.options.iter().enumerate() {
                                        li { span.box aria-hidden="true" { "☐" } " " (letter(i)) ". " span dir="auto" { (o) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if let Some(order) = &ws.order {
            section.task {
                h2 { (words.get("put_in_order")) }
                p { (words.fill("order_prompt", &[("n", &order.events.len().to_string())])) }
                ul.order {
                    @for (i, e) in order.events.iter().enumerate() {
                        li {
                            span.slot { @if key { (order.rank[i]) } } " "
                            strong { (letter(i)) "." } " " span dir="auto" { (e) }
                        }
                    }
                }
            }
        }
        @if let Some(m) = &ws.matching {
            section.task {
                h2 { (words.get("match_people")) }
                p { (words.get("match_prompt")) }
                ul.matchevents {
                    @for (i, e) in m.events.iter().enumerate() {
                        li { strong { (letter(i)) "." } " " span dir="auto" { (e) } }
                    }
                }
                ol.matchpeople {
                    @for (n, p) in m.people.iter().enumerate() {
                        li { span dir="auto" { (p) } " " span.slot { @if key { (letter(m.answers[n])) } } }
                    }
                }
            }
        }
    }
}

pub fn worksheet(ws: &Worksheet) -> String {
    in_memory(|out| write_worksheet(out, ws))
}

pub fn answer_key(ws: &Worksheet) -> String {
    in_memory(|out| write_answer_key(out, ws))
}

/// `page` with its placeholders filled in order by `fill` (given each
/// one's position), as each filling is made: a tour of a million steps
/// is never held as a page.
fn write_filled(
    out: &mut dyn Write,
    page: &str,
    mut fill: impl FnMut(&mut dyn Write, usize) -> io::Result<()>,
) -> io::Result<()> {
    for (n, part) in page.split(CARDS).enumerate() {
        if n > 0 {
            fill(out, n - 1)?;
        }
        out.write_all(part.as_bytes())?;
    }
    Ok(())
}

/// The worksheet: the events' dates and titles, the open questions with
/// lines to write on, then the tasks.
pub fn write_worksheet(out: &mut dyn Write, ws: &Worksheet) -> io::Result<()> {
    let words = Words::of(ws.lang);
    let (title_before, title_after) = words.around("worksheet_title", "title", &[]);
    let body = html! {
        header.top {
            h1 dir="auto" { (title_before) span lang=[other(ws.title_lang, words)] { (ws.title) } (title_after) }
            @if let Some(source) = ws.source {
                @let (before, after) = words.around("from_source", "source", &[]);
                p.from { (before) span dir="auto" lang=[other(SOURCE_LANG, words)] { (source) } (after) }
            }
            p.name { (words.get("name")) " " span.blank {} " " (words.get("date")) " " span.blank.short {} }
        }
        main.worksheet {
            section {
                h2 { (words.get("the_events")) }
                table.events {
                    thead { tr { th { (words.get("step")) } th { (words.get("date_column")) } th { (words.get("event_column")) } } }
                    tbody { (PreEscaped(CARDS)) }
                }
            }
            @if ws.has_open() {
                section {
                    h2 { (words.get("questions")) }
                    ol.open { (PreEscaped(CARDS)) }
                }
            }
            (tasks(ws, words, false))
        }
    };
    let page =
        document(&words.fill("worksheet_title", &[("title", ws.title)]), words.lang(), words, body);
    write_filled(out, &page, |out, n| match n {
        0 => each(out, ws.events(), |e| {
            html! {
                tr { td { (e.number) } td { (words.date(&e.date)) } td dir="auto" { (e.title) } }
            }
        }),
        _ => each(out, ws.open(), |q| {
            html! {
                li.task {
                    span.stepno { (words.fill("step_n", &[("n", &q.step.to_string())])) }
                    (paragraphs(&q.question, other(q.lang, words)))
                    div.lines aria-hidden="true" { span {} span {} span {} span {} }
                }
            }
        }),
    })
}

/// The answer key: the open questions with the steps' notes for the
/// teacher, then the tasks with their answers.
pub fn write_answer_key(out: &mut dyn Write, ws: &Worksheet) -> io::Result<()> {
    let words = Words::of(ws.lang);
    let (title_before, title_after) = words.around("answer_key_title", "title", &[]);
    let body = html! {
        header.top {
            h1 dir="auto" { (title_before) span lang=[other(ws.title_lang, words)] { (ws.title) } (title_after) }
            p.from { (words.fill("key_note", &[("seed", &ws.seed.to_string())])) }
        }
        main.worksheet {
            @if ws.has_open() {
                section {
                    h2 { (words.get("questions_with_notes")) }
                    ol.open { (PreEscaped(CARDS)) }
                }
            }
            (tasks(ws, words, true))
        }
    };
    let page = document(
        &words.fill("answer_key_title", &[("title", ws.title)]),
        words.lang(),
        words,
        body,
    );
    write_filled(out, &page, |out, _| {
        each(out, ws.open(), |q| {
            html! {
                li.task {
                    span.stepno { (words.fill("step_n", &[("n", &q.step.to_string())])) }
                    (paragraphs(&q.question, other(q.lang, words)))
                    @match &q.guide {
                        Some(g) => { div.note { h3 { (words.get("teachers_note")) } (paragraphs(g, other(q.guide_lang, words))) } },
                        None => { p.empty { (words.get("no_teachers_note")) } },
                    }
                }
            }
        })
    })
}

/// Each item as it is made.
fn each<T>(
    out: &mut dyn Write,
    items: impl Iterator<Item = T>,
    markup: impl Fn(T) -> Markup,
) -> io::Result<()> {
    for item in items {
        out.write_all(markup(item).into_string().as_bytes())?;
    }
    Ok(())
}
