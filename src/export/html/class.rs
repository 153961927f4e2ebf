//! The pages a live class is served (`steppe --tour ID --serve`): the
//! lesson page the exporter makes for the students (no notes), with one
//! more small script and style of ours for following the teacher and
//! answering, and the join page. The lesson's own content is rendered once,
//! by [`super::lesson`]; the script only follows, asks and shows.

use maud::{DOCTYPE, PreEscaped, html};

use super::hash_source;
use crate::document::Lesson;
use crate::document::words::Words;

const CLASS_STYLE: &str = include_str!("class.css");
const CLASS_SCRIPT: &str = include_str!("class.js");

/// The words the class's script writes, for it to read from the page.
const CLASS_WORDS: &[&str] = &[
    "class_following",
    "class_catch_up",
    "class_reconnecting",
    "class_answer_button",
    "class_year",
    "class_sent",
    "class_closed",
    "class_class_right",
    "class_ended",
    "class_not_sent",
    "class_you",
    "class_tally_heading",
    "right",
    "not_quite",
];

/// A script and a style added to a page, and the words the script needs.
pub(super) struct Addon {
    pub script: &'static str,
    pub style: &'static str,
}

impl Addon {
    /// The script's words in the page's language, as JSON.
    pub fn words(&self, words: Words) -> String {
        let map: serde_json::Map<String, serde_json::Value> = CLASS_WORDS
            .iter()
            .map(|k| ((*k).to_string(), serde_json::Value::from(words.get(k))))
            .collect();
        serde_json::Value::Object(map).to_string()
    }
}

const ADDON: Addon = Addon { script: CLASS_SCRIPT, style: CLASS_STYLE };

/// The lesson page for a class: the exporter's page of the lesson (made
/// without the teacher's notes by the caller), with the class's script.
pub fn class_lesson(lesson: &Lesson) -> String {
    super::lesson_with(lesson, Some(&ADDON))
}

/// The join page: the code on the screen and a nickname, posted to
/// `/join`; `problem` says why the last try was refused. It runs no script.
pub fn join_page(title: &str, lang: Option<&str>, problem: Option<&str>, name: &str) -> String {
    let words = Words::of(lang);
    // Not framed: the server's header says so, as a meta element cannot.
    let policy = format!(
        "default-src 'none'; style-src {}; base-uri 'none'; form-action 'self'",
        hash_source(CLASS_STYLE)
    );
    html! {
        (DOCTYPE)
        html lang=(words.lang()) dir=[words.rtl().then_some("rtl")] {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(policy);
                title { (words.get("class_join_title")) }
                style { (PreEscaped(CLASS_STYLE)) }
            }
            body.join {
                main {
                    h1 { (words.get("class_join_title")) }
                    p.lesson dir="auto" { (title) }
                    p { (words.get("class_join_help")) }
                    @if let Some(p) = problem { p #problem .problem role="alert" { (p) } }
                    form method="post" action="/join" {
                        label for="code" { (words.get("class_code")) }
                        input #code name="code" inputmode="numeric" autocomplete="off" maxlength="12" required autofocus;
                        label for="name" { (words.get("class_nickname")) }
                        input #name name="name" autocomplete="nickname" maxlength="24" required value=(name) dir="auto";
                        button #join type="submit" { (words.get("class_join_button")) }
                    }
                }
            }
        }
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Query;

    #[test]
    fn the_class_page_is_the_students_lesson_with_one_more_script_allowed() {
        let query = Query::new(crate::load::load_bundled().timeline);
        let tl = query.timeline();
        let tour = tl.tour("new-great-game").expect("the bundled tour");
        let students = Lesson::new(tl, tour, false);
        let html = class_lesson(&students);
        assert_eq!(html.matches("<script>").count(), 2, "the page's script and the class's");
        assert!(html.contains(&format!(
            "script-src {} {}",
            hash_source(super::super::SCRIPT),
            hash_source(CLASS_SCRIPT)
        )));
        assert!(html.contains("connect-src 'self'"));
        assert!(!html.contains(&words_of_notes(tour)), "no teacher's note");
        // The exporter's own page is unchanged: nothing to connect to.
        let page = super::super::lesson(&students);
        assert!(!page.contains("connect-src") && !page.contains(CLASS_SCRIPT));
        assert!(html.replace(CLASS_SCRIPT, "").len() > page.len());
    }

    /// The first words of the tour's first note.
    fn words_of_notes(tour: &crate::model::Tour) -> String {
        let note = tour.steps.iter().find_map(|s| s.note()).expect("a note");
        note.split_whitespace().take(6).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_join_page_escapes_what_was_typed_and_runs_no_script() {
        let page = join_page("<T>", None, Some("<b>no</b>"), "\"><script>alert(1)</script>");
        assert!(!page.contains("<script"), "{page}");
        assert!(page.contains("&lt;b&gt;no&lt;/b&gt;") && page.contains("&lt;T&gt;"));
        assert!(page.contains("form-action 'self'"));
    }
}
