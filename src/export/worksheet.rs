//! A worksheet and its answer key as Markdown, rendered from
//! [`crate::teach::worksheet`]: dates and titles, questions with lines to
//! write on, and choices to tick; the key on its own, for the teacher.

use std::fmt::Write as _;

use super::markdown::{cell, text};
use crate::document::Paragraphs;
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
    let mut out = String::new();
    let _ = writeln!(out, "# Worksheet: {}\n", text(ws.title));
    if let Some(source) = ws.source {
        let _ = writeln!(out, "*From \"{}\".*\n", text(source));
    }
    let _ = writeln!(out, "Name: ................................ Date: ................\n");
    let _ = writeln!(out, "## The events\n");
    let _ = writeln!(out, "| Step | Date | Event |\n|---|---|---|");
    for e in &ws.events {
        let _ = writeln!(out, "| {} | {} | {} |", e.number, cell(&e.date), cell(e.title));
    }
    out.push('\n');
    let blank = vec![".".repeat(70); LINES].join("\\\n");
    if !ws.open.is_empty() {
        let _ = writeln!(out, "## Questions\n");
        for (n, q) in ws.open.iter().enumerate() {
            let body = format!("*(Step {})* {}\n\n{blank}", q.step, paragraphs(&q.question));
            item(&mut out, n + 1, &body);
        }
    }
    if !ws.choices.is_empty() {
        let _ = writeln!(out, "## Choose one answer\n");
        for (n, c) in ws.choices.iter().enumerate() {
            let options: Vec<String> = c
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| format!("☐ {}. {}", letter(i), text(o)))
                .collect();
            item(&mut out, n + 1, &format!("{}\n\n{}", text(&c.prompt), options.join("\\\n")));
        }
    }
    out
}

pub fn answer_key(ws: &Worksheet) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Answer key: {}\n", text(ws.title));
    let _ = writeln!(
        out,
        "*For the teacher: keep it apart from the students' copies. It goes with the worksheet made with seed {}.*\n",
        ws.seed
    );
    if !ws.open.is_empty() {
        // The key gives the step's note for the teacher, which frames the
        // question; it is not a model answer, and is labelled as what it is.
        let _ = writeln!(out, "## Questions, with the teacher's note on each step\n");
        for (n, q) in ws.open.iter().enumerate() {
            let guide = match &q.guide {
                Some(g) => format!("*Teacher's note:* {}", paragraphs(g)),
                None => "*(no teacher's note for this step)*".into(),
            };
            let body = format!("*(Step {})* {}\n\n{guide}", q.step, paragraphs(&q.question));
            item(&mut out, n + 1, &body);
        }
    }
    if !ws.choices.is_empty() {
        let _ = writeln!(out, "## Choose one answer\n");
        for (n, c) in ws.choices.iter().enumerate() {
            let right = c.options.get(c.answer).map_or(String::new(), |o| text(o));
            let body = format!("**{}. {right}** — {}", letter(c.answer), text(&c.explanation));
            item(&mut out, n + 1, &body);
        }
    }
    out
}
