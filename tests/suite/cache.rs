//! The cache of parsed files, from outside: a second run reads unchanged files
//! from it (as one whole load) and says exactly what the first said; an edited
//! file is read again and only it; a truncated, garbage or unwritable cache
//! changes nothing but the time; steppes writing one cache at once leave it
//! whole.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

use crate::common;

const MINI: &str = include_str!("../fixtures/mini.yaml");

/// A timeline in three files: countries and actors, and two files of events.
fn three_files(dir: &Path) -> PathBuf {
    let tl = dir.join("timeline");
    fs::create_dir_all(&tl).expect("a directory");
    fs::write(tl.join("a.yaml"), MINI).expect("written");
    let events = |from: usize, year: usize| {
        let mut s = String::from("events:\n");
        for i in from..from + 20 {
            s.push_str(&format!(
                "  - id: ev-{i}\n    date: {}\n    title: Event {i}\n    countries: [KZ]\n",
                year + i
            ));
        }
        s
    };
    fs::write(tl.join("b.yaml"), events(0, 1900)).expect("written");
    fs::write(tl.join("c.yaml"), events(100, 1800)).expect("written");
    tl
}

fn run(cache: &Path, args: &[&str]) -> Output {
    common::run::command()
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .env("NO_COLOR", "1")
        .output()
        .expect("steppe runs")
}

fn text(o: &Output) -> (Option<i32>, String, String) {
    (o.status.code(), common::run::stdout(o), common::run::stderr(o))
}

/// The cache's entries, with when each was last used.
fn entries(cache: &Path) -> Vec<(PathBuf, SystemTime)> {
    let dir = cache.join("steppe");
    let mut out: Vec<(PathBuf, SystemTime)> = fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| (e.path(), e.metadata().and_then(|m| m.modified()).expect("a time")))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Whether an entry is a whole load's rather than one file's.
fn is_whole(path: &Path) -> bool {
    path.to_string_lossy().ends_with("-all.bin")
}

/// Whether an entry names the last whole load of some files.
fn is_last(path: &Path) -> bool {
    path.to_string_lossy().ends_with("-last.bin")
}

/// The entries of single files.
fn file_entries(cache: &Path) -> Vec<(PathBuf, SystemTime)> {
    entries(cache).into_iter().filter(|(p, _)| !is_whole(p) && !is_last(p)).collect()
}

fn age(entries: &[(PathBuf, SystemTime)]) {
    let old = SystemTime::now() - Duration::from_secs(3600);
    for (path, _) in entries {
        let f = fs::File::options().append(true).open(path).expect("opened");
        f.set_modified(old).expect("set");
    }
}

#[test]
fn a_second_run_reads_the_cache_and_says_exactly_what_the_first_said() {
    let dir = tempfile::tempdir().expect("a directory");
    let cache = dir.path().join("cache");
    let tl = three_files(dir.path());
    // A warning and an error, with their places, must come back from the cache.
    let bad = "events:\n  - id: late\n    date: 2001-02-30\n    title: No such day\n  - id: bare\n    date: 1999\n    title: No sources\n";
    fs::write(tl.join("d.yaml"), bad).expect("written");
    let t = tl.display().to_string();
    let first = [text(&run(&cache, &["validate", &t])), text(&run(&cache, &["list", &t]))];
    let made = entries(&cache);
    assert_eq!(made.len(), 6, "one entry a file, the whole load and its name: {made:?}");
    assert_eq!(made.iter().filter(|(p, _)| is_whole(p)).count(), 1, "{made:?}");
    assert_eq!(made.iter().filter(|(p, _)| is_last(p)).count(), 1, "{made:?}");
    assert!(first[0].2.contains("d.yaml:3:"), "{}", first[0].2);
    age(&made);
    let second = [text(&run(&cache, &["validate", &t])), text(&run(&cache, &["list", &t]))];
    assert_eq!(first, second);
    let used = entries(&cache);
    assert_eq!(used.len(), 6, "nothing new was written");
    // The whole load was read; its files' entries are kept as long as it is.
    assert!(used.iter().zip(&made).all(|(u, m)| u.1 > m.1), "every entry was used");
    // Merged otherwise, or the files in another order: another whole load.
    let later = text(&run(&cache, &["validate", "--prefer", "later", &t]));
    assert_eq!(later, first[0]);
    assert_eq!(entries(&cache).len(), 8, "{:?}", entries(&cache));
    // --no-cache parses again and says the same.
    let fresh = dir.path().join("fresh");
    assert_eq!(text(&run(&fresh, &["validate", "--no-cache", &t])), first[0]);
    assert!(entries(&fresh).is_empty(), "--no-cache writes nothing");
}

#[test]
fn every_event_exported_from_the_cache_is_what_the_files_give() {
    let dir = tempfile::tempdir().expect("a directory");
    let tl = three_files(dir.path());
    // An error keeps one event out: what could be read is written, then the
    // exit says so. A link to the event left out is left out of the CSV,
    // with a note; an attribute column comes from the last file.
    let bad = "events:\n  - id: late\n    date: 2001-02-30\n    title: No such day\n  - id: bare\n    date: 1999\n    title: No sources\n    related: [late, ev-3]\n  - id: quoted\n    date: 1998\n    title: Quoted\n    attributes: {tone: '-2'}\n    quotes:\n      - text: We agree\n        by: Someone\n        source: {url: 'https://example.org'}\n";
    fs::write(tl.join("d.yaml"), bad).expect("written");
    let t = tl.display().to_string();
    for args in [
        &["export", "--format", "json", &t][..],
        &["export", "--format", "csv", &t],
        &["list", "--format", "json", &t],
        &["list", "--format", "csv", &t],
        &["list", "--format", "table", &t],
        // The first few: read alone.
        &["list", "--format", "table", &t, "--limit", "3"],
        &["list", "--format", "json", &t, "--limit", "2"],
        &["list", "--format", "csv", &t, "--limit", "2"],
        // The newest first, some or all: read from the end.
        &["list", "--format", "table", &t, "--sort=-date", "--limit", "3"],
        &["list", "--format", "json", &t, "--sort=-date"],
        &["list", "--format", "table", &t, "--sort=-date"],
        &["export", "--format", "json", &t, "--sort=-date", "--limit", "3"],
        &["export", "--format", "csv", &t, "--limit", "3"],
    ] {
        let cache = dir.path().join(args.join("-").replace(['/', '.'], "_"));
        let fresh = text(&run(&dir.path().join("fresh"), &[args, &["--no-cache"]].concat()));
        assert_eq!(fresh.0, Some(1), "{}", fresh.2);
        let every = !args.contains(&"--limit");
        assert!(fresh.1.contains("ev-119") && fresh.1.contains("bare") || !every, "{args:?}");
        // The first few are the oldest (c.yaml's, from 1800) or the newest.
        let first = if args.contains(&"--sort=-date") { "late-summit" } else { "ev-100" };
        assert!(fresh.1.contains(first) && !fresh.1.contains("ev-119") || every, "{args:?}");
        let first = text(&run(&cache, args));
        let made = entries(&cache);
        age(&made);
        // From the whole load: its events are read from the files' entries as they are written.
        let second = text(&run(&cache, args));
        // Compared whole; shown in part, the output being long.
        let differs = |run: &(Option<i32>, String, String)| {
            format!("{args:?} differs from --no-cache: {:?}\n{}", run.0, run.2)
        };
        assert!(first == fresh, "{}", differs(&first));
        assert!(second == fresh, "{}", differs(&second));
        let used = entries(&cache);
        assert!(used.iter().zip(&made).all(|(u, m)| u.1 > m.1), "every entry was used");
        if args[2] == "csv" && every {
            assert!(second.1.lines().next().is_some_and(|h| h.ends_with(",attr:tone")));
            assert!(second.2.contains("1 link to related events"), "{}", second.2);
            assert!(second.2.contains("CSV does not hold quotes (1 event has them)"));
        }
    }
    // To a file, the same.
    run(&dir.path().join("cache"), &["list", &t]);
    let out = dir.path().join("all.json");
    let json = ["export", "--format", "json", &t, "-o", &out.display().to_string()];
    let o = run(&dir.path().join("cache"), &json);
    assert_eq!(o.status.code(), Some(1));
    let fresh = run(&dir.path().join("fresh"), &["export", "--format", "json", &t, "--no-cache"]);
    assert_eq!(fs::read_to_string(&out).expect("written"), common::run::stdout(&fresh));
}

#[test]
fn an_edited_file_is_read_again_and_only_it() {
    let dir = tempfile::tempdir().expect("a directory");
    let cache = dir.path().join("cache");
    let tl = three_files(dir.path());
    let t = tl.display().to_string();
    let before = text(&run(&cache, &["list", &t, "--format", "csv"]));
    assert!(before.1.contains("Event 5"));
    let made = file_entries(&cache);
    age(&made);
    let b = fs::read_to_string(tl.join("b.yaml")).expect("read");
    fs::write(tl.join("b.yaml"), b.replace("title: Event 5\n", "title: Event five\n"))
        .expect("written");
    let after = text(&run(&cache, &["list", &t, "--format", "csv"]));
    assert!(after.1.contains("Event five") && !after.1.contains("Event 5,"), "{}", after.1);
    let now = file_entries(&cache);
    assert_eq!(now.len(), 4, "a new entry for the edited file: {now:?}");
    assert_eq!(entries(&cache).len(), 7, "and a new whole load");
    let used = now.iter().filter(|(p, t)| made.iter().any(|(q, s)| q == p && t > s)).count();
    assert_eq!(used, 2, "the two unchanged files came from the cache");
    // Merged again alone, it says what a merge of every file says.
    let fresh = dir.path().join("fresh");
    assert_eq!(after, text(&run(&fresh, &["list", &t, "--format", "csv", "--no-cache"])));
}

#[test]
fn a_truncated_or_garbage_cache_changes_nothing_but_the_time() {
    let dir = tempfile::tempdir().expect("a directory");
    let cache = dir.path().join("cache");
    let tl = three_files(dir.path());
    let t = tl.display().to_string();
    let good = text(&run(&cache, &["list", &t]));
    let made = entries(&cache);
    for (n, (path, _)) in made.iter().enumerate() {
        let bytes = fs::read(path).expect("read");
        let spoilt = match n {
            0 => bytes[..bytes.len() / 2].to_vec(),
            1 => b"garbage".repeat(100),
            _ => Vec::new(),
        };
        fs::write(path, spoilt).expect("written");
    }
    assert_eq!(text(&run(&cache, &["list", &t])), good, "no error shown, the same events");
    for (path, _) in entries(&cache) {
        let len = fs::metadata(&path).expect("there").len();
        assert!(len > 100, "{} was written anew", path.display());
    }
    assert_eq!(text(&run(&cache, &["list", &t])), good);
}

#[test]
fn a_spoilt_whole_load_is_made_again_from_its_files() {
    let dir = tempfile::tempdir().expect("a directory");
    let cache = dir.path().join("cache");
    let tl = three_files(dir.path());
    let t = tl.display().to_string();
    let good = text(&run(&cache, &["list", &t, "--format", "csv"]));
    let whole: Vec<PathBuf> =
        entries(&cache).into_iter().map(|e| e.0).filter(|p| is_whole(p)).collect();
    assert_eq!(whole.len(), 1);
    let bytes = fs::read(&whole[0]).expect("read");
    // One byte changed near the end (where each event ends), then a cut in the middle.
    let mut flipped = bytes.clone();
    let at = flipped.len() - 20;
    flipped[at] ^= 0x40;
    for spoilt in [flipped, bytes[..bytes.len() / 2].to_vec()] {
        fs::write(&whole[0], &spoilt).expect("written");
        assert_eq!(text(&run(&cache, &["list", &t, "--format", "csv"])), good);
        assert_eq!(fs::read(&whole[0]).expect("read"), bytes, "written anew, the same");
    }
}

#[test]
fn a_cache_that_cannot_be_written_is_passed_over_in_silence() {
    let dir = tempfile::tempdir().expect("a directory");
    let tl = three_files(dir.path());
    let t = tl.display().to_string();
    // XDG_CACHE_HOME is a file: no cache directory can be made under it.
    let file = dir.path().join("not-a-directory");
    fs::write(&file, "").expect("written");
    let without = text(&run(&file, &["list", &t]));
    assert_eq!(without.0, Some(0));
    assert_eq!(without, text(&run(&dir.path().join("c"), &["list", &t])), "no word of the cache");
}

#[test]
fn steppes_writing_one_cache_at_once_leave_it_whole() {
    let dir = tempfile::tempdir().expect("a directory");
    let cache = dir.path().join("cache");
    let tl = three_files(dir.path());
    let t = tl.display().to_string();
    let want = text(&run(&dir.path().join("alone"), &["list", &t]));
    let children: Vec<_> = (0..8)
        .map(|_| {
            common::run::command()
                .args(["list", &t])
                .env("XDG_CACHE_HOME", &cache)
                .env("NO_COLOR", "1")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("started")
        })
        .collect();
    for child in children {
        assert_eq!(text(&child.wait_with_output().expect("ended")), want);
    }
    let names: Vec<String> = entries(&cache)
        .iter()
        .map(|(p, _)| p.file_name().unwrap_or_default().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names.len(),
        5,
        "one entry a file, the whole load and its name, no temporary file left: {names:?}"
    );
    assert!(names.iter().all(|n| !n.starts_with(".tmp")));
    assert_eq!(text(&run(&cache, &["list", &t])), want);
}

#[test]
fn the_cache_command_says_where_and_how_large_and_clears() {
    let dir = tempfile::tempdir().expect("a directory");
    let cache = dir.path().join("cache");
    let tl = three_files(dir.path());
    run(&cache, &["list", &tl.display().to_string()]);
    let (code, out, _) = text(&run(&cache, &["cache"]));
    assert_eq!(code, Some(0));
    assert!(out.contains(&cache.join("steppe").display().to_string()), "{out}");
    assert!(out.contains("5 entries"), "{out}");
    let (code, out, _) = text(&run(&cache, &["cache", "clear"]));
    assert_eq!(code, Some(0));
    assert!(out.starts_with("removed 5 entries"), "{out}");
    assert!(entries(&cache).is_empty());
    assert!(text(&run(&cache, &["cache"])).1.contains("0 entries"));
}

#[test]
fn the_bundled_timelines_alone_leave_nothing_in_the_cache() {
    let dir = tempfile::tempdir().expect("a directory");
    let cache = dir.path().join("cache");
    let (code, out, _) = text(&run(&cache, &["list", "--format", "csv"]));
    assert_eq!(code, Some(0));
    assert!(out.lines().count() > 50, "{out}");
    assert!(entries(&cache).is_empty(), "{:?}", entries(&cache));
}

#[test]
fn a_whole_load_takes_its_events_from_its_files_entries_only_while_they_are_the_same() {
    let dir = tempfile::tempdir().expect("a directory");
    let cache = dir.path().join("cache");
    let tl = three_files(dir.path());
    let t = tl.display().to_string();
    let good = text(&run(&cache, &["list", &t, "--format", "csv"]));
    let files: Vec<PathBuf> = file_entries(&cache).into_iter().map(|e| e.0).collect();
    assert_eq!(files.len(), 3);
    // The events stay in the files' entries: the whole load holds none of their titles.
    let whole: Vec<PathBuf> =
        entries(&cache).into_iter().map(|e| e.0).filter(|p| is_whole(p)).collect();
    assert_eq!(whole.len(), 1);
    let holds = |p: &PathBuf| {
        let bytes = fs::read(p).expect("read");
        bytes.windows(9).any(|w| w == b"Event 115")
    };
    assert!(!holds(&whole[0]), "{whole:?}");
    assert_eq!(files.iter().filter(|p| holds(p)).count(), 1);
    // One file's entry gone, then one put in another's place.
    fs::remove_file(&files[1]).expect("removed");
    assert_eq!(text(&run(&cache, &["list", &t, "--format", "csv"])), good);
    assert!(files[1].exists(), "the file's entry was written again");
    fs::copy(&files[2], &files[1]).expect("copied");
    assert_eq!(text(&run(&cache, &["list", &t, "--format", "csv"])), good);
    assert_ne!(fs::read(&files[1]).expect("read"), fs::read(&files[2]).expect("read"));
    assert_eq!(text(&run(&cache, &["list", &t, "--format", "csv"])), good);
}
