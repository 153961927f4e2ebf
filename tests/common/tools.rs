//! The system tools some suites drive: tmux, Chromium and its driver, pdftotext, man,
//! bash, pkill and pgrep. A test asks for each with `require` before it uses it. On a
//! machine without the tool (one with only Rust, say) the test is skipped, with a line
//! on the terminal naming the tool and how to install it, and `tests/zz_skipped.rs`
//! lists every skip at the end of the run. With `CI` set the test fails instead, so CI
//! can never pass by skipping.

use std::collections::{BTreeMap, HashSet};
use std::ffi::OsStr;
use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A tool's command and how to install it.
pub struct Tool {
    pub command: &'static str,
    pub install: &'static str,
}

/// Every tool a test may ask for; `tests/zz_skipped.rs` checks that each suite running
/// one of these asks first.
pub const TOOLS: &[Tool] = &[
    Tool { command: "tmux", install: "apt-get install tmux, or brew install tmux" },
    Tool { command: "chromium", install: "apt-get install chromium" },
    Tool { command: "chromedriver", install: "apt-get install chromium-driver" },
    Tool {
        command: "pdftotext",
        install: "apt-get install poppler-utils, or brew install poppler",
    },
    Tool { command: "man", install: "apt-get install man-db" },
    Tool { command: "bash", install: "apt-get install bash, or brew install bash" },
    Tool { command: "pkill", install: "apt-get install procps" },
    Tool { command: "pgrep", install: "apt-get install procps" },
    Tool { command: "curl", install: "apt-get install curl, or brew install curl" },
];

fn tool(command: &str) -> &'static Tool {
    TOOLS.iter().find(|t| t.command == command).unwrap_or_else(|| {
        panic!("`{command}` is not in tests/common/tools.rs's TOOLS: add it with how to install it")
    })
}

/// Where `command` is on the search path `path` (PATH's value), if it is there.
pub fn find(command: &str, path: Option<&OsStr>) -> Option<PathBuf> {
    std::env::split_paths(path?)
        .map(|dir| dir.join(command))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    path.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.with_extension(std::env::consts::EXE_EXTENSION).is_file()
}

/// Whether the `CI` variable asks for a strict run: set, and not empty, `0` or `false`.
pub fn ci(value: Option<&OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// The path of `command` if it is installed. If it is not: `None`, after a line saying
/// that this test is skipped and what to install; or, with `CI` set, a failure naming
/// every tool of `TOOLS` that this machine lacks.
pub fn require(command: &str) -> Option<PathBuf> {
    let tool = tool(command);
    let path = std::env::var_os("PATH");
    if let Some(found) = find(command, path.as_deref()) {
        note_run();
        return Some(found);
    }
    let (test, suite) = current_test();
    if ci(std::env::var_os("CI").as_deref()) {
        let missing: Vec<&str> = TOOLS
            .iter()
            .map(|t| t.command)
            .filter(|c| find(c, path.as_deref()).is_none())
            .collect();
        panic!(
            "{test} needs `{command}`, which is not on PATH ({}); CI is set, so it fails \
             instead of being skipped. Missing here: {}. .ci/run installs them all.",
            tool.install,
            missing.join(", ")
        );
    }
    note_skip(&test, &suite, command);
    None
}

/// `require` for each of `commands`, so that a skip names every one missing.
pub fn require_all<const N: usize>(commands: [&str; N]) -> Option<[PathBuf; N]> {
    let found = commands.map(require);
    if found.iter().any(Option::is_none) {
        return None;
    }
    Some(found.map(|f| f.expect("checked above")))
}

/// `file::test`, as in the skip line, and `file`, the suite the summary counts it under:
/// the binary's name, or in tests/suite/ (one binary of many files) the module's.
fn current_test() -> (String, String) {
    // libtest runs each test on a thread named after it.
    let thread = std::thread::current();
    let name = thread.name().unwrap_or("?");
    let krate = env!("CARGO_CRATE_NAME");
    match name.split_once("::") {
        Some((file, _)) if krate == "suite" => (name.to_string(), file.to_string()),
        _ => (format!("{krate}::{name}"), krate.to_string()),
    }
}

/// Straight to the terminal: libtest keeps back what a passing test prints with
/// `println!` and `eprintln!`, but not what it writes to `io::stderr()` itself.
fn say(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// The skip records of this run: one file per test binary, `<crate>.tsv`, with lines of
/// `suite`, `test` and `command`. `STEPPE_SKIPPED_DIR` puts them elsewhere (for the
/// tests of this file).
pub fn records_dir() -> PathBuf {
    std::env::var_os("STEPPE_SKIPPED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("skipped-for-want-of-tools"))
}

struct Records {
    file: Option<File>,
    seen: HashSet<(String, String)>,
}

static RECORDS: Mutex<Option<Records>> = Mutex::new(None);

/// This binary's records, begun afresh at its first `require`, so that a test binary
/// run again replaces what it recorded the time before.
fn with_records(f: impl FnOnce(&mut Records)) {
    let mut records = RECORDS.lock().unwrap_or_else(|e| e.into_inner());
    let records = records.get_or_insert_with(|| {
        let dir = records_dir();
        let file = std::fs::create_dir_all(&dir)
            .and_then(|()| File::create(dir.join(format!("{}.tsv", env!("CARGO_CRATE_NAME")))))
            .ok();
        Records { file, seen: HashSet::new() }
    });
    f(records);
}

fn note_run() {
    with_records(|_| {});
}

fn note_skip(test: &str, suite: &str, command: &str) {
    with_records(|records| {
        if !records.seen.insert((test.to_string(), command.to_string())) {
            return;
        }
        say(&format!(
            "skipped {test}: needs {command}, which is not on PATH ({})\n",
            tool(command).install
        ));
        if let Some(file) = &mut records.file {
            let _ = writeln!(file, "{suite}\t{test}\t{command}");
        }
    });
}

/// What the records in `dir` say was skipped, per tool, or `None` if nothing was.
/// The records are removed: the next run starts clean.
pub fn take_summary(dir: &Path) -> Option<String> {
    // tool -> suite -> tests
    let mut skipped: BTreeMap<usize, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    let mut tests = HashSet::new();
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        if path.extension() != Some(OsStr::new("tsv")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let _ = std::fs::remove_file(&path);
        for line in text.lines() {
            let mut fields = line.split('\t');
            let (Some(suite), Some(test), Some(command)) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let Some(index) = TOOLS.iter().position(|t| t.command == command) else {
                continue;
            };
            tests.insert(test.to_string());
            skipped
                .entry(index)
                .or_default()
                .entry(suite.to_string())
                .or_default()
                .push(test.into());
        }
    }
    if skipped.is_empty() {
        return None;
    }
    let count = tests.len();
    let mut out = format!(
        "\nskipped: {count} test{} for want of a tool (with CI=true they fail instead); \
         .ci/run installs every tool and runs all that CI runs:\n",
        if count == 1 { "" } else { "s" }
    );
    for (index, suites) in skipped {
        let tool = &TOOLS[index];
        let places: Vec<String> = suites
            .iter()
            .map(|(suite, tests)| match tests.len() {
                1 => format!("{suite} (1 test)"),
                n => format!("{suite} ({n} tests)"),
            })
            .collect();
        out.push_str(&format!(
            "  {}: {}; install: {}\n",
            tool.command,
            places.join(", "),
            tool.install
        ));
    }
    Some(out)
}

/// Prints what this run skipped (see `take_summary`), straight to the terminal.
pub fn print_summary() {
    if let Some(text) = take_summary(&records_dir()) {
        say(&text);
    }
}
