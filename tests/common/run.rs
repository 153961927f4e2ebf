//! The `steppe` binary run as a user runs it, from the repository's root and
//! without colour, and its output read back.

use std::process::{Command, Output};

use serde_json::Value;

pub fn steppe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_steppe"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the steppe binary runs")
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
