//! A worksheet and its answer key as Markdown, rendered from
//! [`crate::teach::worksheet`]: dates and titles, questions with lines to
//! write on, and choices to tick; the key on its own, for the teacher.

use std::fmt::Write as _;

use super::markdown::{cell, text};
use crate::document::Paragraphs;
use crate::document::words::Words;
use crate::teach::worksheet::Worksheet;

/// Lines to write an answer on.
const LINES: usize = 4;

fn paragraphs(ps: &Paragraphs) -> String {
    let list: Vec<String> =
        ps.iter().map(|p| p.iter().map(|l| text(l)).collect::<Vec<_>>().join("\\\n")).collect();
    list.join("\n\n")
}

/// A numbered item whose later lines are indented under it.
fn item(out: &mut String, n: usize, body: &str) {
    let indent = " ".repeat(format!("{n}. ").len());
    let body = body.replace('\n', &format!("\n{indent}")).replace(&format!("\n{indent}\n"), "\n\n");
    let _ = writeln!(out, "{n}. {body}\n");
}

fn letter(n: usize) -> char {
    char::from(b'A' + (n % 26) as u8)
}

pub fn worksheet(ws: &Worksheet) -> String {
    let words = Words::of(ws.lang);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", text(&words.fill("worksheet_title", &[("title", ws.title)])));
    if let Some(source) = ws.source {
        let _ = writeln!(out, "*{}*\n", text(&words.fill("from_source", &[("source", source)])));
    }
    let _ = writeln!(
        out,
        "{} ................................ {} ................\n",
        text(words.get("name")),
        text(words.get("date"))
    );
    let _ = writeln!(out, "## {}\n", text(words.get("the_events")));
    let _ = writeln!(
        out,
        "| {} | {} | {} |\n|---|---|---|",
        cell(words.get("step")),
        cell(words.get("date_column")),
        cell(words.get("event_column"))
    );
    for e in ws.events() {
        let _ =
            writeln!(out, "| {} | {} | {} |", e.number, cell(&words.date(&e.date)), cell(e.title));
    }
    out.push('\n');
    let blank = vec![".".repeat(70); LINES].join("\\\n");
    if ws.has_open() {
        let _ = writeln!(out, "## {}\n", text(words.get("questions")));
        for (n, q) in ws.open().enumerate() {
            let step = words.fill("step_n", &[("n", &q.step.to_string())]);
            let body = format!("*({})* {}\n\n{blank}", text(&step), paragraphs(&q.question));
            item(&mut out, n + 1, &body);
        }
    }
    tasks(&mut out, ws, words, false);
    out
}

/// The multiple-choice questions, the events to put in order and the people
/// to match, as the sheet asks them, or with their answers for the key.
fn tasks(out: &mut String, ws: &Worksheet, words: Words, key: bool) {
    if !ws.choices.is_empty() {
        let _ = writeln!(out, "## {}\n", text(words.get("choose_one")));
        for (n, c) in ws.choices.iter().enumerate() {
            if key {
                let right = c.options.get(c.answer).map_or(String::new(), |o| text(o));
                let body = format!(
                    "{}\n\n**{}. {right}** — {}",
                    text(&c.prompt),
                    letter(c.answer),
                    text(&c.explanation)
                );
                item(out, n + 1, &body);
                continue;
            }
            let options: Vec<String> = c
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| format!("☐ {}. {}", letter(i), text(o)))
                .collect();
            item(out, n + 1, &format!("{}\n\n{}", text(&c.prompt), options.join("\\\n")));
        }
    }
    if let Some(order) = &ws.order {
        let _ = writeln!(out, "## {}\n", text(words.get("put_in_order")));
        let n = order.events.len().to_string();
        let _ = writeln!(out, "{}\n", text(&words.fill("order_prompt", &[("n", &n)])));
        for (i, e) in order.events.iter().enumerate() {
            let mark = if key { order.rank[i].to_string() } else { "....".to_string() };
            let _ = writeln!(out, "- **{}.** \\[ {mark} \\] {}", letter(i), text(e));
        }
        out.push('\n');
    }
    if let Some(m) = &ws.matching {
        let _ = writeln!(out, "## {}\n", text(words.get("match_people")));
        let _ = writeln!(out, "{}\n", text(words.get("match_prompt")));
        for (i, e) in m.events.iter().enumerate() {
            let _ = writeln!(out, "- **{}.** {}", letter(i), text(e));
        }
        out.push('\n');
        for (i, p) in m.people.iter().enumerate() {
            let mark = if key { letter(m.answers[i]).to_string() } else { "....".to_string() };
            let _ = writeln!(out, "{}. {} \\[ {mark} \\]", i + 1, text(p));
        }
        out.push('\n');
    }
}

pub fn answer_key(ws: &Worksheet) -> String {
    let words = Words::of(ws.lang);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", text(&words.fill("answer_key_title", &[("title", ws.title)])));
    let _ =
        writeln!(out, "*{}*\n", text(&words.fill("key_note", &[("seed", &ws.seed.to_string())])));
    if ws.has_open() {
        // The key gives the step's note for the teacher, which frames the
        // question; it is not a model answer, and is labelled as what it is.
        let _ = writeln!(out, "## {}\n", text(words.get("questions_with_notes")));
        for (n, q) in ws.open().enumerate() {
            let guide = match &q.guide {
                Some(g) => format!("*{}:* {}", text(words.get("teachers_note")), paragraphs(g)),
                None => format!("*{}*", text(words.get("no_teachers_note"))),
            };
            let step = words.fill("step_n", &[("n", &q.step.to_string())]);
            let body = format!("*({})* {}\n\n{guide}", text(&step), paragraphs(&q.question));
            item(&mut out, n + 1, &body);
        }
    }
    tasks(&mut out, ws, words, true);
    out
}
