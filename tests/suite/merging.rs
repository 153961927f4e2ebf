//! One's own files with the built-in timeline (`--with-builtin`), and which
//! of two different definitions wins (`--prefer later`): the CLI as a
//! teacher runs it, and the merge rules over generated files.

use crate::common;

use std::path::Path;
use std::process::Output;

use proptest::prelude::*;
use serde_json::Value;

use steppe::load::{self, Prefer, Severity};

fn steppe_in(dir: &Path, args: &[&str]) -> Output {
    common::run::command()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the steppe binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `list --format json` of `args`, which must succeed.
fn listed(dir: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["list", "--format", "json"];
    all.extend_from_slice(args);
    let o = steppe_in(dir, &all);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("a JSON array")
}

/// The events without where they were read from: the same timeline read
/// from another file lists alike.
fn without_place(events: Vec<Value>) -> Vec<Value> {
    events
        .into_iter()
        .map(|mut e| {
            if let Some(o) = e.as_object_mut() {
                o.remove("file");
                o.remove("line");
            }
            e
        })
        .collect()
}

fn title_of<'a>(events: &'a [Value], id: &str) -> &'a str {
    let e = events.iter().find(|e| e["id"] == id).unwrap_or_else(|| panic!("no event {id}"));
    e["title"].as_str().unwrap_or_default()
}

/// A teacher's event that names the built-in timeline's country, actor and event.
const OURS: &str = "\
title: Our class
events:
  - id: school-visit-astana
    date: 2023-05-12
    title: Our exchange visit to Nazarbayev University
    countries: [KZ]
    actors: [nazarbayev]
    tags: [education]
    sources:
      - title: School newsletter, June 2023
    related: [xi-astana-silk-road-economic-belt]
";

/// The built-in Xi speech, told differently.
const FIX: &str = "\
events:
  - id: xi-astana-silk-road-economic-belt
    date: 2013-09-07
    title: Xi's Astana speech, in our words
    countries: [CN, KZ]
    actors: [xi-jinping]
    sources: [https://china.usc.edu/]
";

fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, body) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, body).expect("write");
    }
    dir
}

#[test]
fn own_events_join_the_built_in_ones_and_may_name_theirs() {
    let dir = dir_with(&[("ours.yaml", OURS)]);
    let d = dir.path();
    let builtin = listed(d, &[]);
    let both = listed(d, &["--with-builtin", "ours.yaml"]);
    assert_eq!(both.len(), builtin.len() + 1);
    let ours = both.iter().find(|e| e["id"] == "school-visit-astana").expect("ours");
    assert_eq!(ours["country_names"][0], "Kazakhstan", "{ours}");
    assert_eq!(ours["actor_names"][0], "Nursultan Nazarbayev", "{ours}");

    // The query language sees links both ways across the two.
    let related =
        listed(d, &["--with-builtin", "ours.yaml", "--where", "related:school-visit-astana"]);
    let ids: Vec<&str> = related.iter().filter_map(|e| e["id"].as_str()).collect();
    assert_eq!(ids, ["xi-astana-silk-road-economic-belt"]);

    let o = steppe_in(d, &["validate", "--strict", "--with-builtin", "ours.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let events = builtin.len() + 1;
    assert!(text(&o.stdout).starts_with(&format!("ok: {events} events")), "{}", text(&o.stdout));
    assert!(text(&o.stdout).contains("in 2 files"), "{}", text(&o.stdout));

    let o = steppe_in(
        d,
        &["stats", "--format", "csv", "--with-builtin", "ours.yaml", "--where", "tag:education"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("country,KZ,Kazakhstan,1"), "{}", text(&o.stdout));
}

#[test]
fn without_the_built_in_timeline_its_names_are_pointed_out() {
    let dir = dir_with(&[("ours.yaml", OURS)]);
    let o = steppe_in(dir.path(), &["validate", "ours.yaml"]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for (kind, id) in
        [("country", "KZ"), ("actor", "nazarbayev"), ("event", "xi-astana-silk-road-economic-belt")]
    {
        assert!(
            err.contains(&format!(
                "help: the built-in timeline has {kind} `{id}`: add --with-builtin"
            )),
            "{err}"
        );
    }
    // A name the built-in timeline does not have gets no such help.
    let dir = dir_with(&[("x.yaml", &OURS.replace("[KZ]", "[XX]"))]);
    let err = text(&steppe_in(dir.path(), &["validate", "x.yaml", "--with-builtin"]).stderr);
    assert!(err.contains("unknown country `XX`") && !err.contains("has country"), "{err}");
}

#[test]
fn export_yaml_with_builtin_starts_a_copy_that_lists_the_same() {
    let dir = dir_with(&[("ours.yaml", OURS)]);
    let d = dir.path();
    let o = steppe_in(d, &["export", "--format", "yaml", "--with-builtin", "-o", "copy.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = steppe_in(d, &["validate", "--strict", "copy.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(without_place(listed(d, &["copy.yaml"])), without_place(listed(d, &[])));
    let stats = |args: &[&str]| text(&steppe_in(d, args).stdout);
    assert_eq!(
        stats(&["stats", "--format", "json", "copy.yaml"]),
        stats(&["stats", "--format", "json"])
    );

    // With one's own file: the copy holds both, and stands on its own.
    let o = steppe_in(
        d,
        &["export", "--format", "yaml", "--with-builtin", "ours.yaml", "-o", "both.yaml"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        without_place(listed(d, &["both.yaml"])),
        without_place(listed(d, &["--with-builtin", "ours.yaml"]))
    );
    // Loading the copy again with the built-in timeline changes nothing: all is identical.
    let o = steppe_in(d, &["validate", "--strict", "--with-builtin", "both.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

#[test]
fn a_different_definition_is_an_error_naming_both_places() {
    let dir = dir_with(&[("fix.yaml", FIX)]);
    let o = steppe_in(dir.path(), &["validate", "--with-builtin", "fix.yaml"]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "error: event `xi-astana-silk-road-economic-belt` is defined twice, differently; \
             the first definition is at timelines/central-asia.yaml:"
        ),
        "{err}"
    );
    assert!(err.contains("(built into steppe)\n --> fix.yaml:2:9"), "{err}");
    assert!(err.contains("--prefer later"), "the help names the way out: {err}");
    // `list` still shows the events that loaded, the built-in definition among them.
    let o = steppe_in(dir.path(), &["list", "--format", "json", "--with-builtin", "fix.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let events: Vec<Value> = serde_json::from_slice(&o.stdout).expect("json");
    assert!(title_of(&events, "xi-astana-silk-road-economic-belt").starts_with("Xi Jinping"));
}

#[test]
fn prefer_later_replaces_with_a_note_naming_both_places() {
    let dir = dir_with(&[("fix.yaml", FIX)]);
    let d = dir.path();
    for strict in [false, true] {
        let mut args = vec!["validate", "--with-builtin", "--prefer", "later", "fix.yaml"];
        if strict {
            args.push("--strict");
        }
        let o = steppe_in(d, &args);
        let (out, err) = (text(&o.stdout), text(&o.stderr));
        assert_eq!(o.status.code(), Some(0), "a note never fails, with --strict or not: {err}");
        assert!(out.contains("(1 note)"), "{out}");
        assert!(
            err.contains(
                "note: event `xi-astana-silk-road-economic-belt` replaces the earlier, different \
                 definition at timelines/central-asia.yaml:"
            ),
            "{err}"
        );
        assert!(err.contains("(built into steppe)\n --> fix.yaml:2:9"), "{err}");
    }
    // list prints the note, then the events with the later definition.
    let o = steppe_in(
        d,
        &["list", "--format", "json", "--with-builtin", "--prefer", "later", "fix.yaml"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("note: event `xi-astana"), "{}", text(&o.stderr));
    let events: Vec<Value> = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        title_of(&events, "xi-astana-silk-road-economic-belt"),
        "Xi's Astana speech, in our words"
    );
    assert_eq!(events.len(), listed(d, &[]).len());
}

#[test]
fn later_means_the_order_given_with_directories_in_path_order_and_the_built_in_first() {
    let event = |title: &str| {
        format!(
            "events:\n  - id: x\n    date: 2001\n    title: {title}\n    sources: [https://e.org]\n"
        )
    };
    let (a, b, c) = (event("From a"), event("From b"), event("From c"));
    let dir = dir_with(&[("a.yaml", &a), ("b.yaml", &b), ("d/2.yaml", &c), ("d/10.yaml", &a)]);
    let d = dir.path();
    let winner = |args: &[&str]| {
        let mut all = vec!["--prefer", "later"];
        all.extend_from_slice(args);
        title_of(&listed(d, &all), "x").to_string()
    };
    assert_eq!(winner(&["a.yaml", "b.yaml"]), "From b");
    assert_eq!(winner(&["b.yaml", "a.yaml"]), "From a");
    // In a directory, `10.yaml` comes before `2.yaml`.
    assert_eq!(winner(&["d"]), "From c");
    assert_eq!(winner(&["d", "b.yaml"]), "From b");
    assert_eq!(winner(&["b.yaml", "d"]), "From c");

    // Each replacement is a note at the later place naming the earlier one.
    let o = steppe_in(d, &["validate", "--prefer", "later", "a.yaml", "b.yaml", "d"]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("at a.yaml:2:9\n --> b.yaml:2:9"), "{err}");
    assert!(
        err.contains(&format!(
            "at b.yaml:2:9\n --> {}:2:9",
            Path::new("d").join("10.yaml").display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "at {}:2:9\n --> {}:2:9",
            Path::new("d").join("10.yaml").display(),
            Path::new("d").join("2.yaml").display()
        )),
        "{err}"
    );

    // The built-in timeline comes first, whatever the place of --with-builtin.
    let renamed = FIX.replace("in our words", "from the file");
    std::fs::write(d.join("fix.yaml"), renamed).expect("write");
    for args in [
        ["--with-builtin", "fix.yaml", "--prefer", "later"],
        ["fix.yaml", "--prefer", "later", "--with-builtin"],
    ] {
        let events = listed(d, &args);
        assert_eq!(
            title_of(&events, "xi-astana-silk-road-economic-belt"),
            "Xi's Astana speech, from the file"
        );
    }
}

#[test]
fn countries_actors_eras_and_tours_are_replaced_in_place() {
    let builtin = load::load_bundled().timeline;
    let later = "\
title: Our version
countries:
  - {code: KZ, name: Qazaqstan}
actors:
  - {id: putin, name: V. Putin, kind: person, country: RU}
eras:
  - {id: soviet, title: The Soviet period, start: 1922, end: 1991-12-26}
tours:
  - id: new-great-game
    title: Our shorter tour
    steps:
      - event: xi-astana-silk-road-economic-belt
";
    let loaded = load::load_texts_preferring(
        vec![
            ("central-asia.yaml".into(), Ok(load::BUNDLED[0].1.into())),
            ("ours.yaml".into(), Ok(later.into())),
        ],
        Prefer::Later,
    );
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    let notes: Vec<&str> = loaded
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(notes.len(), 4, "{notes:?}");
    for what in ["country `KZ`", "actor `putin`", "era `soviet`", "tour `new-great-game`"] {
        assert!(notes.iter().any(|n| n.starts_with(what)), "{what} in {notes:?}");
    }
    let tl = &loaded.timeline;
    // The same number of each, the later definition at the first one's place.
    assert_eq!(tl.countries.len(), builtin.countries.len());
    let codes = |t: &steppe::model::Timeline| -> Vec<String> {
        t.countries.iter().map(|c| c.code.clone()).collect()
    };
    assert_eq!(codes(tl), codes(&builtin));
    assert_eq!(tl.country("KZ").map(|c| c.name.as_str()), Some("Qazaqstan"));
    assert_eq!(tl.title.as_deref(), Some("Our version"), "the last title read");
    assert_eq!(tl.actor("putin").map(|a| a.name.as_str()), Some("V. Putin"));
    assert_eq!(tl.actors.len(), builtin.actors.len());
    let soviet = tl.eras.iter().find(|e| e.id == "soviet").expect("era");
    assert_eq!(soviet.title, "The Soviet period");
    assert_eq!(tl.eras.len(), builtin.eras.len());
    let tour = tl.tour("new-great-game").expect("tour");
    assert_eq!((tour.title.as_str(), tour.steps.len()), ("Our shorter tour", 1));
}

#[test]
fn an_event_with_an_error_replaces_nothing() {
    let broken = FIX.replace("    title: Xi's Astana speech, in our words\n", "");
    let loaded = load::load_texts_preferring(
        vec![
            ("central-asia.yaml".into(), Ok(load::BUNDLED[0].1.into())),
            ("broken.yaml".into(), Ok(broken)),
        ],
        Prefer::Later,
    );
    assert_eq!(loaded.report.errors(), 1, "{}", loaded.report.render());
    assert_eq!(loaded.report.notes(), 0, "{}", loaded.report.render());
    let tl = &loaded.timeline;
    let i = tl.event_index("xi-astana-silk-road-economic-belt").expect("event");
    assert!(tl.events[i].title.starts_with("Xi Jinping"), "{}", tl.events[i].title);
}

/// Files that each define some of a few events, with one of a few titles.
fn files() -> impl Strategy<Value = Vec<Vec<(usize, usize)>>> {
    prop::collection::vec(prop::collection::vec((0..4usize, 0..3usize), 0..4), 1..5)
}

fn file_text(defs: &[(usize, usize)]) -> String {
    let mut out = String::from("events:\n");
    for (id, title) in defs {
        out.push_str(&format!(
            "  - {{id: e{id}, date: 2001, title: T{title}, sources: [https://e.org]}}\n"
        ));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// With --prefer later each event is the last one read, with a note for
    /// each change of definition; without it, the first, with an error for
    /// each later definition that differs from the first.
    #[test]
    fn the_last_definition_read_wins_and_each_change_is_noted(files in files()) {
        let inputs: Vec<(String, Result<String, String>)> = files
            .iter()
            .enumerate()
            .map(|(i, defs)| (format!("f{i}.yaml"), Ok(file_text(defs))))
            .collect();
        let all: Vec<(usize, usize)> = files.concat();
        for prefer in [Prefer::Later, Prefer::Neither] {
            let loaded = load::load_texts_preferring(inputs.clone(), prefer);
            let tl = &loaded.timeline;
            let mut expected_notes = 0;
            let mut expected_errors = 0;
            for id in 0..4 {
                let name = format!("e{id}");
                let titles: Vec<usize> =
                    all.iter().filter(|(i, _)| *i == id).map(|(_, t)| *t).collect();
                let Some(&first) = titles.first() else {
                    prop_assert!(tl.event_index(&name).is_none());
                    continue;
                };
                let want = match prefer {
                    Prefer::Later => titles[titles.len() - 1],
                    Prefer::Neither => first,
                };
                let got = tl.event_index(&name).map(|i| tl.events[i].title.clone());
                prop_assert_eq!(got, Some(format!("T{want}")));
                expected_notes += titles.windows(2).filter(|w| w[0] != w[1]).count();
                expected_errors += titles.iter().filter(|t| **t != first).count();
            }
            match prefer {
                Prefer::Later => {
                    prop_assert_eq!(loaded.report.notes(), expected_notes);
                    prop_assert_eq!(loaded.report.errors(), 0);
                }
                Prefer::Neither => {
                    prop_assert_eq!(loaded.report.errors(), expected_errors);
                    prop_assert_eq!(loaded.report.notes(), 0);
                }
            }
            prop_assert_eq!(tl.events.len(), all.iter().map(|(i, _)| i).collect::<std::collections::HashSet<_>>().len());
        }
    }
}
