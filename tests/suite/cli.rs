//! The `steppe` binary as a user runs it: outputs, diagnostics and exit codes.

use crate::common;

use common::run::{ids, listed as json, stderr, stdout, steppe};

#[test]
fn validate_accepts_the_bundled_timeline() {
    let o = steppe(&["validate", "--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("ok: "), "{out}");
    let events: usize = out[4..].split(' ').next().and_then(|n| n.parse().ok()).expect("a count");
    assert!(events >= 45, "{out}");
    assert!(out.contains("in 1 file"), "{out}");
}

#[test]
fn bundled_timeline_is_complete_and_sourced() {
    let events = json(&[]);
    assert!(events.len() >= 45);
    let first = events.first().expect("events");
    let last = events.last().expect("events");
    assert!(first["date"].as_str().is_some_and(|d| d.starts_with("18")), "{first}");
    assert_eq!(last["date"], "2025-11-06", "ends with the C5+1 summit in Washington: {last}");
    for e in &events {
        let sources = e["sources"].as_array().expect("sources");
        assert!(!sources.is_empty(), "{} has no source", e["id"]);
        for s in sources {
            assert!(s["url"].as_str().is_some_and(|u| u.starts_with("http")), "{e}");
        }
    }
    let dates: Vec<&str> = events.iter().filter_map(|e| e["date"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by_key(|d| steppe::model::PartialDate::parse(d).expect("normalized dates parse"));
    assert_eq!(dates, sorted, "events are in date order");
}

#[test]
fn json_has_every_documented_field() {
    let events = json(&["tests/fixtures/mini.yaml"]);
    let summit = events.iter().find(|e| e["id"] == "late-summit").expect("late-summit");
    assert_eq!(summit["date"], "2022-10-14");
    assert_eq!(summit["end"], serde_json::Value::Null);
    assert_eq!(summit["title"], "A summit in Astana");
    assert_eq!(summit["summary"], "Leaders met in Astana.\nSecond paragraph.");
    assert_eq!(summit["countries"], serde_json::json!(["KZ", "RU"]));
    assert_eq!(summit["actors"], serde_json::json!(["putin", "xi-jinping"]));
    assert_eq!(summit["tags"], serde_json::json!(["summit"]));
    assert_eq!(summit["sources"][0]["url"], "https://example.org/summit");
    assert_eq!(summit["related"], serde_json::json!(["founding"]));
    assert_eq!(summit["file"], "tests/fixtures/mini.yaml");
    assert_eq!(summit["line"], 36);
    let pipeline = events.iter().find(|e| e["id"] == "pipeline").expect("pipeline");
    assert_eq!(pipeline["date"], "2009-12");
    assert_eq!(pipeline["end"], "2010");
    assert_eq!(ids(&events), ["independence", "founding", "pipeline", "late-summit"]);
}

#[test]
fn filters_combine() {
    let mini = "tests/fixtures/mini.yaml";
    assert_eq!(ids(&json(&[mini, "--country", "TM"])), ["independence", "pipeline"]);
    assert_eq!(ids(&json(&[mini, "--country", "kz,tm"])).len(), 4);
    assert_eq!(
        ids(&json(&[mini, "--country", "KZ", "--country", "CN", "--match", "all"])),
        ["founding"]
    );
    assert_eq!(ids(&json(&[mini, "--actor", "putin"])), ["late-summit"]);
    assert_eq!(ids(&json(&[mini, "--tag", "energy"])), ["pipeline"]);
    assert_eq!(ids(&json(&[mini, "--from", "2001-06", "--to", "2009"])), ["founding", "pipeline"]);
    assert_eq!(ids(&json(&[mini, "--from", "2001-06", "--to", "2009-11"])), ["founding"]);
    // A range that is still running counts: the pipeline runs from Dec 2009 into 2010.
    assert_eq!(ids(&json(&[mini, "--from", "2010-06"])), ["pipeline", "late-summit"]);
    // Search reaches actor and country names, any case.
    assert_eq!(ids(&json(&[mini, "--search", "XI JINPING"])), ["late-summit"]);
    assert_eq!(ids(&json(&[mini, "--search", "turkmenistan"])), ["independence", "pipeline"]);
    assert_eq!(ids(&json(&[mini, "--search", "no such words"])).len(), 0);
}

#[test]
fn unknown_filter_values_are_usage_errors_listing_what_exists() {
    let o = steppe(&["list", "tests/fixtures/mini.yaml", "--country", "XX"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("known: CN (China), KZ (Kazakhstan), RU (Russia), TM (Turkmenistan)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        ids(&json(&["tests/fixtures/mini.yaml", "--country", "turkmenistan"])),
        ["independence", "pipeline"]
    );
    let o = steppe(&["list", "--from", "2020", "--to", "2010"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--from 2020 is after --to 2010"), "{}", stderr(&o));
    let o = steppe(&["list", "tests/fixtures/mini.yaml", "--actor", "putn"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `putin` ("), "{}", stderr(&o));
    let o = steppe(&["list", "--from", "2023-02-30"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("has no day 30"), "{}", stderr(&o));
    let o = steppe(&["list", "--no-such-flag"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn every_mistake_is_reported_with_file_line_and_caret() {
    let o = steppe(&["validate", "tests/fixtures/bad.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let expect = [
        "error: unknown country `XX` in event `astana-summit` (declared: KZ)\n  --> tests/fixtures/bad.yaml:15:21\n   |\n15 |     countries: [KZ, XX]\n   |                     ^^",
        "error: unknown key `titel` in event `astana-summit`\n  --> tests/fixtures/bad.yaml:14:5",
        "did you mean `title`?",
        "`2023-02-30` is not a valid `date` for event `astana-summit`: Feb 2023 has no day 30",
        "`kg` is not a country code",
        "write it in capitals: `KG`",
        "unknown kind `persn` for actor `putin`",
        "unknown actor `putn` in event `astana-summit`",
        "event `reversed` ends (1990) before it starts (1991)",
        "unknown event `astana-sumit` in event `reversed`",
        "did you mean `astana-summit`?",
        "an event has no `id`; it is required\n  --> tests/fixtures/bad.yaml:23:5",
    ];
    for e in expect {
        assert!(err.contains(e), "missing {e:?} in:\n{err}");
    }
    // `titel` is reported as a misspelling, not also as a missing `title`.
    assert!(!err.contains("has no `title`"), "{err}");
    assert!(err.contains("invalid: 9 errors, 1 warning"), "{err}");
}

#[test]
fn syntax_errors_name_the_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.yaml");
    std::fs::write(&path, "events:\n  - id: a\n    title: [unclosed\n").expect("write");
    let o = steppe(&["validate", path.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("this is not valid YAML"), "{err}");
    assert!(err.contains("broken.yaml:4:1") || err.contains("broken.yaml:3:"), "{err}");
}

#[test]
fn warnings_fail_only_with_strict() {
    let o = steppe(&["validate", "tests/fixtures/warn.yaml"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o)
            .starts_with("ok: 1 event, 1 country, 1 actor, 0 eras, 0 tours in 1 file (2 warnings)")
    );
    let err = stderr(&o);
    assert!(err.contains("warning: event `unsourced` has no sources"), "{err}");
    assert!(err.contains("warning: actor `nobody` is never referenced"), "{err}");
    let o = steppe(&["validate", "tests/fixtures/warn.yaml", "--strict"]);
    assert_eq!(o.status.code(), Some(1));

    // The other commands name the command that shows them, with the same options.
    let o = steppe(&["list", "--with-builtin", "--prefer", "later", "tests/fixtures/warn.yaml"]);
    let err = stderr(&o);
    let command = "steppe validate --with-builtin --prefer later tests/fixtures/warn.yaml";
    assert!(err.contains(&format!("in the timelines; `{command}` shows them")), "{err}");
    let words: Vec<&str> = command.split(' ').skip(1).collect();
    let err = stderr(&steppe(&words));
    assert!(err.contains("warning: event `unsourced` has no sources"), "{err}");
}

#[test]
fn identical_duplicates_merge_and_different_ones_fail() {
    let o = steppe(&["validate", "tests/fixtures/dup-same"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("2 events, 1 country"), "{}", stdout(&o));
    let o = steppe(&["validate", "tests/fixtures/dup-diff"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("country `KZ` is defined twice, differently; the first definition is at tests/fixtures/dup-diff/a.yaml:2:12"), "{err}");
    assert!(err.contains("event `one` is defined twice"), "{err}");
}

#[test]
fn directories_load_yaml_files_in_path_order() {
    let events = json(&["tests/fixtures/dir"]);
    assert_eq!(ids(&events), ["ancient", "approx", "same-day-a", "same-day-b"]);
    assert_eq!(events[0]["date"], "-0329");
    assert_eq!(events[1]["date"], "1865~");
    let o = steppe(&["list", "tests/fixtures/dir"]);
    let table = stdout(&o);
    assert!(table.contains("330 BCE"), "{table}");
    assert!(table.contains("c. 1865"), "{table}");
}

#[test]
fn missing_paths_are_unreadable_input() {
    let o = steppe(&["list", "tests/fixtures/no-such-file.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no-such-file.yaml"), "{}", stderr(&o));
    assert!(stderr(&o).contains("no such file or directory"), "{}", stderr(&o));
}

#[test]
fn table_csv_and_markdown_show_the_same_events() {
    let mini = "tests/fixtures/mini.yaml";
    let table = stdout(&steppe(&["list", mini, "--country", "TM"]));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(lines[0].starts_with("DATE"));
    assert!(lines[2].starts_with("Dec 2009 – 2010  pipeline"), "{table}");
    let csv = stdout(&steppe(&["list", mini, "--format", "csv"]));
    assert!(csv.starts_with(
        "id,date,end,title,summary,era,countries,country_names,actors,actor_names,actor_roles,tags,sources,"
    ));
    assert!(csv.contains("\"Leaders met in Astana.\nSecond paragraph.\""), "{csv}");
    assert_eq!(csv.lines().filter(|l| l.starts_with("pipeline,")).count(), 1);
    let md = stdout(&steppe(&["list", mini, "--format", "markdown"]));
    assert!(
        md.contains("| Dec 2009 – 2010 | A gas pipeline opens | CN, TM | energy | `pipeline` |"),
        "{md}"
    );
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let f = "tests/fixtures/hostile.yaml";
    for format in ["table", "json", "csv", "markdown"] {
        let o = steppe(&["list", f, "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(!out.contains(bad), "{format} output carries {bad:?}: {out:?}");
        }
        assert!(out.contains("Evil"), "{format}: {out}");
    }
}

#[test]
fn help_shows_examples() {
    for args in [&["--help"][..], &["list", "--help"], &["validate", "--help"]] {
        let o = steppe(args);
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).contains("Examples:"), "{args:?}");
    }
}

fn validate_text(yaml: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.yaml");
    std::fs::write(&path, yaml).expect("write");
    let o = steppe(&["validate", "--strict", path.to_str().expect("utf-8 path")]);
    (o.status.code(), stderr(&o))
}

#[test]
fn small_mistakes_are_each_reported_once() {
    let (code, err) =
        validate_text("events:\n  - {id: a, date: 2001, title: A, sources: [example.org]}\n");
    assert_eq!(code, Some(1));
    assert!(err.contains("`example.org` in a source of event `a` is not a web address"), "{err}");

    let (code, err) = validate_text("eras:\n  - {id: e, title: Empty start, start: }\n");
    assert_eq!(code, Some(1));
    assert!(err.contains("era `e` has no `start`"), "{err}");

    let (code, err) = validate_text(
        "countries: [{code: KZ, name: Kazakhstan}]\nactors: [{id: n, name: N, country: kz}]\nevents:\n  - {id: a, date: 2001, title: A, actors: [n], sources: [https://example.org]}\n",
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("write it in capitals: `KZ`"), "{err}");
    assert!(!err.contains("unknown actor"), "a bad country must not hide the actor: {err}");
    assert!(err.contains("invalid: 1 error"), "{err}");

    let (_, err) = validate_text(
        "countries: [{code: KZ, name: Kazakhstan}]\nevents:\n  - {id: a, date: 2001, title: A, countries: [UZ], sources: [https://example.org]}\n",
    );
    assert!(err.contains("unknown country `UZ`"), "{err}");
    assert!(!err.contains("did you mean `KZ`"), "no guess between country codes: {err}");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_walked_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a.yaml"),
        "events: [{id: a, date: 2001, title: A, sources: [https://example.org]}]\n",
    )
    .expect("write");
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).expect("symlink");
    let o = steppe(&["validate", dir.path().to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 event,"), "{}", stdout(&o));
}

#[test]
fn directories_nested_too_deep_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut deep = dir.path().to_path_buf();
    for i in 0..=steppe::load::MAX_DEPTH + 1 {
        deep.push(format!("d{i}"));
    }
    std::fs::create_dir_all(&deep).expect("mkdir");
    std::fs::write(deep.join("a.yaml"), "title: deep\n").expect("write");
    std::fs::write(dir.path().join("top.yaml"), "title: top\n").expect("write");
    let o = steppe(&["validate", dir.path().to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nested more than 32 directories deep"), "{}", stderr(&o));
}

#[test]
fn common_date_and_yaml_mistakes_get_a_hint() {
    let cases = [
        ("events:\n  - {id: a, date: 329 BC, title: A}\n", "write 329 BCE as `-0328`"),
        (
            "events:\n  - {id: a, date: 21/12/1991, title: A}\n",
            "write it as `1991-12-21` (year-month-day)",
        ),
        (
            "events:\n  - {id: a, date: 1504-2-3, title: A}\n",
            "write it as `1504-02-03` (year-month-day)",
        ),
        ("title: Babur takes Kabul: the start\n", "put the whole text in double quotes"),
        ("events:\n\t- id: a\n", "YAML indents with spaces only"),
        ("title: a\n---\ntitle: b\n", "keep one timeline per file"),
        ("actors: [{id: a, name: A, kind: Person}]\n", "write it in small letters: `person`"),
        (
            "events:\n  - {id: a, date: 2001, title: A, related: [a], sources: [https://e.org]}\n",
            "event `a` is related to itself",
        ),
    ];
    for (yaml, hint) in cases {
        let (code, err) = validate_text(yaml);
        assert_eq!(code, Some(1), "{yaml}");
        assert!(err.contains(hint), "{yaml:?} should hint {hint:?}:\n{err}");
    }
}

#[test]
fn a_differing_duplicate_still_has_its_references_checked() {
    let (code, err) = validate_text(
        "events:\n  - {id: a, date: 2001, title: A, sources: [https://e.org]}\n  - {id: a, date: 2002, title: B, related: [nope], sources: [https://e.org]}\n",
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("event `a` is defined twice"), "{err}");
    assert!(err.contains("unknown event `nope`"), "{err}");
}

#[test]
fn a_file_that_cannot_be_read_prints_only_the_error() {
    for command in ["list", "stats", "export"] {
        let o = steppe(&[command, "no-such-timeline.yaml"]);
        assert_eq!(o.status.code(), Some(1), "{command}");
        assert_eq!(stdout(&o), "", "{command}: nothing on the standard output");
        let err = stderr(&o);
        assert!(err.contains("no-such-timeline.yaml"), "{command}: {err}");
        assert!(err.contains("no events could be read"), "{command}: {err}");
        assert!(!err.contains("no events match"), "{command}: {err}");
    }
}
