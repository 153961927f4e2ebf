//! What counts as a line: a diagnostic's line is the line an editor shows,
//! whatever mix of line ends a file has, and the line and paragraph
//! separators (U+2028, U+2029) end no line in a file and reach no output.

use crate::common;

use std::path::Path;
use std::process::Output;

use proptest::prelude::*;

use steppe::load::{self, Loaded};

fn steppe(args: &[&str]) -> Output {
    common::run::command()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the steppe binary runs")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("utf-8 path").to_string()
}

/// An event whose country `XX` is unknown, with its lines ended by `end`.
fn unknown_country(end: &str) -> String {
    ["events:", "  - id: a", "    date: 2001", "    title: T", "    sources: [https://e.org]"]
        .iter()
        .chain(&["    countries: [XX]", ""])
        .copied()
        .collect::<Vec<_>>()
        .join(end)
}

#[test]
fn a_lone_carriage_return_ends_a_line_as_in_editors_and_the_parser() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Old Mac line ends, and one stray return in a Unix file.
    let mac = write(dir.path(), "mac.yaml", &unknown_country("\r"));
    let mixed = unknown_country("\n").replacen("2001\n", "2001\r", 1);
    let mixed = write(dir.path(), "mixed.yaml", &mixed);
    for path in [mac, mixed] {
        let o = steppe(&["validate", &path]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains(":6:17"), "{err}");
        // The quoted line is line 6 as an editor shows it, with the caret under `XX`.
        assert!(err.contains("6 |     countries: [XX]\n  |                 ^^"), "{err}");
    }
}

#[test]
fn separators_in_a_one_line_text_are_spaces_and_count_no_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "events:\n  - {id: a, date: 2001, title: \"x\u{2028}y\u{2029}z\", sources: [https://e.org], countries: [XX]}\n";
    let path = write(dir.path(), "sep.yaml", text);
    let o = steppe(&["validate", &path]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("sep.yaml:2:"), "the error is on line 2: {err}");
    // The line is quoted with the separators shown as escapes.
    assert!(err.contains(r#"title: "x\u{2028}y\u{2029}z""#), "{err}");
    assert!(!err.contains(['\u{2028}', '\u{2029}']), "{err:?}");

    let fixed = write(dir.path(), "sep.yaml", &text.replace(", countries: [XX]", ""));
    let o = steppe(&["list", "--format", "json", &fixed]);
    let events: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(events[0]["title"], "x y z");
}

#[test]
fn separators_in_a_several_line_text_are_line_and_paragraph_breaks() {
    let text = "events:\n  - id: a\n    date: 2001\n    title: T\n    summary: \"One\u{2028}two.\u{2029}Next paragraph.\"\n    sources: [https://e.org]\n";
    let loaded = load::load_texts(vec![("s.yaml".into(), Ok(text.into()))]);
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    assert_eq!(loaded.timeline.events[0].summary, "One\ntwo.\n\nNext paragraph.");
}

#[test]
fn the_end_of_a_file_without_a_last_line_break_is_on_its_last_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "cut.yaml", "events:\n  - {id: a");
    let o = steppe(&["validate", &path]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("cut.yaml:2:11\n  |\n2 |   - {id: a\n  |           ^"), "{err}");
}

/// Every diagnostic's place is a line of its file, and a column on that line.
fn check_places(loaded: &Loaded) -> Result<(), TestCaseError> {
    for d in &loaded.report.diagnostics {
        let Some(m) = d.mark else { continue };
        let file = &loaded.report.files[d.file];
        let line = file.line(m.line);
        prop_assert!(line.is_some(), "{d:?} is on no line of {:?}", file.text);
        let chars = line.map_or(0, |l| l.chars().count());
        prop_assert!(m.column <= chars + 1, "{d:?} is past the end of {line:?}");
    }
    Ok(())
}

fn piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("\n"),
        Just("\r\n"),
        Just("\r"),
        Just("\u{2028}"),
        Just("\u{2029}"),
        Just("events:"),
        Just("  - id: a"),
        Just("    date: 20x1"),
        Just("    title: \"x"),
        Just("y\""),
        Just("    countries: [XX]"),
        Just("    summary: |"),
        Just("      text"),
        Just(" "),
        Just("\t"),
        Just("é"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_place_is_on_a_line_whatever_the_line_ends(
        pieces in prop::collection::vec(piece(), 0..40)
    ) {
        let text: String = pieces.concat();
        let loaded = load::load_texts(vec![("ends.yaml".into(), Ok(text))]);
        check_places(&loaded)?;
        let shown = loaded.report.render_all();
        prop_assert!(!shown.contains(['\u{2028}', '\u{2029}', '\r']), "{shown:?}");
    }
}
