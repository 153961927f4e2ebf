//! The format's growth (media, books, places, external ids) and the readers
//! and writers of other formats: TimelineJS JSON and sheets, steppe's CSV.

use std::path::PathBuf;

use crate::common;

use steppe::load::{self, Loaded};
use steppe::model::{Location, Media, Source};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from("tests/fixtures/formats").join(name)
}

fn load(name: &str) -> Loaded {
    load::load_paths(&[fixture(name)])
}

#[test]
fn books_media_places_and_external_ids_load() {
    let loaded = load("books-media.yaml");
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    let tl = &loaded.timeline;
    let e = &tl.events[tl.event_index("panjdeh").expect("panjdeh")];
    assert_eq!(
        e.sources[0],
        Source {
            title: "The Great Game".into(),
            url: None,
            author: Some("Peter Hopkirk".into()),
            publisher: Some("John Murray".into()),
            year: Some("1990".into()),
            page: Some("425-430".into()),
        }
    );
    assert_eq!(
        e.sources[0].details().as_deref(),
        Some("Peter Hopkirk · John Murray, 1990 · pp. 425-430")
    );
    assert_eq!(e.sources[1].details().as_deref(), Some("The National Archives, Kew"));
    assert_eq!(e.sources[2], Source::web("https://en.wikipedia.org/wiki/Panjdeh_incident"));
    assert!(!e.sources[2].titled());
    assert_eq!(
        e.media.as_deref(),
        Some(&Media {
            url: "https://upload.wikimedia.org/wikipedia/commons/a/a1/Panjdeh.jpg".into(),
            caption: Some("The Panjdeh oasis on a map of 1885".into()),
            credit: Some("Wikimedia Commons".into()),
            ..Media::default()
        })
    );
    assert_eq!(
        e.location.as_deref(),
        Some(&Location { name: Some("Panjdeh".into()), coordinates: Some((35.99, 62.75)) })
    );
    assert_eq!(e.external_ids, vec![("wikidata".to_string(), "Q1192318".to_string())]);
    let bce = &tl.events[tl.event_index("no-country").expect("no-country")];
    assert!(bce.countries.is_empty());
    assert_eq!(bce.date_label(), "330 BCE");
}

#[test]
fn sources_media_and_places_that_cannot_be_kept_are_each_reported() {
    let loaded = load("bad-growth.yaml");
    let all = loaded.report.render_all();
    for expected in [
        "bad-growth.yaml:6:9",
        "has neither a `title` nor a `url`",
        "bad-growth.yaml:7:9",
        "has a space in it",
        "`ftp://example.org` in a source of event `a` is not a web address",
        "the media of event `a` has no `url`",
        "`lat` of event `a` is 95: expected a number of degrees from -90 to 90",
        "`wiki data` is not a valid name in `external_ids`",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in\n{all}");
    }
    assert_eq!(loaded.report.errors(), 6, "{all}");
}

fn event<'a>(tl: &'a steppe::model::Timeline, id: &str) -> &'a steppe::model::Event {
    &tl.events[tl.event_index(id).unwrap_or_else(|| panic!("no event {id}"))]
}

#[test]
fn a_timelinejs_file_opens_with_its_dates_eras_groups_text_and_media() {
    let loaded = load("great-game.json");
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    let tl = &loaded.timeline;
    assert_eq!(tl.title.as_deref(), Some("The Great Game & after"));
    assert_eq!(
        tl.description.as_deref(),
        Some("Rivalry of empires in Central Asia.\n\nWritten from TimelineJS’s JSON format.")
    );
    let dates: Vec<String> = tl.events.iter().map(|e| e.date.normalized()).collect();
    assert_eq!(dates, ["-0499", "1839", "1885-03-30", "1991-12-26"]);
    assert_eq!(tl.events[0].date_label(), "500 BCE");
    assert_eq!(tl.events[0].tags, ["Empires"]);
    let war = event(tl, "first-anglo-afghan-war");
    assert_eq!(war.date_label(), "1839 – 1842");
    let panjdeh = event(tl, "panjdeh");
    assert_eq!(
        panjdeh.summary,
        "Russian troops took the Panjdeh oasis.\nBritain nearly went to war.\n\nSee the incident and write to us."
    );
    assert_eq!(panjdeh.sources.len(), 1, "only the web link is a source: {:?}", panjdeh.sources);
    assert_eq!(panjdeh.sources[0].title, "the incident");
    assert_eq!(
        panjdeh.sources[0].url.as_deref(),
        Some("https://en.wikipedia.org/wiki/Panjdeh_incident")
    );
    let media = panjdeh.media.as_ref().expect("media");
    assert_eq!(media.credit.as_deref(), Some("Wikimedia Commons"));
    assert_eq!(media.thumbnail.as_deref(), Some("https://upload.wikimedia.org/thumb/Panjdeh.jpg"));
    assert!(panjdeh.countries.is_empty());
    let eras: Vec<(&str, String)> =
        tl.eras.iter().map(|e| (e.title.as_str(), e.start.normalized())).collect();
    assert_eq!(
        eras,
        [("The Great Game", "1813".to_string()), ("Independence", "1991".to_string())]
    );
    assert_eq!(tl.era_of(panjdeh).map(|e| e.id.as_str()), Some("the-great-game"));
    // Made ids are stable: from the headline and the date.
    assert_eq!(tl.events[0].id, "persian-satrapies-of-bactria-and-sogdia-0499");
    let report = loaded.report.render_all();
    for dropped in [
        "`display_date` is not kept",
        "`time of day` is not kept",
        "`background` is not kept",
        "`media of the title slide` is not kept",
    ] {
        assert!(report.contains(dropped), "{dropped} in\n{report}");
    }
    assert!(report.contains("great-game.json:25:23 (read as TimelineJS JSON)"), "{report}");
}

#[test]
fn the_format_is_told_from_the_content_not_the_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("exported.txt");
    std::fs::copy(fixture("great-game.json"), &json).expect("copy");
    let sheet = dir.path().join("sheet");
    std::fs::copy(fixture("sheet.csv"), &sheet).expect("copy");
    let loaded = load::load_paths(&[json, sheet]);
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    assert_eq!(loaded.timeline.events.len(), 7);
    // A directory still means its YAML files only.
    let only_yaml = load::load_paths(&[dir.path().to_path_buf()]);
    assert!(only_yaml.report.render().contains("holds no timeline files"));
}

#[test]
fn a_directory_of_json_and_csv_names_them_to_be_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(fixture("great-game.json"), dir.path().join("great-game.json")).expect("copy");
    std::fs::copy(fixture("sheet.csv"), dir.path().join("sheet.csv")).expect("copy");
    let loaded = load::load_paths(&[dir.path().to_path_buf()]);
    let report = loaded.report.render();
    assert!(
        report.contains("its JSON and CSV files (great-game.json, sheet.csv) are read only when named, such as `"),
        "{report}"
    );
    assert!(report.contains("great-game.json`"), "{report}");
    assert_eq!(loaded.report.errors(), 1, "{report}");
}

#[test]
fn every_value_steppe_cannot_hold_is_reported_and_the_rest_load() {
    let loaded = load("out-of-range.json");
    let ids: Vec<&str> = loaded.timeline.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["a-good-event-1991", "another-good-event-2010"]);
    let report = loaded.report.render_all();
    for expected in [
        "out-of-range.json:4:29 (read as TimelineJS JSON)",
        "`start_date.year` of TimelineJS event \"Far future\" is 12000",
        "TimelineJS event \"Ice age\" is -20000",
        "`start_date.month` of TimelineJS event \"Thirteenth month\" is 13: months go from 1 to 12",
        "the TimelineJS event at line 7 has no headline",
        "\"Year zero\" is 0",
        "\"A day without a month\" has a `start_date.day` but no `start_date.month`",
        "\"Words for a year\" is `nineteen`: expected a whole number",
        "\"The thirtieth of February\" is not a date: Feb 2001 has no day 30",
    ] {
        assert!(report.contains(expected), "missing {expected:?} in\n{report}");
    }
    assert_eq!(loaded.report.errors(), 8, "{report}");
}

#[test]
fn a_sheet_with_a_title_row_eras_and_multi_line_cells_opens() {
    let loaded = load("sheet.csv");
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    let tl = &loaded.timeline;
    assert_eq!(tl.title.as_deref(), Some("Central Asia in five rows"));
    assert_eq!(tl.description.as_deref(), Some("A sheet saved as CSV,\nwith a title row."));
    assert_eq!(tl.eras.len(), 1);
    assert_eq!(tl.eras[0].end.map(|d| d.normalized()).as_deref(), Some("1907"));
    let dates: Vec<String> = tl.events.iter().map(|e| e.date_label()).collect();
    assert_eq!(dates, ["329 BCE", "27–29 Jun 1865", "21 Dec 1991"]);
    assert_eq!(tl.events[0].summary, "On the Syr Darya.\n\nToday's Khujand.");
    let tashkent = &tl.events[1];
    assert_eq!(tashkent.summary, "Russian troops under Chernyayev\ntake the city.");
    assert_eq!(tashkent.tags, ["Empires"]);
    let media = tashkent.media.as_ref().expect("media");
    assert_eq!(media.caption.as_deref(), Some("The walls of Tashkent"));
    assert_eq!(media.credit.as_deref(), Some("Wikimedia"));
    assert_eq!(media.thumbnail.as_deref(), Some("https://upload.wikimedia.org/thumb/tashkent.jpg"));
    assert_eq!(tl.events[2].sources[0].title, "CIS");
    let report = loaded.report.render_all();
    assert!(
        report.contains("sheet.csv:10:12 (read as a TimelineJS sheet saved as CSV)"),
        "{report}"
    );
    assert!(report.contains("`display_date` is not kept (once, first here)"), "{report}");
}

fn steppe(args: &[&str]) -> std::process::Output {
    common::run::command().args(args).output().expect("steppe runs")
}

#[test]
fn list_and_export_write_what_loaded_then_fail_and_validate_fails() {
    let path = "tests/fixtures/formats/out-of-range.json";
    let list = steppe(&["list", path, "--format", "csv"]);
    assert_eq!(list.status.code(), Some(1));
    let out = String::from_utf8_lossy(&list.stdout);
    assert!(out.contains("A good event") && out.contains("Another good event"), "{out}");
    let err = String::from_utf8_lossy(&list.stderr);
    assert!(err.contains("\"Far future\" is 12000"), "{err}");
    assert!(err.contains("8 errors"), "{err}");
    let export = steppe(&["export", path]);
    assert_eq!(export.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&export.stdout).contains("Another good event"));
    let validate = steppe(&["validate", path]);
    assert_eq!(validate.status.code(), Some(1));
    assert!(validate.stdout.is_empty());
}

#[test]
fn the_explorer_opens_what_loaded_and_says_what_did_not() {
    use steppe::tui::state::{App, Prepared, Startup};
    let mut app = App::loading(Startup::default(), 100, 30);
    let bad = load("out-of-range.json");
    let data = Prepared::new(steppe::query::Query::new(bad.timeline), bad.report);
    let effects = common::deliver(&mut app, Ok(data));
    assert!(app.ready() && effects.is_empty(), "opens: {effects:?}");
    assert_eq!(app.shown().len(), 2);
    let message = app.message().unwrap_or_default().to_string();
    assert!(message.starts_with("8 errors, 2 warnings in the files, showing what could be read: tests/fixtures/formats/out-of-range.json:4:29"), "{message}");
    // A reload that still has errors replaces data that had errors too.
    let good = load("great-game.json");
    let mut report = good.report;
    report.diagnostics.push(steppe::load::Diagnostic::error(0, None, "still broken"));
    common::deliver(&mut app, Ok(Prepared::new(steppe::query::Query::new(good.timeline), report)));
    assert_eq!(app.shown().len(), 4);
    assert!(app.banner().is_some_and(|b| b.contains("still broken")), "{:?}", app.banner());
}

#[test]
fn handouts_cite_books_and_show_media_and_places() {
    let path = "tests/fixtures/formats/books-media.yaml";
    let md = String::from_utf8_lossy(&steppe(&["export", path]).stdout).into_owned();
    for expected in [
        "*The Great Game*, Peter Hopkirk · John Murray, 1990 · pp. 425-430",
        "*Foreign Office files on the Afghan frontier*, The National Archives, Kew",
        "*Media:* The Panjdeh oasis on a map of 1885 — Wikimedia Commons <https://upload.wikimedia.org/wikipedia/commons/a/a1/Panjdeh.jpg>",
        "*Place:* Panjdeh (35.99, 62.75)",
    ] {
        assert!(md.contains(expected), "{expected:?} in\n{md}");
    }
    let html =
        String::from_utf8_lossy(&steppe(&["export", path, "--format", "html"]).stdout).into_owned();
    assert!(
        html.contains(
            "<cite>The Great Game</cite>, Peter Hopkirk · John Murray, 1990 · pp. 425-430"
        )
    );
    assert!(html.contains("The Panjdeh oasis on a map of 1885</a> — Wikimedia Commons"));
}

#[test]
fn export_converts_to_yaml_that_validates_and_to_timelinejs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = dir.path().join("mine.yaml");
    let yaml_arg = yaml.to_str().expect("path");
    let source = "tests/fixtures/formats/great-game.json";
    let o = steppe(&["export", "--format", "yaml", "-o", yaml_arg, source]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v = steppe(&["validate", yaml_arg]);
    assert_eq!(v.status.code(), Some(0), "{}", String::from_utf8_lossy(&v.stderr));
    assert_eq!(steppe(&["list", source]).stdout, steppe(&["list", yaml_arg]).stdout);
    let tjs = steppe(&["export", "--format", "timelinejs", "--where", "tag:summit"]);
    let json: serde_json::Value = serde_json::from_slice(&tjs.stdout).expect("JSON");
    let first = &json["events"][0];
    assert!(first["start_date"]["year"].is_i64() && first["text"]["headline"].is_string());
    assert_eq!(first["group"], first["steppe"]["tags"][0]);
    assert!(json["steppe"]["countries"].is_array());
    let bce =
        steppe(&["export", "--format", "timelinejs", "tests/fixtures/formats/books-media.yaml"]);
    let json: serde_json::Value = serde_json::from_slice(&bce.stdout).expect("JSON");
    assert_eq!(json["events"][0]["start_date"]["year"], -330, "steppe -0329 is TimelineJS -330");
    let tour = steppe(&["export", "--format", "yaml", "--tour", "new-great-game"]);
    assert_eq!(tour.status.code(), Some(2));
}

#[test]
fn steppe_csv_errors_point_at_their_cell() {
    let loaded = load("broken.csv");
    let report = loaded.report.render_all();
    for expected in [
        "unknown column `colour`: kept as the events' attribute `colour`\n --> tests/fixtures/formats/broken.csv:1:25 (read as steppe CSV)",
        "`1991-13` is not a valid `date` for event `a`",
        "broken.csv:2:3 (read as steppe CSV)",
        "`https://example.org/a b` in a source of event `a` has a space in it",
        "an event has no `id`",
    ] {
        assert!(report.contains(expected), "{expected:?} in\n{report}");
    }
    assert_eq!(report.matches("`kz` is not a country code").count(), 1, "{report}");
    let ids: Vec<&str> = loaded.timeline.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["c"], "only the event without an error loads");
}

#[test]
fn windows_line_ends_and_blank_rows_place_rows_where_an_editor_shows_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let crlf = std::fs::read_to_string(fixture("sheet.csv")).expect("sheet");
    assert_eq!(crlf.matches("\r\n").count(), 10, "the sheet is saved with Windows line ends");
    let lf = dir.path().join("sheet.csv");
    std::fs::write(&lf, crlf.replace("\r\n", "\n")).expect("write");
    let places = |loaded: &Loaded| -> Vec<usize> {
        loaded.timeline.events.iter().map(|e| e.origin.line).collect()
    };
    let windows = load("sheet.csv");
    assert_eq!(places(&windows), [5, 7, 10]);
    assert_eq!(places(&load::load_paths(std::slice::from_ref(&lf))), [5, 7, 10]);
    let report = windows.report.render_all();
    let time =
        "sheet.csv:10:12 (read as a TimelineJS sheet saved as CSV)\n   |\n10 | 1991,12,21,10:00,";
    assert!(report.contains(time), "{report}");
    let steppe_csv = dir.path().join("g.csv");
    let text = "id,date,title,countries\r\nx1,2020,T1,XX\r\n\r\nx2,2021,T2,KZ\r\n";
    std::fs::write(&steppe_csv, text).expect("write");
    let loaded = load::load_paths(std::slice::from_ref(&steppe_csv));
    assert_eq!(places(&loaded), [2, 4]);
    let report = loaded.report.render_all();
    assert!(report.contains("g.csv:4:1 (read as steppe CSV)\n  |\n4 | x2,"), "{report}");
}

fn load_text(name: &str, text: &str) -> Loaded {
    load::load_texts(vec![(name.into(), Ok(text.to_string()))])
}

fn ids(loaded: &Loaded) -> Vec<&str> {
    loaded.timeline.events.iter().map(|e| e.id.as_str()).collect()
}

#[test]
fn an_event_with_an_error_is_left_out_in_every_format() {
    let yaml = "countries: [{code: KZ, name: Kazakhstan}]
eras:
  - {id: backwards, title: Backwards, start: 1992, end: 1991}
  - {id: fine, title: Fine, start: 1991}
events:
  - {id: ends-before, date: 1991-12-26, end: 1991-12-25, title: A, sources: [https://example.org]}
  - {id: bad-country, date: 1991-12-26, title: B, countries: [KZ, XX], sources: [https://example.org]}
  - {id: bad-source, date: 1991-12-26, title: C, sources: [www.example.org]}
  - {id: good, date: 1991-12-27, title: D, countries: [KZ], sources: [https://example.org]}
";
    let loaded = load_text("t.yaml", yaml);
    let report = loaded.report.render_all();
    assert_eq!(loaded.report.errors(), 4, "{report}");
    assert!(report.contains("event `ends-before` ends (25 Dec 1991) before it starts"), "{report}");
    assert_eq!(ids(&loaded), ["good"]);
    let eras: Vec<&str> = loaded.timeline.eras.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(eras, ["fine"]);
    assert!(!report.contains("has no sources"), "one message for one mistake: {report}");
    let tjs = r#"{"events": [
  {"start_date": {"year": 1991}, "end_date": {"year": 1990}, "text": {"headline": "Backwards"}},
  {"start_date": {"year": 1991}, "text": {"headline": "Forwards", "text": "<a href=\"https://example.org\">x</a>"}}
]}"#;
    let loaded = load_text("t.json", tjs);
    assert!(loaded.report.render_all().contains("ends (1990) before it starts (1991)"));
    assert_eq!(ids(&loaded), ["forwards-1991"]);
    let list = steppe(&["list", "tests/fixtures/formats/broken.csv"]);
    assert_eq!(list.status.code(), Some(1));
    let out = String::from_utf8_lossy(&list.stdout);
    assert!(out.contains("Fine too") && !out.contains("Bad month"), "{out}");
}

#[test]
fn a_second_different_definition_is_one_error_and_no_more() {
    let a = "events:\n  - {id: e, date: 1991, title: First, sources: [https://example.org]}\n";
    let b = "events:\n  - {id: e, date: 1991, title: Second}\n";
    let loaded =
        load::load_texts(vec![("a.yaml".into(), Ok(a.into())), ("b.yaml".into(), Ok(b.into()))]);
    let report = loaded.report.render_all();
    assert_eq!(loaded.report.diagnostics.len(), 1, "{report}");
    assert!(report.contains("is defined twice, differently"), "{report}");
}

#[test]
fn misspelt_timelinejs_keys_and_sheet_columns_are_pointed_out() {
    let tjs = r#"{"events": [
  {"start_date": {"year": 1991, "mnth": 12}, "end_dat": {"year": 1992},
   "text": {"headline": "A", "text.txt": "words", "txt": "more"},
   "media": {"url": "https://example.org/a.jpg", "captoin": "c"}}
], "era": []}"#;
    let loaded = load_text("t.json", tjs);
    let report = loaded.report.render_all();
    for expected in [
        "unknown key `end_dat` in a TimelineJS slide: it is not read\n --> t.json:2:46 (read as TimelineJS JSON)",
        "= help: did you mean `end_date`?",
        "unknown key `mnth` in a slide's `start_date`",
        "did you mean `month`?",
        "unknown key `text.txt` in a slide's `text`",
        "unknown key `txt` in a slide's `text`",
        "unknown key `captoin` in a slide's `media`",
        "did you mean `caption`?",
        "unknown key `era` in a TimelineJS timeline",
        "did you mean `eras`?",
    ] {
        assert!(report.contains(expected), "{expected:?} in\n{report}");
    }
    assert!(loaded.is_ok(), "warnings, not errors: {report}");
    let sheet = "Year,Headline,End Yaer,Notes\n1991,A,1992,x\n";
    let loaded = load_text("s.csv", sheet);
    let report = loaded.report.render_all();
    assert!(
        report.contains("unknown column `End Yaer`: it is not read\n --> s.csv:1:15"),
        "{report}"
    );
    assert!(report.contains("did you mean `End Year`?"), "{report}");
    assert!(report.contains("unknown column `Notes`"), "{report}");
}

#[test]
fn spreadsheets_saved_with_semicolons_and_capitalised_columns_read_as_with_commas() {
    let commas = "id,date,title,countries,sources\nx1,2020,\"One, two\",KZ,https://example.org\n";
    let semicolons =
        "ID;Date;Title;Countries;Sources\r\nx1;2020;One, two;KZ;https://example.org\r\n";
    let a = load_text("a.csv", commas);
    let b = load_text("b.csv", semicolons);
    assert!(b.is_ok(), "{}", b.report.render_all());
    assert_eq!(
        format!("{:?}", a.timeline.events[0].title),
        format!("{:?}", b.timeline.events[0].title)
    );
    assert_eq!(b.timeline.events[0].countries, ["KZ"]);
    let sheet = "Year;Month;Day;Headline;Text\n1991;12;21;Alma-Ata Protocol;<a href=\"https://example.org\">CIS</a>\n";
    let loaded = load_text("sheet.txt", sheet);
    assert!(loaded.is_ok(), "{}", loaded.report.render_all());
    assert_eq!(loaded.timeline.events[0].date_label(), "21 Dec 1991");
    let decimal_comma =
        "id;date;title;sources;latitude;longitude\nx;2020;T;https://example.org;51,18;71,45\n";
    let report = load_text("c.csv", decimal_comma).report.render_all();
    assert!(report.contains("help: write the decimals after a point: `51.18`"), "{report}");
}

#[test]
fn a_header_without_the_needed_columns_is_one_error_and_the_rows_are_not_read() {
    let loaded = load_text("cap.csv", "Date,Event,Country\n2020,A,KZ\n2021,B,KZ\n");
    let report = loaded.report.render_all();
    assert!(
        report.contains("steppe CSV needs the columns `id`, `date` and `title` in its first row; this one has no `id` or `title`\n --> cap.csv:1:1"),
        "{report}"
    );
    assert!(report.contains("unknown column `Event`"), "{report}");
    assert!(
        report.contains(
            "if it holds steppe's `title`, map it with --columns FILE (a line `event: title`)"
        ),
        "{report}"
    );
    assert!(report.contains("unknown column `Country`"), "{report}");
    assert!(report.contains("if it holds steppe's `countries`"), "{report}");
    assert_eq!(loaded.report.errors(), 1, "no error for each row: {report}");
    assert!(!report.contains("needs an `"), "{report}");
}

#[test]
fn timelinejs_media_keep_alt_and_link_and_a_title_is_the_caption_or_reported() {
    let slide = |media: &str| {
        format!(
            "{{\"events\": [{{\"start_date\": {{\"year\": 1991}}, \"text\": {{\"headline\": \"H\"}}, \"media\": {media}}}]}}"
        )
    };
    let alt_only = load_text(
        "a.json",
        &slide(r#"{"url": "https://example.org/p.jpg", "alt": "The hall in Alma-Ata"}"#),
    );
    let media = alt_only.timeline.events[0].media.as_deref().expect("media");
    assert_eq!(media.alt.as_deref(), Some("The hall in Alma-Ata"), "alt is kept as alt");
    let report = alt_only.report.render_all();
    assert!(!report.contains("is not kept"), "{report}");
    let title_only =
        load_text("t.json", &slide(r#"{"url": "https://example.org/p.jpg", "title": "Signing"}"#));
    let media = title_only.timeline.events[0].media.as_deref().expect("media");
    assert_eq!(media.caption.as_deref(), Some("Signing"));
    let all = load_text(
        "all.json",
        &slide(
            r#"{"url": "https://example.org/p.jpg", "caption": "C", "alt": "A", "title": "T", "link": "https://example.org/page"}"#,
        ),
    );
    let report = all.report.render_all();
    let media = all.timeline.events[0].media.as_deref().expect("media");
    assert_eq!(media.caption.as_deref(), Some("C"), "{report}");
    assert_eq!(media.alt.as_deref(), Some("A"));
    assert_eq!(media.link.as_deref(), Some("https://example.org/page"));
    assert!(report.contains("`media title` is not kept"), "{report}");
    assert!(!report.contains("`media alt`") && !report.contains("`media link`"), "{report}");
    let bad_link = load_text(
        "l.json",
        &slide(r#"{"url": "https://example.org/p.jpg", "link": "mailto:a@example.org"}"#),
    );
    assert!(bad_link.report.render_all().contains("`media link` is not kept"));
    assert!(bad_link.timeline.events[0].media.as_deref().is_some_and(|m| m.link.is_none()));
}

/// ACLED's codebook columns, as its exports have them.
const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

#[test]
fn an_acled_export_loads_with_its_other_columns_as_attributes() {
    let csv = fixture("acled.csv");
    let header = std::fs::read_to_string(&csv).expect("read");
    assert_eq!(header.lines().next(), Some(ACLED_COLUMNS.join(",").as_str()), "the codebook's");
    let columns = load::ColumnMap::read(&fixture("acled-columns.yaml")).expect("a column map");
    let sources =
        load::Sources { paths: vec![csv], columns: Some(columns), ..load::Sources::default() };
    let loaded = load::load_sources(&sources, &|_| {});
    let report = loaded.report.render_all();
    assert!(loaded.is_ok(), "{report}");
    assert_eq!(ids(&loaded), ["KAZ1001", "KAZ1002", "KAZ1003"]);
    let e = event(&loaded.timeline, "KAZ1002");
    assert_eq!(e.title, "Violent demonstration");
    assert_eq!(e.location.as_ref().and_then(|l| l.name.as_deref()), Some("Almaty"));
    assert_eq!(e.attributes.get("fatalities"), Some("3"));
    assert_eq!(e.attributes.get("source"), Some("Vlast.kz; Reuters"));
    assert_eq!(e.attributes.get("actor2"), Some("Police Forces of Kazakhstan (2019-)"));
    assert_eq!(e.attributes.get("admin3"), None, "an empty cell is no attribute");
    let first: Vec<&str> = e.attributes.iter().map(|(n, _)| n).take(3).collect();
    assert_eq!(first, ["year", "time_precision", "disorder_type"], "in the file's order");
    // One warning per column kept as an attribute: the 31 less the 8 steppe
    // reads (5 named in the map; latitude, longitude and tags by their names).
    let kept = report.matches("kept as the events' attribute").count();
    assert_eq!(kept, 31 - 8, "{report}");
    assert!(
        report.contains("unknown column `fatalities`: kept as the events' attribute `fatalities`")
    );
    assert!(report.contains("if it holds steppe's `sources`"), "{report}");

    // Searched, and shown on the card.
    let query = steppe::query::Query::new(loaded.timeline.clone());
    let filter = steppe::query::Filter { search: "vlast.kz".into(), ..Default::default() };
    let found: Vec<&str> =
        query.matches(&filter).iter().map(|&i| query.timeline().events[i].id.as_str()).collect();
    assert_eq!(found, ["KAZ1002"]);
    let card = steppe::document::Card::new(&loaded.timeline, e);
    assert!(card.attributes.contains(&("fatalities", "3")), "{:?}", card.attributes);
}

#[test]
fn the_columns_file_is_used_by_every_command_and_its_mistakes_are_located() {
    let o = steppe(&[
        "list",
        "--columns",
        "tests/fixtures/formats/acled-columns.yaml",
        "tests/fixtures/formats/acled.csv",
        "--where",
        "Vlast",
        "--format",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("id,date,"), "{out}");
    assert!(out.contains(",attr:fatalities,"), "{out}");
    assert_eq!(out.lines().count(), 2, "{out}");
    let dir = tempfile::tempdir().expect("tempdir");
    for (text, line, says) in [
        ("event_date: date\nnotes summary\n", 2, "expected `their column: steppe's column`"),
        ("# ACLED\nevent_date: dates\n", 2, "did you mean `date`?"),
        ("a: title\na: summary\n", 2, "`a` is named twice"),
    ] {
        let map = dir.path().join("map.yaml");
        std::fs::write(&map, text).expect("write");
        let o = steppe(&["validate", "--columns", map.to_str().expect("a path"), "x.csv"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(&format!("map.yaml:{line}: ")), "{text:?}: {err}");
        assert!(err.contains(says), "{text:?}: {err}");
    }
}

#[test]
fn handouts_show_the_attributes() {
    let columns = "tests/fixtures/formats/acled-columns.yaml";
    let csv = "tests/fixtures/formats/acled.csv";
    for (format, shows) in
        [("markdown", "*fatalities:* 3"), ("html", "<dt>fatalities</dt><dd dir=\"auto\">3</dd>")]
    {
        let o =
            steppe(&["export", "--columns", columns, csv, "--where", "Vlast", "--format", format]);
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(out.contains(shows), "{format}: {shows:?} in\n{out}");
    }
}
