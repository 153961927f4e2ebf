//! Last in a `cargo test` run (cargo runs the test files in the order of their names,
//! hence `zz_`): lists on the terminal the tests that the run skipped because a tool
//! they drive is not installed, with how to install each (tests/common/tools.rs).
//!
//! And the tests of that skipping: a test binary run with no tool on its PATH passes,
//! with one line naming the tool that libtest does not hide; with `CI` set it fails,
//! naming every missing tool; and each suite that runs a tool asks for it first.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::tools;

/// Set for the child processes of the tests below, to run `probe_asks_for_tmux`.
const PROBE: &str = "STEPPE_TOOLS_PROBE";

#[test]
fn what_was_skipped_for_want_of_a_tool() {
    if std::env::var_os(PROBE).is_none() {
        tools::print_summary();
    }
}

/// Asks for tmux as a suite does. It does nothing unless the tests below run it, in a
/// child process with a PATH of their choosing.
#[test]
fn probe_asks_for_tmux() {
    if std::env::var_os(PROBE).is_none() {
        return;
    }
    if let Some(path) = tools::require("tmux") {
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), "probe: tmux is {}", path.display());
    }
}

/// This test binary running `probe_asks_for_tmux` alone, as cargo runs a test binary
/// (output captured), with `path` as PATH, `ci` as CI and its records in `records`.
fn probe(path: &Path, ci: Option<&str>, records: &Path) -> Output {
    let mut cmd = Command::new(std::env::current_exe().expect("this test binary"));
    cmd.args(["--exact", "probe_asks_for_tmux"])
        .env(PROBE, "1")
        .env("PATH", path)
        .env("STEPPE_SKIPPED_DIR", records)
        .env_remove("CI");
    if let Some(ci) = ci {
        cmd.env("CI", ci);
    }
    cmd.output().expect("the test binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn without_the_tool_a_test_is_skipped_with_a_line_saying_what_to_install() {
    let empty = tempfile::tempdir().expect("an empty PATH directory");
    let records = tempfile::tempdir().expect("a records directory");
    let o = probe(empty.path(), None, records.path());
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert!(o.status.success(), "{out}{err}");
    assert!(out.contains("test probe_asks_for_tmux ... ok"), "{out}");
    // One line, though libtest captures the test's output.
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("skipped ")).collect();
    assert_eq!(
        lines,
        ["skipped zz_skipped::probe_asks_for_tmux: needs tmux, which is not on PATH \
             (apt-get install tmux, or brew install tmux)"],
        "{err}"
    );

    // The summary at the end of the run says it again, per tool and suite, then forgets.
    let summary = tools::take_summary(records.path()).expect("a skip was recorded");
    assert!(summary.contains("skipped: 1 test for want of a tool"), "{summary}");
    assert!(summary.contains("CI=true") && summary.contains(".ci/run"), "{summary}");
    assert!(
        summary.contains(
            "  tmux: zz_skipped (1 test); install: apt-get install tmux, or brew install tmux"
        ),
        "{summary}"
    );
    assert_eq!(tools::take_summary(records.path()), None);
}

#[test]
fn with_ci_set_a_missing_tool_fails_the_test_naming_every_missing_tool() {
    let empty = tempfile::tempdir().expect("an empty PATH directory");
    let records = tempfile::tempdir().expect("a records directory");
    for ci in ["true", "1"] {
        let o = probe(empty.path(), Some(ci), records.path());
        let (out, err) = (text(&o.stdout), text(&o.stderr));
        assert_eq!(o.status.code(), Some(101), "CI={ci}: {out}{err}");
        assert!(out.contains("test probe_asks_for_tmux ... FAILED"), "{out}");
        let all = format!("{out}{err}");
        assert!(all.contains("needs `tmux`") && all.contains("CI is set"), "{all}");
        assert!(
            all.contains(
                "Missing here: tmux, chromium, chromedriver, pdftotext, man, bash, pkill, pgrep, curl."
            ),
            "{all}"
        );
        assert!(!err.contains("skipped "), "{err}");
        assert_eq!(tools::take_summary(records.path()), None, "a failure is no skip");
    }
}

#[cfg(unix)]
#[test]
fn with_the_tool_on_path_the_test_runs() {
    use std::os::unix::fs::PermissionsExt as _;
    let bin = tempfile::tempdir().expect("a PATH directory");
    let tmux = bin.path().join("tmux");
    std::fs::write(&tmux, "#!/bin/sh\n").expect("a stand-in tmux");
    std::fs::set_permissions(&tmux, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let records = tempfile::tempdir().expect("a records directory");
    for ci in [None, Some("true")] {
        let o = probe(bin.path(), ci, records.path());
        let (out, err) = (text(&o.stdout), text(&o.stderr));
        assert!(o.status.success(), "{out}{err}");
        assert!(err.contains(&format!("probe: tmux is {}", tmux.display())), "{err}");
        assert!(!err.contains("skipped "), "{err}");
    }
    // A file that is not executable is not the tool.
    std::fs::set_permissions(&tmux, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    assert_eq!(tools::find("tmux", Some(bin.path().as_os_str())), None);
}

#[test]
fn ci_is_set_unless_empty_zero_or_false() {
    for on in ["true", "1", "yes", "TRUE"] {
        assert!(tools::ci(Some(on.as_ref())), "{on}");
    }
    for off in ["", "0", "false", "False"] {
        assert!(!tools::ci(Some(off.as_ref())), "{off:?}");
    }
    assert!(!tools::ci(None));
}

/// A suite that runs one of the tools by name asks for it first, so that it is skipped
/// rather than failing where the tool is missing.
#[test]
fn every_suite_that_runs_a_tool_asks_for_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    // Every directory under tests/: the suites in tests/suite/ and their helpers.
    let mut dirs = vec![root.join("tests")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("a tests directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 20, "{files:?}");
    assert!(files.iter().any(|f| f.ends_with("tests/suite/e2e.rs")), "{files:?}");
    let mut unasked = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("a test file");
        for tool in tools::TOOLS {
            let runs = source.contains(&format!("Command::new(\"{}\")", tool.command));
            if runs && !asks_for(&source, tool.command) {
                unasked.push(format!("{}: {}", file.display(), tool.command));
            }
        }
    }
    assert!(unasked.is_empty(), "run without asking tools::require first: {unasked:?}");
}

/// Whether `source` passes `command` to `tools::require` or `tools::require_all`.
fn asks_for(source: &str, command: &str) -> bool {
    let quoted = format!("\"{command}\"");
    source.match_indices("tools::require").any(|(at, _)| {
        let call = &source[at..];
        let end = call.find(')').unwrap_or(call.len());
        call[..end].contains(&quoted)
    })
}
