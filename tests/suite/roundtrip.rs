//! Round trips through the formats steppe writes: any timeline, written as
//! YAML and loaded, then written as TimelineJS JSON (or steppe CSV) and
//! loaded again, lists the same, apart from what the target cannot hold
//! (docs/timeline-format.md says exactly what).

use proptest::prelude::*;
use serde_json::Value;
use steppe::export::{self, Format};
use steppe::load;
use steppe::model::{
    Actor, ActorKind, Attributes, Country, Era, Event, Location, Media, PartialDate, Participant,
    Source, Timeline,
};
use steppe::query::Query;

/// `list --format json` of everything, without the fields named.
fn listed(tl: Timeline, without: &[&str]) -> Vec<Value> {
    let all: Vec<usize> = (0..tl.events.len()).collect();
    listed_at(tl, &all, without)
}

/// `list --format json` of the events at `shown`, without the fields named.
fn listed_at(tl: Timeline, shown: &[usize], without: &[&str]) -> Vec<Value> {
    let query = Query::new(tl);
    let mut out = Vec::new();
    export::write_events(&mut out, Format::Json, &query, shown, None).expect("write JSON");
    let Value::Array(events) = serde_json::from_slice(&out).expect("JSON") else { panic!("array") };
    events
        .into_iter()
        .map(|mut e| {
            if let Value::Object(m) = &mut e {
                for k in without {
                    m.remove(*k);
                }
            }
            e
        })
        .collect()
}

fn load_text(name: &str, text: String) -> load::Loaded {
    load::load_texts(vec![(name.to_string(), Ok(text))])
}

fn assert_loads(loaded: &load::Loaded, what: &str, text: &str) {
    assert!(loaded.is_ok(), "{what} does not load:\n{}\n{text}", loaded.report.render_all());
}

/// YAML → TimelineJS → YAML, and YAML → CSV → YAML, compared as listed.
fn round_trips(tl: &Timeline) {
    let all: Vec<usize> = (0..tl.events.len()).collect();
    let yaml = export::yaml::write(tl, &all).expect("YAML");
    let first = load_text("first.yaml", yaml.clone());
    assert_loads(&first, "the YAML", &yaml);
    let first_tl = first.timeline;
    let all: Vec<usize> = (0..first_tl.events.len()).collect();

    let mut json = Vec::new();
    export::timelinejs::write(&mut json, &first_tl, &all).expect("TimelineJS");
    let json = String::from_utf8(json).expect("UTF-8");
    let from_json = load_text("timeline.json", json.clone());
    assert_loads(&from_json, "the TimelineJS JSON", &json);
    let edits = from_json.report.render_all();
    assert!(!edits.contains("TimelineJS edit"), "fields as written agree:\n{edits}");
    let yaml_again = export::yaml::write(&from_json.timeline, &all).expect("YAML");
    let again = load_text("again.yaml", yaml_again.clone());
    assert_loads(&again, "the YAML from TimelineJS", &yaml_again);
    assert_eq!(
        listed(first_tl.clone(), &["file", "line"]),
        listed(again.timeline, &["file", "line"])
    );

    let query = Query::new(first_tl.clone());
    let mut csv = Vec::new();
    export::write_events(&mut csv, Format::Csv, &query, &all, None).expect("CSV");
    let csv = String::from_utf8(csv).expect("UTF-8");
    let from_csv = load_text("events.csv", csv.clone());
    assert_loads(&from_csv, "the CSV", &csv);
    let yaml_again = export::yaml::write(&from_csv.timeline, &all).expect("YAML");
    let again = load_text("again.yaml", yaml_again.clone());
    assert_loads(&again, "the YAML from CSV", &yaml_again);
    // CSV holds the era an event is shown under, not the eras themselves.
    let without = ["file", "line", "era"];
    assert_eq!(listed(first_tl, &without), listed(again.timeline, &without));
}

/// The events at `shown` written in each format that holds a timeline
/// (YAML, TimelineJS, CSV) load on their own and list the same events, the
/// links to events left out dropped (and CSV without what it cannot hold).
fn some_round_trip(tl: &Timeline, shown: &[usize]) {
    let all: Vec<usize> = (0..tl.events.len()).collect();
    let yaml = export::yaml::write(tl, &all).expect("YAML");
    let first = load_text("first.yaml", yaml.clone());
    assert_loads(&first, "the YAML", &yaml);
    let mut tl = first.timeline;
    let shown: Vec<usize> = shown.iter().copied().filter(|&i| i < tl.events.len()).collect();
    // What the subset should list: its links to events outside it dropped.
    let ids: std::collections::HashSet<String> =
        shown.iter().map(|&i| tl.events[i].id.clone()).collect();
    let query = Query::new(tl.clone());
    let mut written = Vec::new();
    for format in ["yaml", "timelinejs", "csv"] {
        let text = match format {
            "yaml" => export::yaml::write(&tl, &shown).expect("YAML"),
            "timelinejs" => {
                let mut json = Vec::new();
                export::timelinejs::write(&mut json, &tl, &shown).expect("TimelineJS");
                String::from_utf8(json).expect("UTF-8")
            }
            _ => {
                let mut csv = Vec::new();
                export::write_events(&mut csv, Format::Csv, &query, &shown, None).expect("CSV");
                String::from_utf8(csv).expect("UTF-8")
            }
        };
        let name = match format {
            "yaml" => "some.yaml",
            "timelinejs" => "some.json",
            _ => "some.csv",
        };
        let loaded = load_text(name, text.clone());
        assert_loads(&loaded, name, &text);
        written.push((format, loaded.timeline));
    }
    for e in &mut tl.events {
        e.related.retain(|r| ids.contains(r));
    }
    for (format, again) in written {
        let without: &[&str] =
            if format == "csv" { &["file", "line", "era"] } else { &["file", "line"] };
        let ids_again: Vec<usize> = (0..again.events.len()).collect();
        assert_eq!(
            listed_at(tl.clone(), &shown, without),
            listed_at(again, &ids_again, without),
            "{format}"
        );
    }
}

#[test]
fn the_bundled_timeline_survives_timelinejs_and_csv() {
    let bundled = load::load_bundled();
    assert!(bundled.is_ok());
    round_trips(&bundled.timeline);
}

#[test]
fn the_format_fixtures_survive_timelinejs_and_csv() {
    for name in ["books-media.yaml", "great-game.json", "sheet.csv"] {
        let loaded = load::load_paths(&[format!("tests/fixtures/formats/{name}").into()]);
        assert!(loaded.is_ok(), "{}", loaded.report.render());
        round_trips(&loaded.timeline);
    }
}

/// One line of text, with what CSV lists, YAML and HTML find hard.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9 ;,.:'\"&<>=#!?\\\\-]{0,24}[A-Za-z0-9.\"]",
        Just("null".to_string()),
        Just("1991".to_string()),
        Just("-0499".to_string()),
        Just("=SUM(A1)".to_string()),
        Just("Türkiye; Қазақстан".to_string()),
        Just("a\\; b".to_string()),
        Just("<b>bold</b> &amp;".to_string()),
    ]
}

fn summary() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![line(), Just(String::new())], 0..4)
        .prop_map(|lines| lines.join("\n").trim().to_string())
}

fn date() -> impl Strategy<Value = PartialDate> {
    (-9999i32..=9999, prop::option::of((1u32..=12, prop::option::of(1u32..=28))), any::<bool>())
        .prop_map(|(year, md, approximate)| {
            PartialDate::from_parts(year, md.map(|m| m.0), md.and_then(|m| m.1), approximate)
                .expect("a real date")
        })
}

fn source() -> impl Strategy<Value = Source> {
    prop_oneof![
        ("[a-z]{1,8}", prop::option::of(line())).prop_map(|(path, title)| {
            let url = format!("https://example.org/{path}");
            Source {
                title: title.unwrap_or_else(|| url.clone()),
                url: Some(url),
                ..Source::default()
            }
        }),
        (
            line(),
            prop::option::of(line()),
            prop::option::of(line()),
            prop::option::of("[0-9]{4}"),
            prop::option::of("[0-9]{1,3}(-[0-9]{1,3})?")
        )
            .prop_map(|(title, author, publisher, year, page)| Source {
                title,
                url: None,
                author,
                publisher,
                year,
                page
            }),
    ]
}

fn media() -> impl Strategy<Value = Media> {
    (
        "[a-z]{1,8}",
        prop::option::of(line()),
        prop::option::of(line()),
        any::<bool>(),
        prop::option::of(line()),
    )
        .prop_map(|(name, caption, credit, thumb, alt)| Media {
            url: format!("https://media.example.org/{name}.jpg"),
            caption,
            credit,
            thumbnail: thumb.then(|| format!("https://media.example.org/small/{name}.jpg")),
            link: thumb.then(|| format!("https://media.example.org/about/{name}")),
            alt,
            picture: None,
        })
}

fn location() -> impl Strategy<Value = Location> {
    (prop::option::of(line()), prop::option::of((-90.0f64..=90.0, -180.0f64..=180.0)))
        .prop_filter("a name or coordinates", |(n, c)| n.is_some() || c.is_some())
        .prop_map(|(name, coordinates)| Location { name, coordinates })
}

const CODES: [&str; 5] = ["KZ", "UZ", "NO", "SU", "CN"];
const ACTORS: [&str; 4] = ["putin", "xi.jinping", "nazarbayev", "sco"];
const TAGS: [&str; 5] = ["summit", "oil; gas", "back\\slash", "treaty", "=formula"];

fn event(n: usize) -> impl Strategy<Value = Event> {
    (
        (date(), prop::option::of(0i32..50), line(), summary()),
        prop::collection::vec(0..CODES.len(), 0..3),
        prop::collection::vec((0..ACTORS.len(), prop::option::of(line())), 0..3),
        prop::collection::vec(0..TAGS.len(), 0..3),
        prop::collection::vec(source(), 0..3),
        prop::collection::vec(0..n.max(1), 0..2),
        (prop::option::of(media()), prop::option::of(location())),
        (
            prop::collection::vec(("wikidata|viaf|gnd", "[A-Z]?[0-9]{1,6}"), 0..3),
            prop::collection::vec(("fatalities|iso|event_type|geo[.]precision", line()), 0..3),
        ),
    )
        .prop_map(
            move |(
                (date, span, title, summary),
                cs,
                acts,
                tags,
                sources,
                related,
                (media, location),
                (ids, attributes),
            )| {
                let end = span.map(|s| PartialDate::year((date.year + s).min(9999)));
                let mut countries: Vec<String> =
                    cs.into_iter().map(|c| CODES[c].to_string()).collect();
                countries.dedup();
                let mut actors: Vec<Participant> = acts
                    .into_iter()
                    .map(|(a, role)| Participant { id: ACTORS[a].to_string(), role })
                    .collect();
                actors.dedup_by(|a, b| a.id == b.id);
                let mut external_ids: Vec<(String, String)> = ids;
                external_ids.dedup_by(|a, b| a.0 == b.0);
                Event {
                    end,
                    summary,
                    countries,
                    actors,
                    tags: tags.into_iter().map(|t| TAGS[t].to_string()).collect(),
                    sources,
                    related: related.into_iter().map(|r| format!("e{r}")).collect(),
                    media: media.map(Box::new),
                    location: location.map(Box::new),
                    external_ids,
                    attributes: Attributes::new(attributes),
                    ..Event::new("", date, title)
                }
            },
        )
}

fn timeline() -> impl Strategy<Value = Timeline> {
    (1usize..6)
        .prop_flat_map(|n| {
            (
                prop::collection::vec(event(n), n),
                prop::collection::vec((line(), date(), prop::option::of(0i32..100)), 0..3),
                prop::option::of(line()),
                prop::collection::vec(line(), CODES.len()),
            )
        })
        .prop_map(|(mut events, eras, title, names)| {
            let n = events.len();
            for (i, e) in events.iter_mut().enumerate() {
                e.id = format!("e{i}");
                e.related.retain(|r| *r != e.id && r[1..].parse::<usize>().is_ok_and(|k| k < n));
                e.related.dedup();
            }
            Timeline {
                title,
                countries: CODES
                    .iter()
                    .zip(names)
                    .map(|(c, name)| Country {
                        code: c.to_string(),
                        name,
                        aliases: Vec::new(),
                        capital: None,
                        location: None,
                    })
                    .collect(),
                actors: ACTORS
                    .iter()
                    .map(|a| Actor {
                        id: a.to_string(),
                        name: format!("Name of {a}"),
                        aliases: Vec::new(),
                        kind: ActorKind::Person,
                        country: None,
                        role: None,
                    })
                    .collect(),
                eras: eras
                    .into_iter()
                    .enumerate()
                    .map(|(i, (title, start, span))| Era {
                        id: format!("era{i}"),
                        title,
                        start,
                        end: span.map(|s| PartialDate::year((start.year + s).min(9999))),
                    })
                    .collect(),
                events,
                ..Timeline::default()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_timeline_survives_timelinejs_and_csv(tl in timeline()) {
        round_trips(&tl);
    }

    /// A filter's result, any subset of the events, in every timeline format.
    #[test]
    fn some_events_of_any_timeline_open_again_in_every_format(
        tl in timeline(),
        keep in prop::collection::vec(any::<bool>(), 6),
    ) {
        let shown: Vec<usize> = (0..tl.events.len()).filter(|&i| keep[i]).collect();
        some_round_trip(&tl, &shown);
    }
}

#[test]
fn the_summits_of_the_bundled_timeline_open_again_in_every_format() {
    let bundled = load::load_bundled();
    let query = Query::new(bundled.timeline.clone());
    let filter = steppe::query::Filter {
        expr: Some(steppe::query::parse("tag:summit").expect("parses")),
        ..steppe::query::Filter::default()
    };
    let shown = query.matches(&query.check(&filter).expect("checks"));
    assert!(shown.len() > 5, "{shown:?}");
    some_round_trip(&bundled.timeline, &shown);
}

/// Text that looks a little like JSON or CSV, with quotes, breaks and
/// characters of several bytes in the wrong places.
fn garbage() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("{\"events\": [".to_string()),
            Just("{\"start_date\": {\"year\": ".to_string()),
            Just("\"headline\"".to_string()),
            Just("Year,Headline,Text\n".to_string()),
            Just("id,date,title\n".to_string()),
            Just("\"".to_string()),
            Just(",".to_string()),
            Just("\r\n".to_string()),
            Just("]}".to_string()),
            "[ -~]{0,6}",
            "[é€𝄞Ж]{1,3}",
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever the text, the readers report and never panic.
    #[test]
    fn the_readers_never_panic(text in garbage(), ext in prop_oneof![Just("json"), Just("csv"), Just("txt")]) {
        let loaded = load_text(&format!("input.{ext}"), text);
        let _ = loaded.report.render_all();
    }
}
