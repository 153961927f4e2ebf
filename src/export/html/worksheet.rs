//! The worksheet and its answer key as web pages that print cleanly.

use maud::html;

use super::{document, paragraphs};
use crate::teach::worksheet::Worksheet;

fn letter(n: usize) -> char {
    char::from(b'A' + (n % 26) as u8)
}

pub fn worksheet(ws: &Worksheet) -> String {
    let body = html! {
        header.top {
            h1 dir="auto" { "Worksheet: " (ws.title) }
            @if let Some(source) = ws.source { p.from { "From “" span dir="auto" { (source) } "”." } }
            p.name { "Name: " span.blank {} " Date: " span.blank.short {} }
        }
        main.worksheet {
            section {
                h2 { "The events" }
                table.events {
                    thead { tr { th { "Step" } th { "Date" } th { "Event" } } }
                    tbody {
                        @for e in &ws.events {
                            tr { td { (e.number) } td { (e.date) } td dir="auto" { (e.title) } }
                        }
                    }
                }
            }
            @if !ws.open.is_empty() {
                section {
                    h2 { "Questions" }
                    ol.open {
                        @for q in &ws.open {
                            li {
                                span.stepno { "Step " (q.step) } (paragraphs(&q.question))
                                div.lines aria-hidden="true" { span {} span {} span {} span {} }
                            }
                        }
                    }
                }
            }
            @if !ws.choices.is_empty() {
                section {
                    h2 { "Choose one answer" }
                    ol.choices {
                        @for c in &ws.choices {
                            li {
                                p dir="auto" { (c.prompt) }
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
    };
    document(&format!("Worksheet: {}", ws.title), ws.lang, body)
}

pub fn answer_key(ws: &Worksheet) -> String {
    let body = html! {
        header.top {
            h1 dir="auto" { "Answer key: " (ws.title) }
            p.from {
                "For the teacher: keep it apart from the students' copies. It goes with the worksheet made with seed "
                (ws.seed) "."
            }
        }
        main.worksheet {
            @if !ws.open.is_empty() {
                section {
                    h2 { "Questions, with the teacher's note on each step" }
                    ol.open {
                        @for q in &ws.open {
                            li {
                                span.stepno { "Step " (q.step) } (paragraphs(&q.question))
                                @match &q.guide {
                                    Some(g) => { div.note { h3 { "Teacher's note" } (paragraphs(g)) } },
                                    None => { p.empty { "(no teacher's note for this step)" } },
                                }
                            }
                        }
                    }
                }
            }
            @if !ws.choices.is_empty() {
                section {
                    h2 { "Choose one answer" }
                    ol.choices {
                        @for c in &ws.choices {
                            li {
                                p dir="auto" { (c.prompt) }
                                p { strong { (letter(c.answer)) ". " span dir="auto" { (c.options.get(c.answer).map_or("", String::as_str)) } } }
                                p.why dir="auto" { (c.explanation) }
                            }
                        }
                    }
                }
            }
        }
    };
    document(&format!("Answer key: {}", ws.title), ws.lang, body)
}
