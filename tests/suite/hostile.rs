//! Broken and hostile input: every case loads correctly or fails with a clear,
//! located error, quickly, and nothing from a file reaches the terminal as a command.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use steppe::load::{self, Loaded};
use steppe::query::{Filter, Query};
use steppe::tui::theme::Theme;
use steppe::tui::view;
use steppe::tui::{Action, App, Effect, Msg};

fn steppe(args: &[&str]) -> Output {
    common::run::command()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the steppe binary runs")
}

fn validate(path: &Path) -> (Option<i32>, String, String) {
    let o = steppe(&["validate", path.to_str().expect("utf-8 path")]);
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

const EVENT: &str = "events:\n  - {id: a, date: 2001, title: A, sources: [https://example.org]}\n";

#[test]
fn alias_bomb_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    let names = "abcdefghij";
    for i in 1..names.len() {
        let refs = vec![format!("*{}", &names[i - 1..i]); 9].join(", ");
        bomb.push_str(&format!("{n}: &{n} [{refs}]\n", n = &names[i..=i]));
    }
    let (code, _, err) = validate(&write(dir.path(), "bomb.yaml", bomb.as_bytes()));
    assert_eq!(code, Some(1));
    assert!(err.contains("bomb.yaml:") && err.contains("billion laughs"), "{err}");
}

#[test]
fn deep_nesting_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let deep = format!("title: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let (code, _, err) = validate(&write(dir.path(), "deep.yaml", deep.as_bytes()));
    assert_eq!(code, Some(1));
    assert!(err.contains("deep.yaml:1:") && err.contains("nested more than 128 levels"), "{err}");
}

#[test]
fn a_300_mb_file_of_zeros_is_named_as_not_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.yaml");
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(300 * 1024 * 1024).expect("sparse file");
    let (code, _, err) = validate(&path);
    assert_eq!(code, Some(1));
    assert!(err.contains("huge.yaml:1:1") && err.contains("U+0000 (NUL)"), "{err}");
    assert!(err.contains("this does not look like a text file"), "{err}");
    assert!(err.len() < 4000, "a capped report: {} bytes", err.len());
}

#[test]
fn invalid_utf8_names_the_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, _, err) =
        validate(&write(dir.path(), "latin1.yaml", b"title: ok\nsummary: caf\xe9\n"));
    assert_eq!(code, Some(1));
    assert!(err.contains("not UTF-8 text (first bad byte at line 2, byte 13)"), "{err}");
}

#[test]
fn bom_and_crlf_load_with_right_line_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "\u{feff}title: With BOM\r\nevents:\r\n  - id: a\r\n    date: 2001\r\n    title: A\r\n    sources: [https://example.org]\r\n";
    let (code, out, err) = validate(&write(dir.path(), "bom.yaml", text.as_bytes()));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("1 event"), "{out}");
    let broken = text.replace("date: 2001", "date: 2001-13");
    let (code, _, err) = validate(&write(dir.path(), "bom.yaml", broken.as_bytes()));
    assert_eq!(code, Some(1));
    assert!(err.contains("bom.yaml:4:11"), "{err}");
    assert!(!err.contains('\r'), "{err:?}");
}

#[test]
fn an_empty_file_is_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, out, err) = validate(&write(dir.path(), "empty.yaml", b""));
    assert_eq!(code, Some(0));
    assert!(out.contains("0 events") && err.contains("this file is empty"), "{out}{err}");
}

#[cfg(unix)]
#[test]
fn a_directory_of_odd_files_reports_each_bad_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "good.yaml", EVENT.as_bytes());
    write(dir.path(), "notes.txt", b"\x00\x01 not yaml");
    write(dir.path(), "picture.png", b"\x89PNG");
    std::os::unix::fs::symlink(dir.path().join("gone.yaml"), dir.path().join("dangling.yaml"))
        .expect("symlink");
    let fifo = dir.path().join("pipe.yml");
    let made = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    let (code, _, err) = validate(dir.path());
    assert_eq!(code, Some(1));
    assert!(err.contains("dangling.yaml") && err.contains("no such file or directory"), "{err}");
    if made {
        assert!(err.contains("pipe.yml") && err.contains("not a regular file"), "{err}");
    }
    assert!(!err.contains("notes.txt") && !err.contains("picture.png"), "{err}");
}

#[test]
fn hostile_text_is_harmless_in_messages_and_in_the_explorer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = "title: x\n\"key\\e]0;owned\\a\\e[2J\\u202e\": 1\nevents:\n  - {id: \"ev\\e[31m\", date: 2001, title: T}\n";
    let (code, _, err) = validate(&write(dir.path(), "bad.yaml", bad.as_bytes()));
    assert_eq!(code, Some(1));
    for c in ['\u{1b}', '\u{7}', '\u{202e}', '\u{9b}'] {
        assert!(!err.contains(c), "stderr carries {c:?}: {err:?}");
    }
    assert!(err.contains("\\u{1b}"), "hazards are shown escaped: {err}");

    let loaded = load::load_paths(&[
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile.yaml")
    ]);
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    let app = App::new(Query::new(loaded.timeline), Filter::default(), 120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal.draw(|f| view::render(&app, &Theme::dark(), f)).expect("draw");
    let buf = terminal.backend().buffer();
    let text: String = buf.content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains("Evil"), "{text}");
    for c in text.chars() {
        assert!(!steppe::text::sanitize::is_hazard(c), "the frame carries {c:?}");
    }
}

fn check_located(loaded: &Loaded, text: &str) {
    // Lines as editors and the parser count them: a lone carriage return ends one too.
    let lines = text.replace("\r\n", "\n").replace('\r', "\n").lines().count().max(1);
    for d in &loaded.report.diagnostics {
        if let Some(m) = d.mark {
            assert!(m.line >= 1 && m.line <= lines + 1, "{d:?} outside {lines} lines");
            assert!(m.column >= 1);
        }
        assert!(!d.message.is_empty());
    }
}

fn yaml_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("1991".to_string()),
        Just("2023-02-30".to_string()),
        Just("-0329".to_string()),
        Just("\"1865~\"".to_string()),
        Just("KZ".to_string()),
        Just("~".to_string()),
        Just("[KZ, XX]".to_string()),
        Just("{id: putin, role: host}".to_string()),
        Just("&a x".to_string()),
        Just("*a".to_string()),
        "[a-z]{1,8}",
        "\"[^\"\\\\]{0,12}\"",
    ]
}

fn yaml_key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("id"),
        Just("date"),
        Just("end"),
        Just("title"),
        Just("summary"),
        Just("countries"),
        Just("actors"),
        Just("tags"),
        Just("sources"),
        Just("related"),
        Just("code"),
        Just("name"),
        Just("kind"),
        Just("start"),
        Just("steps"),
        Just("event"),
        Just("url"),
        Just("titel"),
    ]
    .prop_map(String::from)
}

/// Documents shaped like timelines: top-level sections holding lists of small mappings.
fn yaml_document() -> impl Strategy<Value = String> {
    let item = prop::collection::vec((yaml_key(), yaml_scalar()), 0..6);
    let section = prop_oneof![
        Just("countries"),
        Just("actors"),
        Just("eras"),
        Just("events"),
        Just("tours"),
        Just("title"),
    ];
    prop::collection::vec((section, prop::collection::vec(item, 0..4)), 0..5).prop_map(|sections| {
        let mut doc = String::new();
        for (name, items) in sections {
            doc.push_str(&format!("{name}:\n"));
            for fields in items {
                let mut first = true;
                for (k, v) in fields {
                    doc.push_str(if first { "  - " } else { "    " });
                    doc.push_str(&format!("{k}: {v}\n"));
                    first = false;
                }
                if first {
                    doc.push_str("  - {}\n");
                }
            }
        }
        doc
    })
}

/// Whether a report says `message`: whole, or past the first few of its kind
/// as its particulars and "(as above)" when its explanation is the first's.
fn said(rendered: &str, message: &str) -> bool {
    let brief = message.split_once(": ").map(|(particular, _)| format!("{particular} (as above)"));
    rendered.contains(message) || brief.is_some_and(|b| rendered.contains(&b))
}

#[test]
fn every_message_is_said_whole_or_as_above() {
    // Events written twice and dates of one mistake: more of a kind than are
    // explained in full.
    let mut doc = String::from("events:\n");
    for i in 0..8 {
        doc.push_str(&format!("  - {{id: e{i}, date: 19x{i}, title: T}}\n"));
    }
    doc.push_str("events: []\n");
    let loaded = load::load_texts(vec![("shaped.yaml".into(), Ok(doc))]);
    let rendered = loaded.report.render_all();
    assert!(rendered.contains("(as above)"), "{rendered}");
    for d in &loaded.report.diagnostics {
        assert!(said(&rendered, &d.message), "{} is not in\n{rendered}", d.message);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_panics_the_loader(text in "\\PC{0,200}") {
        let loaded = load::load_texts(vec![("fuzz.yaml".into(), Ok(text.clone()))]);
        check_located(&loaded, &text);
        let _ = loaded.report.render();
    }

    #[test]
    fn timeline_shaped_documents_load_or_explain(doc in yaml_document()) {
        let loaded = load::load_texts(vec![("shaped.yaml".into(), Ok(doc.clone()))]);
        check_located(&loaded, &doc);
        let rendered = loaded.report.render_all();
        for d in &loaded.report.diagnostics {
            prop_assert!(said(&rendered, &d.message), "{} is not in\n{rendered}", d.message);
        }
        if loaded.is_ok() {
            let q = Query::new(loaded.timeline);
            prop_assert_eq!(q.matches(&Filter::default()).len(), q.timeline().events.len());
        }
    }
}

#[test]
fn monkey_ten_thousand_random_inputs_keep_the_invariants() {
    let loaded = load::load_bundled();
    let query = Query::new(loaded.timeline.clone());
    let mut app = App::new(Query::new(loaded.timeline), Filter::default(), 120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    // The quiz's seedable source, so a failing run can be replayed.
    let mut rng = steppe::teach::quiz::Rng::new(0x5eed_1234_abcd_9876);
    let keys = ['j', 'k', 'g', 'G', 'm', 'c', '/', 'n', 'N', 'y', '?', ' ', '1', '9', 'a', 'z'];
    for step in 0..12_000 {
        let action = match rng.below(27) {
            20 => Action::StartPresentation,
            21 => Action::OpenTours,
            22 => Action::StartQuiz,
            23 => Action::NextEvent,
            24 => Action::PrevEvent,
            25 => Action::ToggleNotes,
            26 => Action::ToggleQuestion,
            0..=5 => Action::Input(keys[rng.below(keys.len())]),
            6 => Action::NextPane,
            7 => Action::PrevPane,
            8 => Action::Activate,
            9 => Action::Back,
            10 => Action::Submit,
            11 => Action::PageDown,
            12 => Action::PageUp,
            13 => Action::DeleteChar,
            14 => Action::Click { column: rng.below(130) as u16, row: rng.below(50) as u16 },
            15 => Action::ScrollDown { column: rng.below(130) as u16, row: rng.below(50) as u16 },
            16 => Action::ScrollUp { column: rng.below(130) as u16, row: rng.below(50) as u16 },
            17 => {
                let (width, height) = (1 + rng.below(200) as u16, 1 + rng.below(70) as u16);
                app.update(Msg::Resize { width, height });
                continue;
            }
            18 => Action::ToggleMatch,
            _ => Action::Down,
        };
        // Letters reach the app as a person's keys would: through the keymap.
        let action = match action {
            Action::Input(c) if app.prompt().is_none() => {
                let key = ratatui::crossterm::event::KeyEvent::new(
                    ratatui::crossterm::event::KeyCode::Char(c),
                    ratatui::crossterm::event::KeyModifiers::NONE,
                );
                match steppe::tui::keymap::lookup(app.context(), key) {
                    Some(Action::Quit) | None => continue,
                    Some(a) => a,
                }
            }
            a => a,
        };
        let effects = app.update(action);
        assert!(!effects.iter().any(|e| matches!(e, Effect::End(_))), "step {step}: {effects:?}");
        if app.shown().is_empty() {
            assert_eq!(app.selected(), 0, "step {step}");
        } else {
            assert!(app.selected() < app.shown().len(), "step {step}: {action:?}");
        }
        assert!(app.facets().country_cursor < app.timeline().countries.len());
        match &app.screen() {
            steppe::tui::state::Screen::Present(p) => {
                assert!(p.slides.is_empty() || p.at < p.slides.len(), "step {step}");
            }
            steppe::tui::state::Screen::Quiz(q) => {
                assert!(q.at <= q.questions.len(), "step {step}")
            }
            _ => {}
        }
        if let Some(t) = app.overlays().tour_picker() {
            assert!(t < app.timeline().tours.len());
        }
        assert!(app.facets().actor_cursor < app.timeline().actors.len());
        if step % 50 == 0 {
            assert_eq!(
                app.shown(),
                query.matches(app.filter()),
                "step {step}: the explorer and `list` disagree"
            );
            assert_eq!(app.country_counts(), query.country_counts(app.filter()));
            terminal.backend_mut().resize(app.width(), app.height());
            terminal
                .resize(ratatui::layout::Rect::new(0, 0, app.width(), app.height()))
                .expect("resize");
            terminal.draw(|f| view::render(&app, &Theme::dark(), f)).expect("draw");
        }
    }
}

#[test]
fn alias_fan_out_is_bounded_by_what_it_expands_to() {
    let dir = tempfile::tempdir().expect("tempdir");
    let urls: String = (0..20_000).map(|i| format!("  - https://example.org/{i}\n")).collect();
    let mut text = format!(
        "title: Fan-out\nevents:\n  - id: e0\n    date: 2001\n    title: T\n    sources: &u\n{}",
        urls.replace("  - ", "      - ")
    );
    for i in 1..2_000 {
        text.push_str(&format!("  - {{id: e{i}, date: 2001, title: T, sources: *u}}\n"));
    }
    let (code, _, err) = validate(&write(dir.path(), "fan.yaml", text.as_bytes()));
    assert_eq!(code, Some(1));
    assert!(err.contains("billion laughs"), "{err}");
}

#[test]
fn quotes_do_not_hide_deep_nesting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let n = 100_000;
    let text = format!("title: [it's, {}{}, don't]\n", "[".repeat(n), "]".repeat(n));
    let (code, _, err) = validate(&write(dir.path(), "deep.yaml", text.as_bytes()));
    assert_eq!(code, Some(1));
    assert!(err.contains("deep.yaml:1:") && err.contains("nested more than 128 levels"), "{err}");
    let block = format!("events:\n{}x\n", "- ".repeat(n));
    let (code, _, err) = validate(&write(dir.path(), "block.yaml", block.as_bytes()));
    assert_eq!(code, Some(1));
    assert!(err.contains("nested more than 128 levels"), "{err}");
}

#[test]
fn a_long_line_with_many_errors_gives_a_short_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let items: Vec<String> = (0..4_000).map(|i| format!("{{id: e{i}, date: x{i}}}")).collect();
    let text = format!("events: [{}]\n", items.join(", "));
    assert!(text.len() > 100_000);
    let (code, _, err) = validate(&write(dir.path(), "line.yaml", text.as_bytes()));
    assert_eq!(code, Some(1));
    assert!(err.len() < 20_000, "{} bytes of report", err.len());
    assert!(err.contains("more like this"), "{err}");
    let all = steppe(&["validate", "--all", dir.path().join("line.yaml").to_str().expect("utf-8")]);
    let all = String::from_utf8_lossy(&all.stderr);
    assert!(all.matches("is not a valid `date`").count() == 4_000);
    // A quoted line is a window, not the whole 100 KB line, and is quoted
    // for its first few messages only: after that its place is enough.
    let quoted = all.lines().filter(|l| l.contains(" | "));
    assert!(quoted.clone().count() <= 6, "the line and its caret, three times");
    assert!(all.len() < 10 * text.len(), "{} bytes of --all", all.len());
    assert!(quoted.into_iter().all(|l| l.chars().count() < 120), "a line longer than its window");
}

#[test]
fn other_notations_of_numbers_are_not_years() {
    for (written, shown) in [("0x7C7", "0x7C7"), ("0o3707", "0o3707"), ("+1991", "+1991")] {
        let text = format!(
            "events:\n  - id: a\n    date: {written}\n    title: A\n    sources: [https://example.org]\n"
        );
        let loaded = load::load_texts(vec![("y.yaml".into(), Ok(text))]);
        assert!(!loaded.is_ok(), "{written} was taken as a year");
        let d = &loaded.report.diagnostics[0];
        assert_eq!(d.mark.map(|m| (m.line, m.column)), Some((3, 11)), "{d:?}");
        assert!(d.message.contains(&format!("`{shown}` is not a valid `date`")), "{d:?}");
        assert!(d.help.as_deref().is_some_and(|h| h.contains("`1991`")), "{d:?}");
    }
}

#[test]
fn control_bytes_are_reported_where_they_are() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text =
        b"title: T\nevents:\n  - id: a\n    date: 2001\n    title: A\x00B\n    summary: x\x07y\n";
    let (code, _, err) = validate(&write(dir.path(), "nul.yaml", text));
    assert_eq!(code, Some(1));
    assert!(err.contains("nul.yaml:5:13") && err.contains("U+0000 (NUL)"), "{err}");
    assert!(err.contains("nul.yaml:6:15") && err.contains("U+0007"), "{err}");
    assert!(!err.contains("nul.yaml:1:1"), "{err}");
}

#[test]
fn duplicate_keys_are_reported_at_the_key_with_both_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "events:\n  - id: a\n    date: 2001\n    title: A\n    date: 2002\n";
    let (code, _, err) = validate(&write(dir.path(), "dup.yaml", text.as_bytes()));
    assert_eq!(code, Some(1));
    assert!(err.contains("dup.yaml:5:5"), "{err}");
    assert!(err.contains("`date` is written twice in the same mapping, on lines 3 and 5"), "{err}");
}

#[test]
fn utf16_is_named_with_or_without_a_byte_order_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "title: T\nevents: []\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let cases = [
        ([&[0xFF, 0xFE][..], &le].concat(), "UTF-16 text (little-endian, with a byte-order mark)"),
        ([&[0xFE, 0xFF][..], &be].concat(), "UTF-16 text (big-endian, with a byte-order mark)"),
        (le, "UTF-16 text (little-endian)"),
        (be, "UTF-16 text (big-endian)"),
    ];
    for (bytes, words) in cases {
        let (code, _, err) = validate(&write(dir.path(), "u16.yaml", &bytes));
        assert_eq!(code, Some(1));
        assert!(err.contains(words) && err.contains("save it as UTF-8"), "{words}: {err}");
    }
}

#[test]
fn twenty_thousand_warnings_are_grouped() {
    let mut text = String::from("events:\n");
    for i in 0..20_000 {
        text.push_str(&format!("  - {{id: e{i}, date: 2001, title: T}}\n"));
    }
    let loaded = load::load_texts(vec![("many.yaml".into(), Ok(text))]);
    assert_eq!(loaded.report.warnings(), 20_000);
    let shown = loaded.report.render();
    assert_eq!(shown.matches("has no sources").count(), 3, "{shown}");
    assert!(shown.contains("…and 19,997 more like this"), "{shown}");
    let all = loaded.report.render_all();
    assert!(all.contains("many.yaml:20001:"), "the last warning is found by its line");
}
