//! The mistakes people make writing a first timeline by hand: each file in
//! tests/fixtures/mistakes holds one, and its first line says where the one
//! error must be reported and words its message or help must contain:
//! `# line 8: start it with \`- \``.

use crate::common;

use std::path::{Path, PathBuf};

use steppe::load::{self, Severity};

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mistakes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the mistakes corpus")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    files.sort();
    files
}

/// The expected line and words, from the file's first line.
fn expectation(path: &Path) -> (usize, String) {
    let text = std::fs::read_to_string(path).expect("read");
    let first = text.lines().next().unwrap_or_default();
    let (line, words) = first
        .strip_prefix("# line ")
        .and_then(|rest| rest.split_once(": "))
        .unwrap_or_else(|| panic!("{}: no `# line N: words` header", path.display()));
    (line.parse().expect("a line number"), words.to_string())
}

#[test]
fn each_mistake_gets_one_plain_error_at_its_line() {
    let files = corpus();
    assert!(files.len() >= 15, "the corpus holds {} files", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let (line, words) = expectation(path);
        let loaded = load::load_paths(std::slice::from_ref(path));
        let errors: Vec<_> =
            loaded.report.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        let ok = errors.len() == 1
            && errors[0].mark.is_some_and(|m| m.line == line)
            && format!("{} {}", errors[0].message, errors[0].help.as_deref().unwrap_or(""))
                .contains(&words);
        if !ok {
            failures.push(format!(
                "{}: expected one error at line {line} saying {words:?}, got:\n{}",
                path.display(),
                loaded.report.render_all()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_report_names_file_line_and_the_fix() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mistakes/missing-dash.yaml");
    let out = common::run::command().arg("validate").arg(&path).output().expect("steppe runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing-dash.yaml:8:3"), "{err}");
    assert!(err.contains("8 |   id: second"), "{err}");
    assert!(err.contains("help: start it with `- `: `  - id: second`"), "{err}");
}

#[test]
fn each_broken_event_of_a_file_is_reported() {
    let mut text = String::from("title: T\nevents:\n");
    let mut expected = Vec::new();
    for i in 0..6 {
        let line = text.lines().count() + 1;
        match i % 3 {
            0 => {
                text.push_str(&format!("  - id: e{i}\n     date: 2001\n    title: T\n"));
                expected.push(line + 1);
            }
            1 => text.push_str(&format!(
                "  - id: e{i}\n    date: 2001\n    title: T\n    sources: [https://example.org]\n"
            )),
            _ => {
                text.push_str(&format!("  - id: e{i}\n    title: \"open\n    date: 2001\n"));
                expected.push(line + 1);
            }
        }
    }
    let loaded = load::load_texts(vec![("many.yaml".into(), Ok(text))]);
    let lines: Vec<usize> = loaded
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter_map(|d| d.mark.map(|m| m.line))
        .collect();
    assert_eq!(lines, expected, "{}", loaded.report.render_all());
}

#[test]
fn every_first_cause_is_reported_and_nothing_that_follows_from_them() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/first-causes.yaml");
    let loaded = load::load_paths(std::slice::from_ref(&path));
    let errors: Vec<(usize, String)> = loaded
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let words = format!("{} {}", d.message, d.help.as_deref().unwrap_or(""));
            (d.mark.map_or(0, |m| m.line), words)
        })
        .collect();
    let expected: [(usize, &str); 6] = [
        (7, "replace the tab"),
        (20, "write `date: 1987`"),
        (25, "indent it to match line 24: add 2 spaces before `title`"),
        (30, "unknown country `TJ`"),
        (33, "did you mean `title`?"),
        (36, "rename one of them"),
    ];
    let shown = loaded.report.render_all();
    assert_eq!(errors.len(), expected.len(), "{shown}");
    for ((line, words), (want_line, want)) in errors.iter().zip(expected) {
        assert_eq!(*line, want_line, "{shown}");
        assert!(words.contains(want), "line {line}: {words:?} lacks {want:?}\n{shown}");
    }
    // Each error that kept items from being read names them.
    let notes: Vec<&str> =
        loaded.report.diagnostics.iter().filter_map(|d| d.note.as_deref()).collect();
    assert_eq!(
        notes,
        [
            "not read because of this error: country `UZ` (line 6)",
            "not read because of this error: event `sea-shrinks` (line 19)",
            "not read because of this error: event `summit` (line 23)",
        ],
        "{shown}"
    );
    let ids: Vec<&str> = loaded.timeline.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["irrigation-expands", "dam"], "{shown}");
}

#[test]
fn errors_are_shown_before_warnings() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/first-causes.yaml");
    let out = steppe_validate(&path);
    let first_error = out.find("error:").expect("an error");
    let first_warning = out.find("warning:").expect("a warning");
    assert!(first_error < first_warning, "{out}");
    let errors = out.lines().filter(|l| l.starts_with("error:")).count();
    assert_eq!(errors, 7, "six errors and the verdict: {out}");
    assert!(
        out.contains("= note: not read because of this error: event `summit` (line 23)"),
        "{out}"
    );
}

fn steppe_validate(path: &Path) -> String {
    let out = common::run::command().arg("validate").arg(path).output().expect("steppe runs");
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn an_analysts_table_gets_located_advice_not_errors_for_its_own_columns() {
    let cases: [(&str, Severity, usize, &str); 3] = [
        (
            "id,date,title,fatalities\na,2022-01-05,Riot,3\n",
            Severity::Warning,
            1,
            "unknown column `fatalities`: kept as the events' attribute `fatalities`",
        ),
        (
            "id,date,title,Country\na,2022-01-05,Riot,Kazakhstan\n",
            Severity::Warning,
            1,
            "if it holds steppe's `countries`, map it with --columns FILE (a line `country: countries`)",
        ),
        (
            "event_id_cnty,event_date,notes\nKAZ1,2022-01-05,Riot\n",
            Severity::Error,
            1,
            "name the columns that hold them in a file given with --columns FILE",
        ),
    ];
    for (text, severity, line, words) in cases {
        let loaded = load::load_texts(vec![("table.csv".into(), Ok(text.to_string()))]);
        let found =
            loaded.report.diagnostics.iter().find(|d| {
                format!("{} {}", d.message, d.help.as_deref().unwrap_or("")).contains(words)
            });
        let shown = loaded.report.render_all();
        let d = found.unwrap_or_else(|| panic!("{words:?} in\n{shown}"));
        assert_eq!((d.severity, d.mark.map(|m| m.line)), (severity, Some(line)), "{shown}");
        if severity == Severity::Warning {
            assert!(loaded.is_ok(), "{shown}");
            assert_eq!(loaded.timeline.events.len(), 1);
        }
    }
}
