//! Out to a calendar and a citation manager: `export --format ics` is read
//! back by an independent iCalendar parser (the `ical` crate) and checked
//! against RFC 5545's rules for what it writes; `export --format csl` is
//! checked against the CSL-JSON schema (tests/fixtures/csl-data.schema.json,
//! rewritten from the Citation Style Language project's csl-data.json).

use crate::common;

use std::io::BufReader;

use common::run::{stderr, stdout, steppe};
use ical::parser::ical::component::IcalEvent;

fn export(args: &[&str]) -> (String, String) {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    let o = steppe(&all);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    (stdout(&o), stderr(&o))
}

/// The calendar's events, as the parser reads them; the text must parse whole.
fn calendar_events(text: &str) -> Vec<IcalEvent> {
    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = calendars.next().expect("a calendar").expect("a valid calendar");
    assert!(calendars.next().is_none(), "one calendar");
    calendar.events
}

fn prop<'a>(e: &'a IcalEvent, name: &str) -> Option<&'a str> {
    e.properties.iter().find(|p| p.name == name).and_then(|p| p.value.as_deref())
}

/// A property's value read from the text itself, unfolded as RFC 5545
/// (3.1) says: the `ical` crate also drops the spaces before a fold.
fn value(text: &str, uid: &str, name: &str) -> String {
    let unfolded = text.replace("\r\n ", "");
    let event = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains(&format!("\r\nUID:{uid}\r\n")))
        .expect(uid);
    let line = event.split("\r\n").find(|l| l.starts_with(&format!("{name}:"))).expect(name);
    unescape(&line[name.len() + 1..])
}

/// A TEXT value as written, unescaped (RFC 5545, 3.3.11).
fn unescape(v: &str) -> String {
    v.replace("\\n", "\n")
        .replace("\\N", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\")
}

/// What RFC 5545 asks of every file steppe writes: CRLF line ends, lines of
/// at most 75 octets, and a UID, a DTSTAMP and a DTSTART in every event.
fn assert_rfc5545(text: &str, events: &[IcalEvent]) {
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\n'), "a bare line feed: {line:?}");
        assert!(line.len() <= 75, "a line over 75 octets: {line:?}");
    }
    for e in events {
        for name in ["UID", "DTSTAMP", "DTSTART", "SUMMARY"] {
            assert!(prop(e, name).is_some(), "{name} in {:?}", e.properties);
        }
    }
}

#[test]
fn the_timeline_as_a_calendar_of_all_day_events() {
    let (text, _) = export(&["--format", "ics"]);
    let events = calendar_events(&text);
    assert_rfc5545(&text, &events);
    let (all, _) = export(&["--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_str(&all).expect("JSON");
    let before_ce =
        all.iter().filter(|e| e["date"].as_str().is_some_and(|d| d.starts_with('-'))).count();
    assert_eq!(events.len(), all.len() - before_ce);
    let find = |uid: &str| events.iter().find(|e| prop(e, "UID") == Some(uid)).expect(uid);
    // A day: that day, as a DATE, ending the next (DTEND is exclusive).
    let sco = find("sco-founded@steppe");
    let date_of = |e: &IcalEvent, name: &str| {
        let p = e.properties.iter().find(|p| p.name == name).expect(name);
        let params = p.params.clone().unwrap_or_default();
        assert!(params.iter().any(|(k, v)| k == "VALUE" && v == &["DATE"]), "{name}: {params:?}");
        p.value.clone().unwrap_or_default()
    };
    assert_eq!(date_of(sco, "DTSTART"), "20010615");
    assert_eq!(date_of(sco, "DTEND"), "20010616");
    assert_eq!(
        unescape(prop(sco, "SUMMARY").unwrap_or_default()),
        "Shanghai Cooperation Organisation founded"
    );
    let categories = unescape(prop(sco, "CATEGORIES").unwrap_or_default());
    assert!(categories.split(',').any(|c| c == "organisation"), "{categories}");
    // A range of months: from its first day to after its last.
    let tashkent = find("siege-of-tashkent@steppe");
    assert_eq!(date_of(tashkent, "DTSTART"), "18650501");
    assert_eq!(date_of(tashkent, "DTEND"), "18650630");
    assert!(prop(tashkent, "DESCRIPTION").is_some());
    let description = value(&text, "siege-of-tashkent@steppe", "DESCRIPTION");
    assert!(description.contains("Mikhail Chernyayev laid siege"), "{description}");
    assert!(description.contains("the date is known to the month (May 1865)"), "{description}");
}

#[test]
fn events_before_1_ce_are_left_out_with_a_note_and_places_are_kept() {
    let (text, notes) = export(&["--format", "ics", "tests/fixtures/formats/books-media.yaml"]);
    assert!(
        notes.contains("note: 1 event before 1 CE left out: iCalendar has no years before 1"),
        "{notes}"
    );
    let events = calendar_events(&text);
    assert_rfc5545(&text, &events);
    let (gdelt, _) = export(&["--format", "ics", "tests/fixtures/import/20240703.export.CSV"]);
    let events = calendar_events(&gdelt);
    assert_rfc5545(&gdelt, &events);
    assert_eq!(events.len(), 7);
    let deal = events
        .iter()
        .find(|e| prop(e, "UID") == Some("gdelt-1187226330@steppe"))
        .expect("an event");
    assert_eq!(unescape(prop(deal, "LOCATION").unwrap_or_default()), "Astana, Astana, Kazakhstan");
    assert_eq!(prop(deal, "GEO"), Some("51.1811;71.4278"));
    assert_eq!(prop(deal, "URL"), Some("https://www.example.kz/news/2024/07/03/sco-agreement"));
    // A tag with a comma in it stays one category.
    let (acled, _) = export(&[
        "--format",
        "ics",
        "tests/fixtures/import/acled-2022.csv",
        "--where",
        "attr:fatalities=3",
    ]);
    let events = calendar_events(&acled);
    assert_eq!(events.len(), 1);
    let raw = prop(&events[0], "CATEGORIES").unwrap_or_default();
    assert!(raw.contains("explosions/remote violence"), "{raw}");
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = dir.path().join("t.yaml");
    let text = "events:\n  - {id: a, date: 2022-01-05, title: A, tags: [\"arrest, detain\", x], sources: [https://example.org]}\n";
    std::fs::write(&yaml, text).expect("write");
    let (ics, _) = export(&["--format", "ics", yaml.to_str().expect("a path")]);
    let events = calendar_events(&ics);
    assert_eq!(prop(&events[0], "CATEGORIES"), Some("arrest\\, detain,x"));
    // An .ics ending chooses the format.
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("summits.ics");
    let o = steppe(&["export", "--where", "tag:summit", "-o", out.to_str().expect("a path")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read_to_string(&out).expect("written");
    assert!(!calendar_events(&written).is_empty());
}

fn csl_schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string("tests/fixtures/csl-data.schema.json").expect("the schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    jsonschema::validator_for(&schema).expect("a valid schema")
}

fn assert_csl(text: &str) -> Vec<serde_json::Value> {
    let items: serde_json::Value = serde_json::from_str(text).expect("JSON");
    let validator = csl_schema();
    let errors: Vec<String> =
        validator.iter_errors(&items).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    items.as_array().cloned().unwrap_or_default()
}

#[test]
fn sources_as_csl_json_pass_the_schema() {
    let (text, _) = export(&["--format", "csl", "tests/fixtures/formats/books-media.yaml"]);
    let items = assert_csl(&text);
    let book = items.iter().find(|i| i["title"] == "The Great Game").expect("the book");
    assert_eq!(book["type"], "book");
    assert_eq!(book["author"], serde_json::json!([{"family": "Hopkirk", "given": "Peter"}]));
    assert_eq!(book["publisher"], "John Murray");
    assert_eq!(book["issued"], serde_json::json!({"date-parts": [[1990]]}));
    assert_eq!(book["page"], "425-430");
    // Web pages: their addresses, and the day GDELT found them.
    let (text, _) = export(&["--format", "csl", "tests/fixtures/import/20240703.export.CSV"]);
    let items = assert_csl(&text);
    assert_eq!(items.len(), 7, "one per source");
    let page =
        items.iter().find(|i| i["URL"] == "https://kg.example.net/batken-border").expect("a page");
    assert_eq!(page["type"], "webpage");
    assert_eq!(page["issued"], serde_json::json!({"date-parts": [[2024, 7, 2]]}));
    // A source cited by several events is one item; the whole built-in timeline passes too.
    let (text, _) = export(&["--format", "csl"]);
    let items = assert_csl(&text);
    let mut cited: Vec<String> =
        items.iter().map(|i| format!("{} {}", i["title"], i["URL"])).collect();
    let n = cited.len();
    cited.sort_unstable();
    cited.dedup();
    assert_eq!(cited.len(), n, "each source once");
    // The schema is a real check: an item without a type fails it.
    let bad = serde_json::json!([{"id": "x", "title": "no type"}]);
    assert!(!csl_schema().is_valid(&bad));
}
