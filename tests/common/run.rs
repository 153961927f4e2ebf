//! The `steppe` binary run as a user runs it, from the repository's root and
//! without colour, and its output read back. Every suite starts steppe from
//! here, with a cache directory of the tests' own, so that no test reads or
//! fills the cache of the person running them.

use std::process::{Command, Output};

use serde_json::Value;

/// The binary.
pub const BIN: &str = env!("CARGO_BIN_EXE_steppe");

/// The cache directory the tests' steppe uses (`XDG_CACHE_HOME`).
pub fn cache_home() -> String {
    concat!(env!("CARGO_TARGET_TMPDIR"), "/xdg-cache").to_string()
}

/// The binary, to be given arguments: run from the repository's root, with
/// the tests' cache directory.
pub fn command() -> Command {
    let mut c = Command::new(BIN);
    c.current_dir(env!("CARGO_MANIFEST_DIR")).env("XDG_CACHE_HOME", cache_home());
    c
}

pub fn steppe(args: &[&str]) -> Output {
    command().args(args).env("NO_COLOR", "1").output().expect("the steppe binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// `steppe list ARGS --format json`, as parsed JSON; the run must succeed.
pub fn listed(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["list", "--format", "json"];
    all.extend_from_slice(args);
    let o = steppe(&all);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("list --format json prints a JSON array")
}

pub fn ids(events: &[Value]) -> Vec<String> {
    events.iter().map(|e| e["id"].as_str().unwrap_or_default().to_string()).collect()
}
