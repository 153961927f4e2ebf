//! The third pass over steppe's newer doors (issue 22): the TimelineJS
//! export, the importers, queries and the files themselves, each case
//! reproduced as it was reported. The presenter's socket is in
//! `tests/stress.rs` and `src/tui/sources/peer.rs`.

use crate::common;

use common::run::{stderr, stdout, steppe};
use serde_json::Value;

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("a UTF-8 path").to_string()
}

const HOSTILE: &str = "<img src=x onerror=alert(1)>";

/// Every string TimelineJS3 puts into the page as HTML.
fn html_fields(json: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let slides = json["events"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(json["eras"].as_array().into_iter().flatten());
    for s in slides.chain([&json["title"]]) {
        for v in [
            &s["text"]["headline"],
            &s["text"]["text"],
            &s["media"]["caption"],
            &s["media"]["credit"],
            &s["group"],
            &s["display_date"],
        ] {
            out.extend(v.as_str().map(str::to_string));
        }
    }
    out
}

/// The file as TimelineJS alone reads it: steppe's own fields taken away.
fn without_steppe_fields(json: &mut Value) {
    if let Some(o) = json.as_object_mut() {
        o.remove("steppe");
    }
    for key in ["events", "eras"] {
        for s in json[key].as_array_mut().into_iter().flatten() {
            s.as_object_mut().map(|o| o.remove("steppe"));
        }
    }
}

#[test]
fn the_timelinejs_export_escapes_every_field_timelinejs_shows_as_html() {
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = format!(
        "title: \"{HOSTILE} and AT&amp;T\"\neras:\n  - {{id: e, title: \"{HOSTILE}\", start: 1990}}\nevents:\n  - id: a\n    date: 1991~\n    title: \"{HOSTILE} AT&amp;T & <b>bold</b>\"\n    summary: \"{HOSTILE}\"\n    sources: [https://example.org]\n    media:\n      url: https://example.org/a.jpg\n      caption: \"{HOSTILE}\"\n      credit: \"<script>alert(2)</script>\"\n  - id: b\n    date: 1992\n    title: B\n    sources: [https://example.org]\n    media: {{url: \"https://example.org/iframe<svg/onload=alert(3)>\"}}\n"
    );
    let path = write(dir.path(), "t.yaml", &yaml);
    let o = steppe(&["export", "--format", "timelinejs", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut json: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let fields = html_fields(&json);
    assert!(fields.len() >= 7, "{fields:?}");
    for f in &fields {
        for tag in ["<img", "<script", "<svg", "<b>"] {
            assert!(!f.contains(tag), "markup left in {f:?}");
        }
    }
    assert_eq!(
        json["events"][0]["text"]["headline"],
        "&lt;img src=x onerror=alert(1)&gt; AT&amp;amp;T &amp; &lt;b&gt;bold&lt;/b&gt;"
    );
    // A media address TimelineJS would embed as HTML is left out of its fields.
    let b = json["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["unique_id"] == "b")
        .expect("b");
    assert!(b["media"].is_null(), "{b}");
    // Read back as TimelineJS alone reads it: the same text, `&amp;` kept.
    without_steppe_fields(&mut json);
    let back = write(dir.path(), "back.json", &json.to_string());
    let o = steppe(&["list", "--format", "json", &back]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let events: Vec<Value> = serde_json::from_str(&stdout(&o)).expect("JSON");
    let a = events.iter().find(|e| e["date"] == "1991").expect("a");
    assert_eq!(a["title"], format!("{HOSTILE} AT&amp;T & <b>bold</b>"));
    assert_eq!(a["media"]["caption"], HOSTILE);
    assert_eq!(a["media"]["credit"], "<script>alert(2)</script>");
}

#[test]
fn deep_query_nesting_is_refused_with_a_caret_not_a_stack_overflow() {
    for (what, text) in [
        ("brackets", format!("{}tag:summit{}", "(".repeat(10_000), ")".repeat(10_000))),
        ("not", format!("{}tag:summit", "not ".repeat(30_000))),
    ] {
        let o = steppe(&["list", "--where", &text]);
        let said = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{what}: {said}");
        assert!(said.contains("nested more than 64 levels deep"), "{what}: {said}");
        assert!(said.contains('^'), "{what}: a caret: {said}");
        assert!(said.len() < 1000, "{what}: {} bytes: {said}", said.len());
    }
}

#[test]
fn deep_nesting_typed_into_the_filter_prompt_is_an_error_there() {
    use ratatui::crossterm::event::KeyCode;
    let mut app = common::app(120, 40);
    common::press(&mut app, KeyCode::Char('f'));
    common::type_text(&mut app, &"(".repeat(3000));
    common::type_text(&mut app, "tag:summit");
    let Some(p) = app.prompt() else { panic!("the prompt is open") };
    let e = p.error.clone().expect("checked as typed");
    assert!(e.message.contains("nested more than 64 levels deep"), "{}", e.message);
    assert_eq!(e.span.start, 64, "the caret at the first `(` too deep");
}

#[test]
fn a_long_expression_is_quoted_in_part() {
    let text = format!("tag:summit and {} )", "word ".repeat(20_000));
    let o = steppe(&["list", "--where", &text]);
    let said = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{said}");
    assert!(said.contains("closes no `(`") && said.contains('…'), "{said}");
    assert!(said.len() < 1000, "a 100 KB expression gave {} bytes", said.len());
    let word = "x".repeat(120_000);
    let o = steppe(&["list", "--where", &format!("tag:{word}")]);
    assert!(stderr(&o).len() < 1000, "{} bytes", stderr(&o).len());
}

#[test]
fn the_file_size_limit_is_named_with_how_to_raise_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = String::from("events:\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "  - {{id: e{i}, date: 1991, title: T, sources: [https://e.org]}}\n"
        ));
    }
    let path = write(dir.path(), "big.yaml", &text);
    let o = common::run::command()
        .args(["validate", &path])
        .env("STEPPE_MAX_FILE_MB", "1")
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.contains("this file is 2 MB, more than steppe reads as one timeline (1 MB)"),
        "{said}"
    );
    assert!(said.contains("set STEPPE_MAX_FILE_MB"), "{said}");
    let o = common::run::command()
        .args(["validate", &path])
        .env("STEPPE_MAX_FILE_MB", "3")
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn utf32_is_named_as_utf32() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "title: T\nevents: []\n";
    let le: Vec<u8> = text.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect();
    let be: Vec<u8> = text.chars().flat_map(|c| u32::from(c).to_be_bytes()).collect();
    for (bytes, words) in [
        (
            [&[0xFF, 0xFE, 0, 0][..], &le].concat(),
            "UTF-32 text (little-endian, with a byte-order mark)",
        ),
        (
            [&[0, 0, 0xFE, 0xFF][..], &be].concat(),
            "UTF-32 text (big-endian, with a byte-order mark)",
        ),
        (le, "UTF-32 text (little-endian)"),
        (be, "UTF-32 text (big-endian)"),
    ] {
        let path = dir.path().join("u32.yaml");
        std::fs::write(&path, &bytes).expect("write");
        let o = steppe(&["validate", path.to_str().expect("path")]);
        assert!(stderr(&o).contains(words), "{words}: {}", stderr(&o));
    }
}

#[test]
fn an_unclosed_quote_in_csv_names_the_line_it_opened_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = "id,date,title\na,1991,A\nb,1992,\"B\nc,1993,C\nd,1994,D\n";
    let path = write(dir.path(), "open.csv", csv);
    let o = steppe(&["validate", &path]);
    let said = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(said.contains("open.csv:3:8"), "{said}");
    assert!(
        said.contains("this quote is never closed: lines 3 to 6 were read as one cell"),
        "{said}"
    );
}

#[test]
fn every_format_ends_quietly_when_the_reader_stops() {
    for format in ["table", "json", "csv", "markdown"] {
        let mut child = common::run::command()
            .args(["list", "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        // `| head -1`: one line read, then the pipe is closed.
        let mut out = child.stdout.take().expect("stdout");
        let mut first = [0u8; 64];
        let _ = std::io::Read::read(&mut out, &mut first);
        drop(out);
        let o = child.wait_with_output().expect("ends");
        let said = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{format}: {said}");
        assert!(!said.contains("error") && !said.contains("Broken pipe"), "{format}: {said}");
    }
}

#[test]
fn a_field_error_in_an_event_brings_no_second_error_about_its_quotes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = "events:\n  - id: a\n    date: 1991-13\n    title: A\n    sources: [https://e.org]\n    quotes:\n      - {text: Words, by: Someone}\ntours:\n  - id: t\n    title: T\n    steps:\n      - {event: a, quote: 1}\n      - {event: nowhere, quote: 1}\n";
    let path = write(dir.path(), "t.yaml", yaml);
    let o = steppe(&["validate", &path]);
    let said = stderr(&o);
    assert!(said.contains("`1991-13` is not a valid `date`"), "{said}");
    assert!(said.contains("unknown event `nowhere`"), "{said}");
    assert!(!said.contains("which has 0 quotes"), "{said}");
}

#[test]
fn validate_all_on_a_long_line_of_mistakes_stays_short() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 200 KB on one line: 50,000 unknown countries in one event.
    let line = format!(
        "events: [{{id: a, date: 1991, title: T, sources: [https://e.org], countries: [{}]}}]\n",
        vec!["XX"; 50_000].join(", ")
    );
    let path = write(dir.path(), "line.yaml", &line);
    let o = steppe(&["validate", "--all", &path]);
    let said = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(said.len() < 4 * line.len(), "{} bytes for a {}-byte file", said.len(), line.len());
    assert!(said.contains("49,999 more times on this line"), "{}", &said[..said.len().min(2000)]);
    // A mistake twice on a line: once more, in the singular.
    let twice = write(
        dir.path(),
        "twice.yaml",
        "events: [{id: a, date: 1991, title: T, sources: [https://e.org], countries: [XX, XX]}]\n",
    );
    let said = stderr(&steppe(&["validate", "--all", &twice]));
    assert!(said.contains("= and 1 more time on this line"), "{said}");
}
