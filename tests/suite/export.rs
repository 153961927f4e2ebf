//! What steppe writes, as a user runs it: files written whole, through links
//! and to devices; output that stays harmless in a terminal, a spreadsheet and
//! a Markdown viewer; closed pipes and full disks that end with a clear exit.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use steppe::text::safe::spreadsheet_cell_undo;

const MARKUP: &str = "tests/fixtures/markup.yaml";

fn run(args: &[&std::ffi::OsStr], stdout: Stdio, stderr: Stdio) -> Output {
    common::run::command()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .output()
        .expect("the steppe binary runs")
}

fn steppe<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(AsRef::as_ref).collect();
    run(&args, Stdio::piped(), Stdio::piped())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

fn assert_inert(what: &str, out: &str) {
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{2066}'] {
        assert!(!out.contains(bad), "{what} carries {bad:?}: {out:?}");
    }
}

/// A directory holding a copy of the small timeline under `name`.
fn timeline_named(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::copy("tests/fixtures/mini.yaml", dir.path().join(name)).expect("copy");
    dir
}

#[test]
fn file_names_from_a_directory_walk_are_printed_inert() {
    let dir = timeline_named("a\u{1b}]0;owned\u{7}b\u{202e}c.yaml");
    for format in ["csv", "json", "table", "markdown"] {
        let o = steppe(&[
            "list".as_ref(),
            dir.path().as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert_inert(format, &text(&o.stdout));
    }
    let o = steppe(&["list".as_ref(), dir.path().as_os_str(), "--format".as_ref(), "csv".as_ref()]);
    assert!(text(&o.stdout).contains("a\\u{1b}]0;owned\\u{7}b\\u{202e}c.yaml"));
    // JSON escapes them the JSON way, so a reader gets the real name back.
    let o =
        steppe(&["list".as_ref(), dir.path().as_os_str(), "--format".as_ref(), "json".as_ref()]);
    let out = text(&o.stdout);
    assert!(out.contains(r"a\u001b]0;owned\u0007b\u202ec.yaml"), "{out}");
    let events: Vec<serde_json::Value> = serde_json::from_str(&out).expect("JSON");
    let file = events[0]["file"].as_str().expect("file");
    assert!(file.ends_with("a\u{1b}]0;owned\u{7}b\u{202e}c.yaml"), "{file:?}");
}

#[test]
fn arguments_echoed_in_errors_are_inert() {
    let o = steppe(&["list", "--country", "X\u{1b}]0;owned\u{7}\u{202e}"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert_inert("the usage error", &err);
    assert!(err.contains("no country `X\\u{1b}]0;owned\\u{7}\\u{202e}`"), "{err}");
    let o = steppe(&["export", "-o", "/nonexistent-dir/\u{1b}[2J\u{202e}.md"]);
    assert_eq!(o.status.code(), Some(1));
    assert_inert("the write error", &text(&o.stderr));
    let o = steppe(&["list", "no-such-\u{1b}[2J.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert_inert("the load error", &text(&o.stderr));
    let o = steppe(&["--theme", "\u{7}\u{202e}x"]);
    assert_eq!(o.status.code(), Some(2));
    assert_inert("clap's error", &text(&o.stderr));
}

/// Does `pattern` occur in `md` without a backslash before it?
fn unescaped(md: &str, pattern: &str) -> bool {
    md.match_indices(pattern).any(|(at, _)| !md[..at].ends_with('\\'))
}

#[test]
fn markdown_shows_markup_as_text_and_links_only_the_web() {
    let o = steppe(&["list", MARKUP, "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(0));
    let md = text(&o.stdout);
    assert!(md.contains(r"\<script\>alert('title')\</script\> \[click\](javascript:alert(1))"));
    assert!(!unescaped(&md, "<script") && !unescaped(&md, "](javascript:"), "{md}");
    let o = steppe(&["export", MARKUP]);
    let md = text(&o.stdout);
    for raw in ["<script", "<img", "<b>", "<svg", "](javascript:"] {
        assert!(!unescaped(&md, raw), "the handout passes {raw:?}:\n{md}");
    }
    for raw in ["\n- not", "\n# not", "\n1991."] {
        assert!(!md.contains(raw), "the handout passes {raw:?}:\n{md}");
    }
    assert!(md.contains("<https://example.org/plain>"), "{md}");
    assert!(!md.contains("<https://example.org/?q="), "a URL with markup is no link:\n{md}");
}

#[test]
fn csv_cells_are_text_to_a_spreadsheet_and_undo_exactly() {
    let o = steppe(&["list", MARKUP, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    let csv_text = text(&o.stdout);
    assert!(csv_text.contains("formula,2002,,\"'=HYPERLINK("), "{csv_text}");
    let json: Vec<serde_json::Value> =
        serde_json::from_slice(&steppe(&["list", MARKUP, "--format", "json"]).stdout)
            .expect("JSON");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a CSV row")).collect();
    assert_eq!(rows.len(), json.len());
    for (row, event) in rows.iter().zip(&json) {
        for cell in row.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "a formula reaches the sheet: {cell}");
        }
        for (column, key) in [(0, "id"), (1, "date"), (3, "title"), (4, "summary")] {
            let want = event[key].as_str().expect("a string");
            assert_eq!(spreadsheet_cell_undo(&row[column]), want, "{key}");
        }
    }
}

/// Runs steppe with its standard output (or error) a pipe whose reader has gone.
fn with_closed(stream: &str, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let args: Vec<&std::ffi::OsStr> = args.iter().map(AsRef::as_ref).collect();
    match stream {
        "stdout" => run(&args, writer.into(), Stdio::piped()),
        _ => run(&args, Stdio::piped(), writer.into()),
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let bad = tempfile::tempdir().expect("tempdir");
    let bad_file = bad.path().join("bad.yaml");
    fs::write(&bad_file, "title: x\nevents: [").expect("write");
    let bad_file = bad_file.to_str().expect("path");
    let cases: [(&str, &[&str], i32); 6] = [
        ("stdout", &["validate"], 0),
        ("stdout", &["list"], 0),
        ("stdout", &["export"], 0),
        ("stdout", &["--help"], 0),
        ("stderr", &["validate", bad_file], 1),
        ("stderr", &["list", "--country", "XX"], 2),
    ];
    for (stream, args, code) in cases {
        let o = with_closed(stream, args);
        assert_eq!(o.status.code(), Some(code), "{args:?} with {stream} closed");
        let other = if stream == "stdout" { &o.stderr } else { &o.stdout };
        assert!(!text(other).contains("panicked"), "{args:?}: {}", text(other));
        assert!(stream == "stderr" || o.stderr.is_empty(), "{args:?}: {}", text(&o.stderr));
    }
}

#[test]
fn a_full_disk_is_an_error_with_its_cause() {
    if !Path::new("/dev/full").exists() {
        panic!("this test needs /dev/full");
    }
    for args in
        [&["validate"][..], &["list"], &["list", "--format", "json"], &["export"], &["--help"]]
    {
        let full = fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
        let args: Vec<&std::ffi::OsStr> = args.iter().map(AsRef::as_ref).collect();
        let o = run(&args, full.into(), Stdio::piped());
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = text(&o.stderr);
        assert!(err.contains("No space left on device") && !err.contains("panicked"), "{err}");
    }
}

#[cfg(unix)]
mod files {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};

    use super::*;

    fn export_to(path: &Path) -> Output {
        steppe(&["export".as_ref(), "-o".as_ref(), path.as_os_str()])
    }

    #[test]
    fn a_link_is_written_through_and_a_mode_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.md");
        fs::write(&real, "old").expect("write");
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).expect("chmod");
        let link = dir.path().join("handout.md");
        symlink(&real, &link).expect("symlink");
        let o = export_to(&link);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert!(fs::symlink_metadata(&link).expect("stat").file_type().is_symlink());
        assert!(fs::read_to_string(&real).expect("read").starts_with("# Central Asia"));
        assert_eq!(fs::metadata(&real).expect("stat").permissions().mode() & 0o777, 0o600);
        let mut names: Vec<_> =
            fs::read_dir(dir.path()).expect("ls").map(|e| e.expect("entry").file_name()).collect();
        names.sort();
        assert_eq!(names, ["handout.md", "real.md"], "no temporary left behind");
    }

    #[test]
    fn a_device_is_written_to_not_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let null = dir.path().join("null");
        symlink("/dev/null", &null).expect("symlink");
        let o = export_to(&null);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert!(fs::metadata("/dev/null").expect("stat").file_type().is_char_device());
        assert!(fs::symlink_metadata(&null).expect("stat").file_type().is_symlink());
        // A named pipe gets the handout, and stays a pipe.
        let fifo = dir.path().join("fifo");
        let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).expect("read the pipe"))
        };
        let o = export_to(&fifo);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert!(reader.join().expect("reader").starts_with("# Central Asia"));
        assert!(fs::symlink_metadata(&fifo).expect("stat").file_type().is_fifo());
    }

    #[test]
    fn the_standard_output_by_name_is_written_to() {
        // /dev/stdout leads to a pipe here: written through, never replaced.
        let o = steppe(&["export", "--format", "html", "-o", "/dev/stdout"]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert!(text(&o.stdout).starts_with("<!DOCTYPE html>"));
        assert!(fs::symlink_metadata("/dev/stdout").expect("stat").file_type().is_symlink());
        let o = with_closed("stdout", &["export", "-o", "/dev/stdout"]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
    }

    #[test]
    fn a_failed_write_says_why_and_keeps_the_old_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let o = export_to(&dir.path().join("missing/handout.md"));
        assert_eq!(o.status.code(), Some(1));
        let err = text(&o.stderr);
        assert!(err.contains("No such file or directory"), "{err}");
        assert!(err.contains("the handout was not written"), "{err}");
        let o = export_to(dir.path());
        assert_eq!(o.status.code(), Some(1));
        assert!(text(&o.stderr).to_lowercase().contains("is a directory"), "{}", text(&o.stderr));
    }

    #[test]
    fn a_failed_write_names_what_was_not_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("missing/x.yaml");
        let o = steppe(&[
            "export".as_ref(),
            "--format".as_ref(),
            "yaml".as_ref(),
            "-o".as_ref(),
            missing.as_os_str(),
        ]);
        assert_eq!(o.status.code(), Some(1));
        let err = text(&o.stderr);
        assert!(err.contains("the YAML timeline was not written"), "{err}");
        assert!(!err.contains("handout"), "{err}");
    }

    #[test]
    fn the_file_ending_chooses_the_format_without_format() {
        let dir = tempfile::tempdir().expect("tempdir");
        let starts = [
            ("x.json", "{"),
            ("x.html", "<!DOCTYPE html>"),
            ("x.yaml", "# A steppe timeline"),
            ("x.md", "# "),
            ("x.txt", "# "),
            ("x.csv", "id,date,end,title,"),
        ];
        for (name, start) in starts {
            let o = export_to(&dir.path().join(name));
            assert_eq!(o.status.code(), Some(0), "{name}: {}", text(&o.stderr));
            let written = fs::read_to_string(dir.path().join(name)).expect("written");
            assert!(written.starts_with(start), "{name}: {}", &written[..40.min(written.len())]);
        }
        for data in ["x.json", "x.csv"] {
            let path = dir.path().join(data);
            let o = steppe(&["validate".as_ref(), path.as_os_str()]);
            assert_eq!(o.status.code(), Some(0), "{data} opens again: {}", text(&o.stderr));
        }
        let pdf = dir.path().join("x.pdf");
        let o = export_to(&pdf);
        assert_eq!(o.status.code(), Some(2));
        let says = "--format markdown|html|yaml|timelinejs|csv|json";
        assert!(text(&o.stderr).contains(says), "{}", text(&o.stderr));
        assert!(!pdf.exists(), "x.pdf is not written");
        let md = dir.path().join("as.json");
        let o = steppe(&[
            "export".as_ref(),
            "--format".as_ref(),
            "markdown".as_ref(),
            "-o".as_ref(),
            md.as_os_str(),
        ]);
        assert_eq!(o.status.code(), Some(0), "an explicit --format is what is written");
        assert!(fs::read_to_string(&md).expect("written").starts_with("# "));
    }
}

#[test]
fn the_markdown_handout_shows_the_whole_card() {
    let o = steppe(&["export", "tests/fixtures/mini.yaml", "--country", "KZ"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let md = text(&o.stdout);
    let card = md.split("## 14 Oct 2022 — A summit in Astana\n").nth(1).expect("the card");
    for line in [
        "*Era:* Later\\\n",
        "*Countries:* Kazakhstan, Russia\\\n",
        "*People and organisations:* Vladimir Putin, Xi Jinping (guest)\\\n",
        "*Tags:* summit\n",
        "Leaders met in Astana.\\\nSecond paragraph.\n",
        "*Sources:* Example <https://example.org/summit>\n",
        "*Related:* 15 Jun 2001 — An organisation is founded\n",
    ] {
        assert!(card.contains(line), "missing {line:?} in:\n{card}");
    }
}
