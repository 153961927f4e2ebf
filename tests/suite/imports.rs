//! The event data an analyst already has, opened as an analyst would open
//! it: GDELT 2.0 event exports (plain and zipped), ACLED exports and the
//! results of a Wikidata query, from fixtures written from the published
//! codebooks and the SPARQL 1.1 JSON results format; and `place:` and
//! `attr:` asked of them on the command line and in the explorer.

use crate::common;

use std::path::PathBuf;

use common::run::{ids, listed, stderr, steppe};
use common::{press, type_text};
use ratatui::crossterm::event::KeyCode;
use steppe::load::{self, ImportFilter, MinField, Sources};
use steppe::model::{Event, Timeline};
use steppe::query::{Filter, Query};
use steppe::tui::App;

const GDELT: &str = "tests/fixtures/import/20240703.export.CSV";
const GDELT_ZIP: &str = "tests/fixtures/import/20240703.export.CSV.zip";
const ACLED: &str = "tests/fixtures/import/acled-2022.csv";
const WIKIDATA: &str = "tests/fixtures/import/wikidata-summits.json";

fn load(path: &str, import: ImportFilter) -> load::Loaded {
    let sources = Sources { paths: vec![PathBuf::from(path)], import, ..Sources::default() };
    load::load_sources(&sources, &|_| {})
}

fn event<'a>(tl: &'a Timeline, id: &str) -> &'a Event {
    tl.events.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("event {id}"))
}

fn place(e: &Event) -> (Option<&str>, Option<(f64, f64)>) {
    let l = e.location.as_deref().expect("a place");
    (l.name.as_deref(), l.coordinates)
}

/// The GDELT 2.0 event codebook's 61 columns, in order.
const GDELT_COLUMNS: usize = 61;

#[test]
fn a_gdelt_export_loads_with_dates_countries_tags_places_and_sources() {
    let text = std::fs::read_to_string(GDELT).expect("read");
    assert!(text.lines().next().is_some_and(|l| l.split('\t').count() == GDELT_COLUMNS));
    let loaded = load(GDELT, ImportFilter::default());
    let report = loaded.report.render_all();
    assert!(loaded.is_ok(), "{report}");
    let tl = &loaded.timeline;
    assert_eq!(tl.events.len(), 7, "{report}");
    let e = event(tl, "gdelt-1187226330");
    assert_eq!(e.date.normalized(), "2024-07-03");
    assert_eq!(e.title, "Kazakhstan → Russia: sign formal agreement");
    assert_eq!(e.countries, ["KZ", "RU"]);
    assert_eq!(tl.country_name("KZ"), "Kazakhstan");
    assert_eq!(e.tags, ["05 engage in diplomatic cooperation", "057 sign formal agreement"]);
    assert_eq!(
        e.actors.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["kazakhstan", "russia"]
    );
    assert_eq!(place(e), (Some("Astana, Astana, Kazakhstan"), Some((51.1811, 71.4278))));
    assert_eq!(
        e.sources[0].url.as_deref(),
        Some("https://www.example.kz/news/2024/07/03/sco-agreement")
    );
    assert_eq!(e.attributes.get("goldstein"), Some("8.0"));
    assert_eq!(e.attributes.get("mentions"), Some("40"));
    assert_eq!(e.attributes.len(), 2, "the Goldstein scale and the mentions");
    assert_eq!(e.sources[0].year.as_deref(), Some("2024-07-03"), "the day GDELT found it");
    // People by their names, in the case people write them, with their country.
    let xi = event(tl, "gdelt-1187226331");
    assert_eq!(xi.title, "Xi Jinping → Shavkat Mirziyoyev: consult");
    let putin = tl.actors.iter().find(|a| a.id == "vladimir-putin").expect("an actor");
    assert_eq!((putin.name.as_str(), putin.country.as_deref()), ("Vladimir Putin", Some("RU")));
    // CAMEO's own old code for Romania is Romania; a code not in the table is a tag all the same.
    let ro = event(tl, "gdelt-1187226337");
    assert_eq!(ro.countries, ["RO", "TM"]);
    let us = event(tl, "gdelt-1187226334");
    assert_eq!(us.tags, ["08 yield", "0874"]);
    assert_eq!(
        us.title, "United States: de-escalate military engagement",
        "named by its base code"
    );
    // Regions are no country: the event stays, without them.
    let regions = event(tl, "gdelt-1187226333");
    assert!(regions.countries.is_empty());
    assert!(report.contains("`CAS` is CAMEO's code for a region (Central Asia), not a country"));

    // What it could not use, at its line, and the counts.
    assert!(report.contains("20240703.export.CSV:6:12"), "{report}");
    assert!(
        report.contains(
            "expected the date of event 1187226335 (SQLDATE) as YYYYMMDD, found `20240732`"
        )
    );
    assert!(report.contains("20240703.export.CSV:7:1"), "{report}");
    assert!(report.contains("expected 61 tab-separated fields (a GDELT 2.0 event row), found 3"));
    assert!(report.contains(
        "read 9 rows of a GDELT 2.0 event export: 7 events; 2 not read (warnings say why)"
    ));
}

#[test]
fn min_mentions_and_a_cameo_filter_leave_noise_out_at_load() {
    let filter =
        ImportFilter { min: vec![(MinField::Mentions, 5)], cameo: vec!["04".into(), "05".into()] };
    let loaded = load(GDELT, filter);
    let got: Vec<&str> = loaded.timeline.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(got, ["gdelt-1187226330", "gdelt-1187226331"]);
    let report = loaded.report.render_all();
    assert!(report.contains("5 left out by --min mentions 5 --cameo 04,05"), "{report}");
    // Only the countries and actors of the events kept are defined.
    assert!(!loaded.timeline.countries.iter().any(|c| c.code == "KG"));

    // The same on the command line, and its mistakes named.
    let events = listed(&[GDELT, "--min", "mentions", "5", "--cameo", "04,05"]);
    assert_eq!(ids(&events), ["gdelt-1187226330", "gdelt-1187226331"]);
    let o = steppe(&["list", GDELT, "--min", "shares", "5"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--min shares: expected one of mentions, sources, articles"),
        "{}",
        stderr(&o)
    );
    let o = steppe(&["list", GDELT, "--cameo", "sign"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("expected CAMEO event codes of 2 to 4 digits"), "{}", stderr(&o));
}

#[test]
fn a_zipped_export_and_one_by_another_name_load_the_same() {
    let without_file = |mut events: Vec<serde_json::Value>| {
        events.iter_mut().for_each(|e| e["file"] = serde_json::Value::Null);
        events
    };
    let plain = listed(&[GDELT]);
    assert_eq!(without_file(listed(&[GDELT_ZIP])), without_file(plain.clone()));
    let dir = tempfile::tempdir().expect("tempdir");
    let renamed = dir.path().join("events.txt");
    std::fs::copy(GDELT, &renamed).expect("copy");
    let renamed = listed(&[renamed.to_str().expect("a path")]);
    assert_eq!(ids(&renamed), ids(&plain), "told from the content, not the name");
    // A problem in a zipped file is quoted from inside the archive.
    let o = steppe(&["validate", GDELT_ZIP]);
    let err = stderr(&o);
    assert!(
        err.contains("export.CSV.zip:7:1") && err.contains("1187226336→20240703→cut off here"),
        "{err}"
    );
}

#[test]
fn a_big_export_read_in_parts_reports_each_row_at_its_own_line() {
    let row = std::fs::read_to_string(GDELT).expect("read");
    let row = row.lines().next().expect("a row").to_string();
    let mut text = String::new();
    let n = 12_000;
    for i in 0..n {
        let line = row.replacen("1187226330", &format!("{}", 2_000_000_000u64 + i), 1);
        if i == n - 7 {
            text.push_str("broken\trow\n");
        }
        text.push_str(&line);
        text.push('\n');
    }
    assert!(text.len() > 4 << 20, "large enough to be read in parts: {}", text.len());
    let loaded = load::load_texts(vec![("big.export.CSV".into(), Ok(text))]);
    let report = loaded.report.render_all();
    assert_eq!(loaded.timeline.events.len(), n as usize, "{report}");
    assert!(report.contains(&format!("big.export.CSV:{}:1", n - 6)), "{report}");
    let ids: Vec<&str> = loaded.timeline.events.iter().map(|e| e.id.as_str()).take(2).collect();
    assert_eq!(ids, ["gdelt-2000000000", "gdelt-2000000001"], "in the file's order");
}

#[test]
fn an_acled_export_loads_types_notes_places_actors_and_fatalities() {
    let loaded = load(ACLED, ImportFilter::default());
    let report = loaded.report.render_all();
    assert!(loaded.is_ok(), "{report}");
    let tl = &loaded.timeline;
    let e = event(tl, "KGZ2201");
    assert_eq!(e.date.normalized(), "2022-09-16");
    assert_eq!(e.title, "Armed clash in Ak-Sai");
    assert!(e.summary.starts_with("On 16 September 2022, Kyrgyz and Tajik border forces clashed"));
    assert_eq!(e.tags, ["political violence", "battles", "armed clash"]);
    assert_eq!(e.countries, ["KG"], "from ACLED's numeric `iso`");
    assert_eq!(place(e), (Some("Ak-Sai"), Some((39.9833, 70.7833))));
    assert_eq!(e.attributes.get("fatalities"), Some("24"));
    assert_eq!(e.attributes.get("admin1"), Some("Batken"));
    let sources: Vec<&str> = e.sources.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(sources, ["24.kg", "AKIpress"]);
    let actors: Vec<String> = e.actors.iter().map(|p| tl.participant_label(p)).collect();
    assert_eq!(
        actors,
        ["Military Forces of Kyrgyzstan (2020-)", "Military Forces of Tajikistan (1994-)"]
    );
    // The older date format, and an associated actor.
    let tj = event(tl, "TJK1450");
    assert_eq!(
        (tj.date.normalized().as_str(), tj.countries.as_slice()),
        ("2022-09-16", &["TJ".to_string()][..])
    );
    let kz = event(tl, "KAZ3310");
    assert!(kz.actors.iter().any(|p| p.id == "kassym-jomart-tokayev"));
    assert_eq!(
        kz.summary,
        "President Tokayev asked the CSTO for help, \"to overcome the terrorist threat\"."
    );
    // What could not be used, at its line.
    assert!(report.contains("acled-2022.csv:6:9"), "{report}");
    assert!(report.contains("the `event_date` of event UZB0908 is `2022-07-32`"));
    assert!(
        report.contains("the country of event XKX0001 (`0`, `Atlantis`) is not one steppe knows")
    );
    assert!(
        report.contains("read 6 rows of an ACLED export: 5 events; 1 not read (warnings say why)"),
        "{report}"
    );
}

#[test]
fn wikidata_results_load_one_event_per_item_with_labels_in_each_language() {
    let loaded = load(WIKIDATA, ImportFilter::default());
    let report = loaded.report.render_all();
    assert!(loaded.is_ok(), "{report}");
    let tl = &loaded.timeline;
    let sco = event(tl, "Q484652");
    assert_eq!(sco.date.normalized(), "2001-06-15");
    assert_eq!(sco.title, "Shanghai summit of 2001");
    assert_eq!(
        sco.countries,
        ["CN", "KZ", "KG", "RU", "TJ", "UZ"],
        "participants with an ISO code"
    );
    assert_eq!(sco.tags, ["summit"]);
    assert_eq!(place(sco), (Some("Shanghai"), Some((31.2304, 121.4737))));
    assert_eq!(sco.external_ids, [("wikidata".to_string(), "Q484652".to_string())]);
    assert_eq!(sco.sources[0].url.as_deref(), Some("https://www.wikidata.org/wiki/Q484652"));
    let astana = event(tl, "Q124384201");
    assert_eq!(astana.date_label(), "3–4 Jul 2024");
    assert!(astana.actors.iter().any(|p| p.id == "xi-jinping"));
    let nwfz = event(tl, "Q1361543");
    assert_eq!(nwfz.countries, ["KZ", "KG", "TJ", "TM", "UZ"]);
    assert_eq!(event(tl, "Q2659904").countries, ["SU"], "by its name");
    assert!(report.contains("not read: item Q4345832 has no date steppe can use"), "{report}");
    assert!(
        report.contains(
            "read 17 results of a SPARQL query: 4 events; 1 item not read (warnings say why)"
        ),
        "{report}"
    );
    // The Russian labels as translations: `--lang ru` shows them.
    let mut ru = tl.clone();
    assert_eq!(ru.translate("ru").as_deref(), Some("ru"));
    assert_eq!(event(&ru, "Q484652").title, "Шанхайский саммит 2001 года");
}

/// The explorer's `f` prompt with `text` entered: the events it shows.
fn explorer_shows(query: &Query, text: &str) -> Vec<String> {
    let mut app = App::new(query.clone(), Filter::default(), 120, 40);
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, text);
    assert!(app.prompt().is_some_and(|p| p.error.is_none()), "{text}: a valid filter");
    press(&mut app, KeyCode::Enter);
    app.shown().iter().map(|&i| app.timeline().events[i].id.clone()).collect()
}

#[test]
fn place_and_attr_agree_between_the_command_line_and_the_explorer() {
    for (file, cases) in [
        (
            GDELT,
            &[
                ("place:astana", 3),
                ("place:\"Batken, Kyrgyzstan\"", 1),
                ("place:batken", 1),
                ("place:51.18", 3),
                ("attr:goldstein<-1", 2),
                ("attr:goldstein>=8", 2),
                ("attr:mentions>10 place:astana", 3),
                ("attr:goldstein=8", 1),
                ("not attr:goldstein<0 and tag:\"05 engage in diplomatic cooperation\"", 1),
            ][..],
        ),
        (
            ACLED,
            &[
                ("attr:fatalities>10", 2),
                ("attr:fatalities=0", 2),
                ("attr:tags", 1),
                ("place:nukus or place:ak-sai", 2),
                ("attr:admin1=batken attr:fatalities>=24", 1),
            ][..],
        ),
    ] {
        let loaded = load(file, ImportFilter::default());
        let query = Query::new(loaded.timeline);
        for (text, n) in cases {
            let shown = explorer_shows(&query, text);
            let cli = ids(&listed(&[file, "--where", text]));
            assert_eq!(shown, cli, "{file}: {text}");
            assert_eq!(shown.len(), *n, "{file}: {text}: {shown:?}");
        }
    }
    // The text search finds places too, as the explorer's `/` does.
    assert_eq!(ids(&listed(&[GDELT, "--search", "ashgabat"])), ["gdelt-1187226337"]);
}

#[test]
fn attribute_mistakes_point_at_themselves_in_both() {
    let o = steppe(&["list", ACLED, "--where", "attr:fatalites>10"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(
            "no attribute `fatalites` in the loaded timelines; did you mean `fatalities`?"
        ),
        "{err}"
    );
    assert!(err.contains("    attr:fatalites>10\n         ^^^^^^^^^ expected one of:"), "{err}");
    let o = steppe(&["list", ACLED, "--where", "attr:fatalities>many"]);
    assert!(stderr(&o).contains("`>` compares numbers, and `many` is not one"), "{}", stderr(&o));

    let query = Query::new(load(ACLED, ImportFilter::default()).timeline);
    let mut app = App::new(query, Filter::default(), 120, 40);
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "attr:fat");
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.prompt().map(|p| p.input.as_str()), Some("attr:fatalities"), "completed");
    type_text(&mut app, ">x");
    let e = app.prompt().and_then(|p| p.error.clone()).expect("an error");
    assert_eq!(&app.prompt().expect("open").input[e.span.clone()], "x");
}
