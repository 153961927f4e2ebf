//! The classroom: quotes, translations, worksheets and handouts, through
//! the real binary as a teacher runs it.

use crate::common;

use std::process::Output;

fn steppe(args: &[&str]) -> Output {
    common::run::command()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("steppe runs")
}

fn ok(args: &[&str]) -> String {
    let out = steppe(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

const FIXTURE: &str = "tests/fixtures/classroom.yaml";

fn load_yaml(text: &str) -> steppe::load::Loaded {
    steppe::load::load_texts(vec![("lesson.yaml".into(), Ok(text.to_string()))])
}

#[test]
fn quotes_names_and_translations_load() {
    let loaded = load_yaml(&std::fs::read_to_string(FIXTURE).expect("fixture"));
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    let tl = &loaded.timeline;
    let first = &tl.events[tl.event_index("first").expect("first")];
    assert_eq!(first.quotes.len(), 1);
    assert_eq!(tl.speaker(&first.quotes[0]), "A Speaker");
    assert_eq!(first.quotes[0].lang.as_deref(), Some("en"));
    let second = &tl.events[tl.event_index("second").expect("second")];
    assert_eq!(tl.speaker(&second.quotes[0]), "Someone Not In The Actors");
    let translated = &second.quotes[0];
    assert_eq!(translated.translated_by.as_deref(), Some("An Interpreter"));
    let original = translated.original.as_deref().expect("the words as said");
    assert_eq!((original.lang.as_str(), original.text.as_str()), ("ru", "Другое изречение."));
    let (shown, other) = tl.said(translated);
    assert_eq!((shown.text, shown.translation), ("Another saying.", Some(Some("An Interpreter"))));
    assert_eq!(other.map(|o| (o.text, o.translation)), Some(("Другое изречение.", None)));
    assert_eq!(tl.tour("lesson").expect("tour").steps.get(1).expect("a step").quote(), Some(0));
    assert_eq!(tl.translations.languages(), ["ar", "ru"]);
    let mut ru = tl.clone();
    assert_eq!(ru.translate("ru_RU").as_deref(), Some("ru"));
    assert_eq!(ru.country_name("KZ"), "Казахстан");
    assert_eq!(ru.country_name("RU"), "Russia", "no translation: the original");
    assert_eq!(ru.actor("speaker").expect("actor").name, "Оратор");
    assert_eq!(ru.eras[0].title, "Новое время");
    assert_eq!(ru.events[0].title, "Первое событие");
    assert_eq!(ru.events[1].title, "The second event");
    let tour = ru.tour("lesson").expect("tour");
    assert_eq!(
        (tour.title.as_str(), tour.description.as_deref()),
        ("Урок", Some("Описание урока."))
    );
    assert_eq!(tour.steps.first().expect("a step").question(), Some("Вопрос?"));
    assert_eq!(
        tour.steps.get(1).expect("a step").question(),
        Some("Who might the speaker have meant?")
    );
    // A Russian class reads the words as said, and the translation beside them.
    let (shown, other) = ru.said(&ru.events[1].quotes[0]);
    assert_eq!(
        (shown.text, shown.lang, shown.translation),
        ("Другое изречение.", Some("ru"), None)
    );
    assert_eq!(shown.source.url.as_deref(), Some("https://example.org/said-ru"));
    assert_eq!(other.map(|o| o.text), Some("Another saying."));
    let mut none = tl.clone();
    assert_eq!(none.translate("kk"), None);
    assert_eq!(none.events[0].title, "The first event");
}

#[test]
fn mistakes_in_quotes_and_translations_are_located() {
    let cases = [
        (
            "events:\n  - id: a\n    date: 1991\n    title: A\n    sources: [https://x.org]\n    quotes:\n      - text: Words.\n        by: someone\n",
            "lesson.yaml:7:9",
            "quote 1 of event `a` has no `source`",
        ),
        (
            "events:\n  - id: a\n    date: 1991\n    title: A\n    sources: [https://x.org]\n    translations:\n      Russian: {title: Б}\n",
            "lesson.yaml:7:7",
            "`Russian` in event `a` is not a language code",
        ),
        (
            "events:\n  - id: a\n    date: 1991\n    title: A\n    sources: [https://x.org]\n    translations:\n      ru: {titel: Б}\n",
            "lesson.yaml:7:12",
            "unknown key `titel` in the `ru` translation of event `a`",
        ),
        (
            "countries:\n  - code: KZ\n    name: Kazakhstan\n    names: [Казахстан]\n",
            "lesson.yaml:4:12",
            "expected `names` of country `KZ` as a mapping",
        ),
        (
            "events:\n  - id: a\n    date: 1991\n    title: A\n    sources: [https://x.org]\ntours:\n  - id: t\n    title: T\n    steps:\n      - event: a\n        quote: 2\n",
            "lesson.yaml:10:16",
            "step 1 of tour `t` shows quote 2 of event `a`, which has 0 quotes",
        ),
        (
            "events:\n  - id: a\n    date: 1991\n    title: A\n    sources: [https://x.org]\n    quotes:\n      - text: Words.\n        by: someone\n        source: https://x.org\n        original:\n          text: Слова.\n",
            "lesson.yaml:11:11",
            "the original of quote 1 of event `a` has no `lang`; it is required",
        ),
        (
            "events:\n  - id: a\n    date: 1991\n    title: A\n    sources: [https://x.org]\n    quotes:\n      - text: Words.\n        by: someone\n        lang: en\n        source: https://x.org\n        original: {text: Other words., lang: en}\n",
            "lesson.yaml:11:46",
            "the original of quote 1 of event `a` is in `en`, the language of the quote's own `text`",
        ),
        (
            "events:\n  - id: a\n    date: 1991\n    title: A\n    sources: [https://x.org]\n    quotes:\n      - text: Words.\n        by: someone\n        source: https://x.org\n        original: {lang: ru, txt: Слова.}\n",
            "lesson.yaml:10:30",
            "unknown key `txt` in the original of quote 1 of event `a`",
        ),
    ];
    for (yaml, place, message) in cases {
        let loaded = load_yaml(yaml);
        assert!(!loaded.is_ok(), "{yaml}");
        let report = loaded.report.render();
        assert!(report.contains(message), "{message}\n{report}");
        assert!(report.contains(place), "{place}\n{report}");
    }
}

#[test]
fn the_handout_keeps_paragraphs_shows_quotes_and_a_bare_address_once() {
    let md = ok(&["export", FIXTURE, "--tour", "lesson"]);
    assert!(
        md.contains(
            "The first paragraph of the question.\n\nThe second paragraph of the question?"
        ),
        "{md}"
    );
    assert!(
        md.contains("> A note in one paragraph.\n> \n> And a second paragraph of the note."),
        "{md}"
    );
    assert!(md.contains("> Words as the source prints them.\n> \n> A second paragraph of words.\\\n> — A Speaker, 16 Dec 1991 · The transcript <https://example.org/transcript>"), "{md}");
    assert_eq!(md.matches("example.org/bare").count(), 2, "once per step that shows it:\n{md}");
    assert!(md.contains("*Sources:* <https://example.org/bare>\n"), "{md}");
    // All questions again at the end, their paragraphs kept under the number.
    assert!(
        md.contains(
            "1. The first paragraph of the question.\n\n   The second paragraph of the question?"
        ),
        "{md}"
    );
    let one = ok(&["export", FIXTURE, "--where", "text:\"only one summary\""]);
    assert!(one.contains("*1 event · "), "{one}");
}

#[test]
fn a_worksheet_has_room_to_answer_and_no_summaries_and_the_key_is_apart() {
    let tl = steppe::load::load_bundled().timeline;
    let tour = tl.tour("new-great-game").expect("tour");
    for format in ["markdown", "html"] {
        let sheet = ok(&["export", "--tour", "new-great-game", "--worksheet", "--format", format]);
        let key = ok(&["export", "--tour", "new-great-game", "--answer-key", "--format", format]);
        // Text as the page holds it: HTML escapes quotes and ampersands.
        let as_written = |s: &str| -> String {
            let start: String = s.chars().take(40).collect();
            match format {
                "html" => start.replace('&', "&amp;").replace('"', "&quot;"),
                _ => start,
            }
        };
        for step in &tour.steps {
            let e = &tl.events[tl.event_index(step.event).expect("event")];
            let summary_start = as_written(&e.summary);
            assert!(!sheet.contains(&summary_start), "{format}: a summary is on the sheet");
            let note_start = as_written(step.note().expect("note"));
            assert!(!sheet.contains(&note_start), "{format}: a teacher's note is on the sheet");
            assert!(key.contains(&note_start), "{format}: the key has the note {note_start}");
            let question = as_written(step.question().expect("q"));
            assert!(sheet.contains(&question), "{format}: {question}");
        }
        assert!(sheet.contains("26 Dec 1991"), "dates are on the sheet");
        assert!(sheet.contains("Choose one answer") && key.contains("Choose one answer"));
        match format {
            "markdown" => {
                assert!(sheet.contains(&format!("{}\\\n", ".".repeat(70))), "lines to write on");
                assert!(sheet.contains("☐ A. "), "boxes to tick");
            }
            _ => {
                assert!(sheet.contains("<div class=\"lines\""), "lines to write on");
                assert!(!sheet.contains("class=\"note\""), "no notes in the students' page");
            }
        }
    }
    let a = ok(&["export", "--tour", "new-great-game", "--answer-key", "--seed", "4"]);
    assert!(a.contains("seed 4"));
    assert_ne!(a, ok(&["export", "--tour", "new-great-game", "--answer-key", "--seed", "5"]));
    let clash = steppe(&["export", "--worksheet"]);
    assert_eq!(clash.status.code(), Some(2), "a worksheet needs a tour");
}

#[test]
fn the_lang_option_shows_the_translation_and_rtl_text_is_marked() {
    let md = ok(&["export", FIXTURE, "--tour", "lesson", "--lang", "ru"]);
    assert!(md.starts_with("# Урок\n"), "{md}");
    assert!(md.contains("Первое событие") && md.contains("*Страны:* Казахстан"), "{md}");
    assert!(md.contains("## Шаг 1 из 3 — 16 дек. 1991: Первое событие"), "Russian labels:\n{md}");
    assert!(!md.contains("Countries") && !md.contains("Step 1"), "{md}");
    assert!(md.contains("Вопрос?") && md.contains("The second event"), "{md}");
    let from_env = common::run::command()
        .args(["export", FIXTURE, "--tour", "lesson"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "ru_RU.UTF-8")
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&from_env.stdout).starts_with("# Урок\n"));
    let ar = ok(&["export", FIXTURE, "--lang", "ar", "--format", "html"]);
    assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\">"), "the page says its language");
    assert!(ar.contains("<span class=\"title\" dir=\"auto\" data-s>الحدث الأول</span>"), "{ar}");
    let ar_md = ok(&["export", FIXTURE, "--lang", "ar"]);
    assert!(ar_md.contains("## 16 ديسمبر 1991 — الحدث الأول\n"), "{ar_md}");
    assert!(
        ar_md.contains("\nملخص الحدث.\n"),
        "the Arabic summary is a paragraph of its own:\n{ar_md}"
    );
    let unknown = steppe(&["export", FIXTURE, "--lang", "kk"]);
    assert!(unknown.status.success());
    assert!(
        String::from_utf8_lossy(&unknown.stderr)
            .contains("no translations into `kk` (they have: ar, ru)")
    );
}

#[test]
fn the_bundled_lesson_reads_in_russian_and_names_read_in_arabic() {
    let ru = ok(&["export", "--tour", "new-great-game", "--lang", "ru"]);
    assert!(ru.starts_with("# Новая Большая игра, 1991–2025\n"), "{ru}");
    assert!(ru.contains("Советский Союз официально прекращает существование"), "{ru}");
    assert!(ru.contains("*Страны:* Советский Союз (СССР), Россия, Казахстан"), "{ru}");
    assert!(ru.contains("Кого Путин мог иметь в виду"), "{ru}");
    let tl = steppe::load::load_bundled().timeline;
    let tour = tl.tour("new-great-game").expect("tour");
    for n in 0..tour.steps.len() {
        for field in [
            steppe::model::Field::StepNote(tour.id.clone(), n),
            steppe::model::Field::StepQuestion(tour.id.clone(), n),
        ] {
            assert!(tl.translations.get("ru", &field).is_some(), "{field:?} in Russian");
        }
    }
    for c in &tl.countries {
        for lang in ["ru", "ar"] {
            let field = steppe::model::Field::CountryName(c.code.clone());
            assert!(tl.translations.get(lang, &field).is_some(), "{} in {lang}", c.code);
        }
    }
    for a in &tl.actors {
        for lang in ["ru", "ar"] {
            let field = steppe::model::Field::ActorName(a.id.clone());
            assert!(tl.translations.get(lang, &field).is_some(), "{} in {lang}", a.id);
        }
    }
    let ar = ok(&["export", "--country", "KZ", "--lang", "ar", "--format", "html"]);
    assert!(
        ar.contains("<span dir=\"auto\" data-s>كازاخستان</span>"),
        "Arabic names, each in its own direction"
    );
}

#[test]
fn the_bundled_quote_is_word_for_word_with_its_source_and_a_slide_of_its_own() {
    let tl = steppe::load::load_bundled().timeline;
    let e = &tl.events[tl.event_index("russia-central-asia-summit-1").expect("event")];
    let q = &e.quotes[0];
    assert!(q.text.contains("external attempts to prevent the development of our integration"));
    assert!(e.summary.contains("external attempts to prevent the development of our integration"));
    assert_eq!(
        q.source.url.as_deref(),
        Some("http://en.kremlin.ru/catalog/persons/593/events/69598")
    );
    assert_eq!(tl.speaker(q), "Vladimir Putin");
    let tour = tl.tour("new-great-game").expect("tour");
    assert!(tour.steps.iter().any(|s| s.event == e.id && s.quote() == Some(0)));
    let md = ok(&["export", "--tour", "new-great-game"]);
    assert!(
        md.contains(
            "> — Vladimir Putin, 14 Oct 2022 · Kremlin's translation from Russian · Kremlin — Speech at first Russia–Central Asia summit"
        ),
        "{md}"
    );
    assert!(md.contains("> *Original, in Russian:*\\\n> К активизации всех механизмов"), "{md}");
}

#[test]
fn a_translated_quote_shows_the_words_as_said_to_a_class_that_reads_them() {
    // English: the translation, marked, with the original under it.
    let md = ok(&["export", FIXTURE, "--tour", "lesson"]);
    assert!(
        md.contains("> Another saying.\\\n> — Someone Not In The Actors · An Interpreter's translation from Russian · <https://example.org/said>\n>\n> *Original, in Russian:*\\\n> Другое изречение.\\\n> — <https://example.org/said-ru>"),
        "{md}"
    );
    // Russian: the words as said, then the translation, marked as one.
    let ru = ok(&["export", FIXTURE, "--tour", "lesson", "--lang", "ru"]);
    assert!(
        ru.contains("> Другое изречение.\\\n> — Someone Not In The Actors · <https://example.org/said-ru>\n>\n> *перевод: An Interpreter (язык — английский):*\\\n> Another saying."),
        "{ru}"
    );
    // The web page folds the other version away, in its own language.
    let html = ok(&["export", FIXTURE, "--tour", "lesson", "--format", "html"]);
    assert!(
        html.contains(
            "<span class=\"translated\">An Interpreter's translation from Russian</span>"
        ),
        "{html}"
    );
    assert!(html.contains("<details class=\"version\"><summary>Original, in Russian</summary><blockquote lang=\"ru\""), "{html}");
    // A quote's words are never run through the translations of the texts.
    let plain = ok(&["export", FIXTURE, "--where", "text:\"only one summary\"", "--lang", "ar"]);
    assert!(plain.contains("> Another saying."), "{plain}");
}

#[test]
fn a_quotes_original_survives_timelinejs_and_yaml() {
    let before = load_yaml(&std::fs::read_to_string(FIXTURE).expect("fixture")).timeline;
    for (format, name) in [("timelinejs", "out.json"), ("yaml", "out.yaml")] {
        let written = ok(&["export", FIXTURE, "--format", format]);
        let again = steppe::load::load_texts(vec![(name.into(), Ok(written))]);
        assert!(again.is_ok(), "{format}: {}", again.report.render());
        let after = &again.timeline;
        for (a, b) in after.events.iter().zip(&before.events) {
            assert_eq!(a.quotes, b.quotes, "{format}: {}", a.id);
        }
    }
}

#[test]
fn every_handout_prints_the_quote_of_a_quote_step_once() {
    for args in [
        &["export", "--tour", "new-great-game"][..],
        &["export", "--tour", "new-great-game", "--no-notes"],
        &["export", "--tour", "new-great-game", "--format", "html"],
        &["export", "--tour", "new-great-game", "--format", "html", "--no-notes"],
    ] {
        let out = ok(args);
        let said = out.matches("Vladimir Putin, 14 Oct 2022").count();
        assert_eq!(said, 1, "{args:?} prints the quote {said} times");
    }
}

#[test]
fn quotes_and_translations_survive_a_yaml_export_and_the_yaml_keeps_the_original() {
    let yaml = ok(&["export", FIXTURE, "--format", "yaml", "--lang", "ru"]);
    assert!(yaml.contains("title: The first event"), "a data format keeps the original:\n{yaml}");
    let again = load_yaml(&yaml);
    assert!(again.is_ok(), "{}", again.report.render());
    let before = load_yaml(&std::fs::read_to_string(FIXTURE).expect("fixture")).timeline;
    let after = again.timeline;
    assert_eq!(after.translations, before.translations);
    for (a, b) in after.events.iter().zip(&before.events) {
        assert_eq!(a.quotes, b.quotes, "{}", a.id);
    }
    assert_eq!(after.tours, before.tours);
}

#[test]
fn the_tours_note_for_the_teacher_stays_out_of_the_students_copies() {
    let caveat = "Many historians criticise";
    let caveat_ru = "Многие историки критикуют";
    for format in ["markdown", "html"] {
        for (lang, words) in [("en", caveat), ("ru", caveat_ru)] {
            let args = ["export", "--tour", "new-great-game", "--format", format, "--lang", lang];
            let teacher = ok(&args);
            assert!(teacher.contains(words), "{format} {lang}: the lesson plan lacks the note");
            let heading = if lang == "ru" {
                "Заметка для учителя"
            } else {
                "Note for the teacher"
            };
            assert!(teacher.contains(heading), "{format} {lang}");
            let mut students = args.to_vec();
            students.push("--no-notes");
            let students = ok(&students);
            assert!(!students.contains(words), "{format} {lang}: the students' copy has it");
            assert!(!students.contains("caveat") && !students.contains("учителя"), "{students}");
            // The description, which is for everyone, stays.
            assert!(
                students.contains("Dushanbe") || students.contains("Душанбе"),
                "{format} {lang}"
            );
        }
    }
    // A YAML export keeps it where it was, with its translation.
    let yaml = ok(&["export", "--format", "yaml"]);
    let loaded = load_yaml(&yaml);
    let tour = loaded.timeline.tour("new-great-game").expect("the tour");
    assert!(tour.teacher_note.as_deref().is_some_and(|n| n.contains(caveat)));
    assert!(!tour.description.as_deref().unwrap_or_default().contains(caveat));
    assert!(yaml.contains(caveat_ru));
}

#[test]
fn every_label_of_every_rendering_is_in_the_class_language() {
    let english = [
        "Step 9 of",
        "Next →",
        "Teacher's notes",
        "Era:",
        "Note for the teacher",
        "Question for the class",
    ];
    for (lang, step, words) in [
        ("ru", "Шаг 9 из 13", ["Далее", "Заметки учителя", "Эпоха", "Вопрос классу"]),
        ("ar", "الخطوة 9 من 13", ["التالي", "ملاحظات المعلّم", "الحقبة", "سؤال للصف"]),
    ] {
        let html = ok(&["export", "--tour", "new-great-game", "--format", "html", "--lang", lang]);
        let md = ok(&["export", "--tour", "new-great-game", "--lang", lang]);
        for (what, text) in [("html", &html), ("markdown", &md)] {
            for e in english {
                assert!(!text.contains(e), "{lang} {what} says {e:?}");
            }
            assert!(text.contains(step), "{lang} {what}");
        }
        for w in words {
            assert!(html.contains(w), "{lang}: {w}");
        }
        assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{lang}");
        for format in ["markdown", "html"] {
            let args = ["export", "--tour", "new-great-game", "--worksheet", "--format", format];
            let sheet = ok(&[&args[..], &["--lang", lang]].concat());
            for e in ["Worksheet:", "The events", "Questions", "Choose one answer", "Name:"] {
                assert!(!sheet.contains(e), "{lang} {format} worksheet says {e:?}");
            }
        }
    }
    // An English name in an Arabic page is marked English, for a screen reader.
    let ar = ok(&["export", "--lang", "ar", "--format", "html"]);
    assert!(
        ar.contains("<div class=\"summary\" data-s lang=\"en\">"),
        "summaries in English are marked"
    );
    assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\">"));
}
