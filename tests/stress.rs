//! Hostile inputs against time and memory: each class of input that once
//! made steppe quadratic or made it hold many times its size (issue 22) is
//! run through the binary, whose wall time and peak resident memory are
//! bounded. The inputs are as large as needed for the old behaviour to
//! blow far past the bound (tens of seconds where this takes a fraction of
//! one, on a debug build), and no larger.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Bounds every class must keep.
const TIME: Duration = Duration::from_secs(3);
const MEMORY_MB: u64 = 500;

/// What one run of the binary cost, and what it said.
struct Cost {
    wall: Duration,
    peak_mb: u64,
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// Runs `steppe ARGS` (in `dir`), waiting with `wait4` for its own peak
/// resident set; a run past 60 s is killed.
fn measure(dir: &Path, args: &[&str]) -> Cost {
    let out = tempfile::tempfile().expect("stdout file");
    let err = tempfile::tempfile().expect("stderr file");
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_steppe"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(out.try_clone().expect("clone"))
        .stderr(err.try_clone().expect("clone"))
        .spawn()
        .expect("steppe runs");
    let pid = child.id() as libc::pid_t;
    let watchdog = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(60));
        // SAFETY: kill on a pid of ours; harmless if it has ended.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    });
    drop(watchdog);
    let mut status = 0;
    // SAFETY: rusage is written by wait4 alone.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    let wall = start.elapsed();
    let read = |mut f: std::fs::File| {
        use std::io::{Read, Seek};
        let mut v = Vec::new();
        f.seek(std::io::SeekFrom::Start(0)).expect("seek");
        f.read_to_end(&mut v).expect("read");
        v
    };
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Cost {
        wall,
        peak_mb: usage.ru_maxrss as u64 / 1024,
        code,
        stdout: read(out),
        stderr: read(err),
    }
}

/// Runs and checks the bounds; `limit_mb` tightens the memory bound.
fn bounded(what: &str, dir: &Path, args: &[&str], limit_mb: u64) -> Cost {
    let cost = measure(dir, args);
    let said = String::from_utf8_lossy(&cost.stderr);
    let said: String = said.chars().take(2000).collect();
    assert!(cost.code.is_some(), "{what}: killed or crashed: {said}");
    assert!(cost.wall <= TIME, "{what}: took {:?} (bound {TIME:?}): {said}", cost.wall);
    let limit = limit_mb.min(MEMORY_MB);
    assert!(cost.peak_mb <= limit, "{what}: peak {} MB (bound {limit} MB): {said}", cost.peak_mb);
    eprintln!("{what}: {:.2} s, {} MB", cost.wall.as_secs_f64(), cost.peak_mb);
    cost
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> String {
    std::fs::write(dir.join(name), text).expect("write");
    name.to_string()
}

#[test]
fn a_minified_timelinejs_file_loads_in_linear_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    // One line of 10,000 events (1.5 MB): columns were counted from the
    // line's start for every value, over 15 s.
    let events: Vec<String> = (0..10_000)
        .map(|i| format!(r#"{{"start_date":{{"year":{},"month":1,"day":2}},"text":{{"headline":"Event number {i} é","text":"A summary of event {i}"}},"unique_id":"e{i}"}}"#, 1800 + i % 200))
        .collect();
    let name = write(dir.path(), "min.json", format!(r#"{{"events":[{}]}}"#, events.join(",")));
    let cost = bounded("minified TimelineJS", dir.path(), &["validate", &name], 200);
    assert_eq!(cost.code, Some(0), "{}", String::from_utf8_lossy(&cost.stderr));
}

#[test]
fn a_steppe_csv_with_new_actors_on_every_row_loads_in_linear_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut csv = String::from("id,date,title,actors,actor_names,sources\n");
    for i in 0..6000 {
        csv.push_str(&format!(
            "e{i},1991,Event {i},p{i};q{i},P {i};Q {i},https://example.org/{i}\n"
        ));
    }
    let name = write(dir.path(), "rows.csv", csv);
    let cost = bounded("steppe CSV, new actors on each row", dir.path(), &["validate", &name], 200);
    assert_eq!(cost.code, Some(0), "{}", String::from_utf8_lossy(&cost.stderr));
}

#[test]
fn a_json_object_with_many_keys_is_read_in_linear_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let keys: Vec<String> = (0..30_000).map(|i| format!(r#""key{i}":{i}"#)).collect();
    let name = write(dir.path(), "keys.json", format!(r#"{{"events":[],{}}}"#, keys.join(",")));
    bounded("JSON object of 30,000 keys", dir.path(), &["validate", &name], 200);
}

/// A TimelineJS file of one event whose text is `html`.
fn timelinejs_text(html: &str) -> String {
    let text = serde_json::to_string(html).expect("a JSON string");
    format!(
        r#"{{"events":[{{"start_date":{{"year":2000}},"text":{{"headline":"H","text":{text}}}}}]}}"#
    )
}

#[test]
fn deeply_nested_html_in_a_timelinejs_text_is_read_in_linear_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let divs = format!("{}x{}", "<div>".repeat(50_000), "</div>".repeat(50_000));
    let name = write(dir.path(), "divs.json", timelinejs_text(&divs));
    bounded("50,000 nested <div>", dir.path(), &["validate", &name], 200);
    let lists = format!("{}x", "<ul><li>".repeat(20_000));
    let name = write(dir.path(), "lists.json", timelinejs_text(&lists));
    bounded("20,000 nested <ul><li>", dir.path(), &["validate", &name], 200);
}

#[test]
fn a_timelinejs_text_of_many_links_is_read_in_little_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let links: String =
        (0..50_000).map(|i| format!(r#"<a href="https://e.org/{i}">link {i}</a> "#)).collect();
    let name = write(dir.path(), "links.json", timelinejs_text(&links));
    let cost = bounded("50,000 links in one text", dir.path(), &["validate", &name], 100);
    let said = String::from_utf8_lossy(&cost.stderr);
    assert!(said.contains("a link past the 100th in one text"), "{said}");
}
