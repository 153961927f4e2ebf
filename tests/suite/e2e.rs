//! The real binary in a real terminal (tmux), driven as a person would.
//! Without tmux these tests are skipped, saying how to install it (with `CI` set they
//! fail); `.ci/run` installs it.

use crate::common;

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::tools;

struct Tmux {
    session: String,
}

fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux").args(args).output().expect("tmux runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Starts a detached tmux session running `command`. Tests start their
/// sessions in parallel, and the first ones race to start the tmux server:
/// a loser is tried again.
fn new_session(session: &str, command: &[&str]) {
    let mut last = String::new();
    for _ in 0..5 {
        let out = Command::new("tmux")
            .args(["new-session", "-d", "-s", session, "-x", "120", "-y", "40"])
            .args(command)
            .env_remove("NO_COLOR")
            .output()
            .expect("tmux starts");
        last = String::from_utf8_lossy(&out.stderr).into_owned();
        // An earlier try may have made it before its reply was lost.
        if out.status.success() || last.contains("duplicate session") {
            return;
        }
        sleep(Duration::from_millis(200));
    }
    panic!("tmux could not start a session: {last}");
}

impl Tmux {
    /// Starts `steppe ARGS` in a 120×40 terminal; when it exits the pane
    /// shows `[exited] CODE` and the terminal's mode. `None` without tmux: the test
    /// is skipped.
    fn start(name: &str, args: &str) -> Option<Tmux> {
        Tmux::start_with(name, "", args)
    }

    /// Like `start`, with environment settings (`NAME=value ...`) before the command.
    fn start_with(name: &str, env: &str, args: &str) -> Option<Tmux> {
        tools::require("tmux")?;
        let session = format!("steppe-e2e-{name}-{}", std::process::id());
        let bin = common::run::BIN;
        let dir = env!("CARGO_MANIFEST_DIR");
        let cache = common::run::cache_home();
        let script = format!(
            // A runtime directory of its own: a tour here links with no other test's.
            "cd '{dir}' && export XDG_RUNTIME_DIR=\"$(mktemp -d)\" XDG_CACHE_HOME='{cache}' && {env} '{bin}' {args}; echo \"[exited] $?\"; stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon'; sleep 30"
        );
        new_session(&session, &["sh", "-c", &script]);
        Some(Tmux { session })
    }

    fn screen(&self) -> String {
        tmux(&["capture-pane", "-p", "-t", &self.session])
    }

    /// The screen with its colours and attributes, as escape sequences.
    fn screen_styled(&self) -> String {
        tmux(&["capture-pane", "-p", "-e", "-t", &self.session])
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            tmux(&["send-keys", "-t", &self.session, k]);
            // Esc followed at once by a letter reads as Alt+letter.
            sleep(Duration::from_millis(60));
        }
    }

    fn type_text(&self, text: &str) {
        tmux(&["send-keys", "-t", &self.session, "-l", text]);
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} appears"), |screen| screen.contains(text))
    }

    /// Waits (10 s at most) until the screen satisfies `ok`: a loaded machine may
    /// take a while to redraw, and a fixed sleep makes a test flaky.
    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "{what} never happened:\n{screen}");
            sleep(Duration::from_millis(50));
        }
    }

    /// Terminal modes the program may have left on: mouse reporting, the
    /// alternate screen, a hidden cursor.
    fn modes(&self) -> String {
        tmux(&[
            "display",
            "-p",
            "-t",
            &self.session,
            "mouse=#{mouse_any_flag} alt=#{alternate_on} cursor=#{cursor_flag}",
        ])
    }

    fn pane_pid(&self) -> String {
        tmux(&["display", "-p", "-t", &self.session, "#{pane_pid}"]).trim().to_string()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        tmux(&["kill-session", "-t", &self.session]);
    }
}

fn assert_restored(t: &Tmux, code: &str) {
    let screen = t.wait_for("icanon");
    assert!(screen.contains(&format!("[exited] {code}")), "{screen}");
    assert!(screen.contains("\nicanon"), "raw mode was left on:\n{screen}");
    assert!(!screen.contains("Timeline"), "the explorer is still on screen:\n{screen}");
    assert_eq!(t.modes().trim(), "mouse=0 alt=0 cursor=1");
}

#[test]
fn explore_filter_search_help_quit() {
    let Some(t) = Tmux::start("main", "") else { return };
    let screen = t.wait_for("80 of 80 events");
    assert!(screen.contains("Countries") && screen.contains("Actors") && screen.contains("Event"));
    assert!(t.modes().contains("mouse=1 alt=1"), "{}", t.modes());

    // Filter to Turkmenistan with the keys: same count as `steppe list --country TM`.
    let list = common::run::command()
        .args(["list", "--country", "TM", "--format", "csv"])
        .output()
        .expect("list");
    let expected = String::from_utf8_lossy(&list.stdout).lines().count() - 1;
    // The countries list is busiest first: find it by typing.
    t.keys(&["Tab", "/"]);
    t.type_text("turkm");
    t.wait_for("Find country: turkm");
    t.keys(&["Enter", "Enter"]);
    let screen = t.wait_for("country: TM");
    assert!(screen.contains(&format!("{expected} of 80 events · country: TM")), "{screen}");
    assert!(screen.contains("[x] Turkmenistan"), "{screen}");

    // Back in the timeline, `/` searches the events (in a list pane it finds a name).
    t.keys(&["c", "BTab", "/"]);
    t.type_text("Dushanbe");
    let screen = t.wait_for("Search: Dushanbe");
    assert!(screen.contains("9 Oct Second Russia–Central Asia summit"), "{screen}");
    t.keys(&["Enter"]);
    t.wait_for("3 of 80 events · search: \"Dushanbe\"");

    t.keys(&["?"]);
    let screen = t.wait_for("Esc or ? closes");
    assert!(screen.contains("jump to a year"), "{screen}");
    for _ in 0..5 {
        t.keys(&["PageDown", "j", "j", "j", "j", "j", "j", "j", "j"]);
    }
    t.wait_for("--no-mouse");
    t.keys(&["Escape"]);
    t.wait_until("the help closes", |screen| !screen.contains("Esc or ? closes"));

    t.keys(&["q"]);
    assert_restored(&t, "0");
}

#[test]
fn signals_give_the_terminal_back_and_exit_128_plus_the_signal() {
    if tools::require_all(["tmux", "pkill"]).is_none() {
        return;
    }
    for (signal, code) in [("TERM", "143"), ("INT", "130"), ("QUIT", "131"), ("HUP", "129")] {
        let Some(t) = Tmux::start(&format!("sig{signal}"), "--no-mouse") else { return };
        t.wait_for("of 80 events");
        if signal == "TERM" {
            assert!(
                t.modes().contains("mouse=0 alt=1"),
                "--no-mouse leaves the mouse alone: {}",
                t.modes()
            );
        }
        let status = Command::new("pkill")
            .args([&format!("-{signal}"), "-P", &t.pane_pid(), "-x", "steppe"])
            .status()
            .expect("pkill");
        assert!(status.success());
        assert_restored(&t, code);
    }
}

#[test]
fn resizing_down_to_20x6_and_back_never_crashes() {
    let Some(t) = Tmux::start("resize", "") else { return };
    t.wait_for("80 of 80 events");
    for (w, h) in
        [("80", "24"), ("20", "6"), ("50", "12"), ("1", "1"), ("200", "60"), ("120", "40")]
    {
        tmux(&["resize-window", "-t", &t.session, "-x", w, "-y", h]);
        sleep(Duration::from_millis(150));
        assert!(!t.screen().contains("[exited]"), "exited at {w}x{h}:\n{}", t.screen());
    }
    t.wait_for("80 of 80 events");
    t.keys(&["C-c"]);
    assert_restored(&t, "0");
}

#[test]
fn a_saved_edit_appears_and_a_broken_one_keeps_the_last_good_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("lesson.yaml");
    let original =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini.yaml"))
            .expect("fixture");
    std::fs::write(&file, &original).expect("write");
    let Some(t) = Tmux::start("watch", &format!("'{}'", file.display())) else { return };
    t.wait_for("4 of 4 events");
    // As an editor saves: a new file renamed over the old one.
    let save = |text: &str| {
        let tmp = dir.path().join(".lesson.yaml.swp");
        std::fs::write(&tmp, text).expect("write");
        std::fs::rename(&tmp, &file).expect("rename");
    };
    save(&original.replace("A summit in Astana", "A summit renamed in class"));
    t.wait_for("A summit renamed in class");
    save(&original.replace("date: 2009-12", "date: 2009-13"));
    let screen = t.wait_for("not reloaded");
    assert!(screen.contains("lesson.yaml:") && screen.contains("2009-13"), "{screen}");
    assert!(screen.contains("A summit renamed in class"), "the last good data stays:\n{screen}");
    save(&original);
    t.wait_for("A summit in Astana");
    assert!(!t.screen().contains("not reloaded"));
    std::fs::remove_file(&file).expect("remove");
    let screen = t.wait_for("not reloaded");
    assert!(screen.contains("no such file"), "{screen}");
    assert!(screen.contains("4 of 4 events"), "{screen}");
    t.keys(&["q"]);
    assert_restored(&t, "0");
}

#[test]
fn a_tour_from_the_command_line_step_by_step() {
    let Some(t) = Tmux::start("tour", "--tour new-great-game") else { return };
    let screen = t.wait_for("Step 1 of 13");
    assert!(screen.contains("The new Great Game, 1991–2025") && screen.contains('█'), "{screen}");
    assert!(!screen.contains("Note for the teacher"), "notes start hidden:\n{screen}");
    t.keys(&["Right", "Right"]);
    t.wait_for("Step 3 of 13");
    t.keys(&["i"]);
    t.wait_for("Note for the teacher");
    t.keys(&["a"]);
    t.wait_for("Question for the class");
    t.keys(&["Left"]);
    let screen = t.wait_for("Step 2 of 13");
    assert!(!screen.contains("Question for the class"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_for("80 of 80 events");
    t.keys(&["q"]);
    assert_restored(&t, "0");
}

#[test]
fn no_color_keeps_the_selection_visible() {
    let Some(t) = Tmux::start_with("nocolor", "NO_COLOR=1", "") else { return };
    t.wait_for("80 of 80 events");
    let styled = t.screen_styled();
    let row = styled.lines().find(|l| l.contains('▶')).expect("a selected row");
    assert!(row.contains("\u{1b}[7m"), "the selected row is in reverse video: {row:?}");
    assert!(
        !styled.contains("\u{1b}[38;5;") && !styled.contains("\u{1b}[48;5;"),
        "no colours at all"
    );
    t.keys(&["q"]);
    assert_restored(&t, "0");
}

#[test]
fn closing_the_terminal_ends_steppe() {
    if tools::require_all(["tmux", "pgrep"]).is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("closing-the-terminal.yaml");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini.yaml"), &file)
        .expect("copy");
    let Some(t) = Tmux::start("close", &format!("'{}'", file.display())) else { return };
    t.wait_for("4 of 4 events");
    let running = || {
        Command::new("pgrep")
            .args(["-f", &file.display().to_string()])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    assert!(running());
    tmux(&["kill-session", "-t", &t.session]);
    let start = Instant::now();
    while running() {
        assert!(start.elapsed() < Duration::from_secs(5), "steppe outlived its terminal");
        sleep(Duration::from_millis(100));
    }
}

#[test]
fn not_a_terminal_is_a_usage_error() {
    let o = common::run::command().output().expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("needs a terminal"));
}

fn mini() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini.yaml"))
        .expect("fixture")
}

#[test]
fn a_slow_save_during_slides_keeps_the_slide_and_the_filter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("lesson.yaml");
    let original = mini();
    std::fs::write(&file, &original).expect("write");
    let Some(t) = Tmux::start("slowsave", &format!("--country KZ '{}'", file.display())) else {
        return;
    };
    t.wait_for("2 of 4 events · country: KZ");
    t.keys(&["p", "Right"]);
    t.wait_for("2 / 2");
    // Emptied in place, written half a second later, as some editors save.
    std::fs::write(&file, "").expect("truncate");
    t.wait_for("no slides are left");
    sleep(Duration::from_millis(500));
    std::fs::write(&file, original.replace("A summit in Astana", "A summit, edited"))
        .expect("write");
    let screen = t.wait_for("A summit, edited");
    assert!(screen.contains("2 / 2"), "{screen}");
    t.keys(&["Escape"]);
    let screen = t.wait_for("2 of 4 events · country: KZ");
    assert!(screen.contains("▶ 2022"), "the slide's event is selected:\n{screen}");
    t.keys(&["q"]);
    assert_restored(&t, "0");
}

#[test]
fn a_directory_deleted_and_made_again_or_swapped_keeps_reloading() {
    let top = tempfile::tempdir().expect("tempdir");
    let dir = top.path().join("lessons");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(dir.join("a.yaml"), mini()).expect("write");
    let Some(t) = Tmux::start("redir", &format!("'{}'", dir.display())) else { return };
    t.wait_for("4 of 4 events");
    std::fs::remove_dir_all(&dir).expect("rm -r");
    t.wait_for("not reloaded");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(dir.join("a.yaml"), mini().replace("A summit in Astana", "Made again"))
        .expect("write");
    t.wait_for("Made again");
    // Edits in the new directory are seen.
    std::fs::write(dir.join("a.yaml"), mini().replace("A summit in Astana", "Edited after"))
        .expect("write");
    t.wait_for("Edited after");
    // Another directory renamed over it.
    let other = top.path().join("other");
    std::fs::create_dir(&other).expect("mkdir");
    std::fs::write(other.join("a.yaml"), mini().replace("A summit in Astana", "Swapped in"))
        .expect("write");
    std::fs::rename(&dir, top.path().join("old")).expect("rename");
    std::fs::rename(&other, &dir).expect("rename");
    t.wait_for("Swapped in");
    std::fs::write(dir.join("a.yaml"), mini().replace("A summit in Astana", "Still watched"))
        .expect("write");
    t.wait_for("Still watched");
    t.keys(&["q"]);
    assert_restored(&t, "0");
}

/// The start of the selected timeline row: its marker, year and day.
fn selected(screen: &str) -> Option<String> {
    let line = screen.lines().find(|l| l.contains('▶'))?;
    Some(line[line.find('▶')?..].chars().take(16).collect())
}

#[test]
fn a_terminal_reply_or_unknown_sequence_is_no_key() {
    let Some(t) = Tmux::start("escapes", "") else { return };
    let first = selected(&t.wait_for("80 of 80 events")).expect("a selected row");
    // Replies a terminal sends unasked, and sequences steppe has no use for;
    // `q` in them must not quit, `j` must not move.
    for hex in [
        "1b 5b 3e 34 31 35 34 71",                         // ESC [ > 4154 q
        "1b 5b 3f 32 30 32 36 3b 32 24 79",                // ESC [ ? 2026 ; 2 $ y
        "1b 5d 31 31 3b 72 67 62 3a 30 2f 30 2f 30 1b 5c", // OSC 11 colour report
        "1b 50 3e 7c 71 6a 1b 5c",                         // DCS > | q j ST
        "1b 5b 31 32 3b 34 30 52",                         // cursor position report
    ] {
        let mut args = vec!["send-keys", "-t", &t.session, "-H"];
        args.extend(hex.split(' '));
        tmux(&args);
        sleep(Duration::from_millis(150));
        let screen = t.screen();
        assert!(!screen.contains("[exited]"), "{hex} quit steppe:\n{screen}");
        assert_eq!(selected(&screen), Some(first.clone()), "{hex} moved the selection:\n{screen}");
    }
    // Keys still work after them.
    t.keys(&["j"]);
    t.wait_until("j moves", |screen| selected(screen) != Some(first.clone()));
    t.keys(&["q"]);
    assert_restored(&t, "0");
}

/// An interactive shell with job control in tmux, for Ctrl-Z and `fg`.
fn job_shell(name: &str) -> Option<Tmux> {
    tools::require_all(["tmux", "bash"])?;
    let session = format!("steppe-e2e-{name}-{}", std::process::id());
    new_session(&session, &["env", "PS1=shell$ ", "bash", "--norc", "--noprofile", "-i"]);
    let t = Tmux { session };
    t.wait_for("shell$");
    t.type_text(&format!(
        "cd '{}' && XDG_CACHE_HOME='{}' '{}'",
        env!("CARGO_MANIFEST_DIR"),
        common::run::cache_home(),
        common::run::BIN
    ));
    t.keys(&["Enter"]);
    t.wait_for("80 of 80 events");
    Some(t)
}

#[test]
fn ctrl_z_gives_the_terminal_to_the_shell_and_fg_brings_steppe_back() {
    if tools::require_all(["tmux", "bash", "pkill"]).is_none() {
        return;
    }
    let Some(t) = job_shell("suspend") else { return };
    let top = selected(&t.screen()).expect("a selected row");
    t.keys(&["j"]);
    let screen = t.wait_until("j moves", |screen| selected(screen).is_some_and(|s| s != top));
    let second = selected(&screen).expect("a selected row");
    for stop in ["key", "signal"] {
        match stop {
            "key" => t.keys(&["C-z"]),
            _ => {
                let status = Command::new("pkill")
                    .args(["-TSTP", "-P", &t.pane_pid(), "-x", "steppe"])
                    .status()
                    .expect("pkill");
                assert!(status.success());
            }
        }
        let screen = t.wait_for("Stopped");
        assert!(!screen.contains("Countries"), "the explorer left the screen ({stop}):\n{screen}");
        assert_eq!(t.modes().trim(), "mouse=0 alt=0 cursor=1", "({stop})");
        // The shell is usable: cooked mode, echo on.
        t.type_text("stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon'");
        t.keys(&["Enter"]);
        let screen = t.wait_for("\nicanon");
        assert!(!screen.contains("-icanon"), "{screen}");
        t.type_text("fg");
        t.keys(&["Enter"]);
        let screen = t.wait_for("80 of 80 events");
        assert_eq!(
            selected(&screen).as_ref(),
            Some(&second),
            "redrawn as it was ({stop}):\n{screen}"
        );
        assert!(t.modes().contains("mouse=1 alt=1"), "({stop}) {}", t.modes());
        // Raw mode again: one key acts without Enter.
        t.keys(&["k"]);
        t.wait_for(&top);
        t.keys(&["j"]);
        t.wait_for(&second);
    }
    t.keys(&["q"]);
    t.type_text("echo \"[exited] $?\"; stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon'");
    t.keys(&["Enter"]);
    assert_restored(&t, "0");
}

#[test]
fn the_first_frame_shows_loading_progress_until_the_data_is_there() {
    // Enough files that loading them takes a moment.
    let dir = tempfile::tempdir().expect("tempdir");
    let base = mini();
    for n in 0..200 {
        let text = base
            .replace("id: late-summit", &format!("id: late-summit-{n}"))
            .replace("id: founding", &format!("id: founding-{n}"))
            .replace("[founding]", &format!("[founding-{n}]"))
            .replace("id: pipeline", &format!("id: pipeline-{n}"))
            .replace("id: independence", &format!("id: independence-{n}"));
        let text =
            if n == 0 { text } else { text[text.find("events:").expect("events")..].to_string() };
        std::fs::write(dir.path().join(format!("part-{n:03}.yaml")), text).expect("write");
    }
    let Some(t) = Tmux::start("progress", &format!("'{}'", dir.path().display())) else { return };
    t.wait_for("800 of 800 events");
    t.keys(&["q"]);
    assert_restored(&t, "0");
}

#[test]
fn own_files_with_the_built_in_timeline_reload_and_keep_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("ours.yaml");
    let event = |id: &str, date: &str, title: &str| {
        format!(
            "  - id: {id}\n    date: {date}\n    title: {title}\n    countries: [KZ]\n    actors: [nazarbayev]\n    sources: [{{title: School newsletter}}]\n    related: [xi-astana-silk-road-economic-belt]\n"
        )
    };
    let first = format!("events:\n{}", event("visit-2023", "2023-05-12", "Class 9B visits Astana"));
    std::fs::write(&file, &first).expect("write");
    let Some(t) = Tmux::start("builtin", &format!("--with-builtin '{}'", file.display())) else {
        return;
    };
    let screen = t.wait_for("81 of 81 events");
    assert!(screen.contains("Central Asia between Russia, China"), "{screen}");
    // Our event is there, linked to the built-in one.
    t.keys(&["/"]);
    t.type_text("9B");
    t.keys(&["Enter"]);
    let screen = t.wait_for("1 of 81 events");
    assert!(screen.contains("Class 9B visits Astana"), "{screen}");
    t.keys(&["c"]);
    t.wait_for("81 of 81 events");
    // A save adds an event to ours; the built-in 80 stay.
    let tmp = dir.path().join(".ours.yaml.swp");
    let second = format!("{first}{}", event("visit-2024", "2024-04-02", "Class 9B visits Almaty"));
    std::fs::write(&tmp, second).expect("write");
    std::fs::rename(&tmp, &file).expect("rename");
    let screen = t.wait_for("82 of 82 events");
    assert!(screen.contains("reloaded"), "{screen}");
    t.keys(&["q"]);
    assert_restored(&t, "0");
}

/// How many events `steppe list ARGS` prints.
fn listed(args: &[&str]) -> usize {
    let out = common::run::command()
        .arg("list")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("list");
    let events: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    events.as_array().map_or(0, Vec::len)
}

#[test]
fn following_a_link_and_back() {
    let Some(t) = Tmux::start("links", "") else { return };
    t.wait_for("80 of 80 events");
    t.keys(&["y"]);
    t.type_text("1991");
    t.keys(&["Enter"]);
    let before = selected(&t.wait_for("▶ 1991  29 Aug")).expect("a selected row");
    t.keys(&["r"]);
    let screen = t.wait_for("Links — Enter follows");
    assert!(screen.contains("Kazakhstan declares independence"), "{screen}");
    t.keys(&["Enter"]);
    // The row may be on the screen before the link is followed: wait for the selection.
    let screen = t.wait_until("the link followed", |s| {
        s.contains("16 Dec Kazakhstan declares")
            && s.lines()
                .find(|l| l.contains('▶'))
                .is_some_and(|l| l.contains("Kazakhstan declares independence"))
    });
    let line = screen.lines().find(|l| l.contains('▶')).expect("a selected row");
    assert!(line.contains("Kazakhstan declares independence"), "{screen}");
    t.keys(&["BSpace"]);
    // Its row is on the screen before the selection is back on it: wait for the selection.
    let screen = t.wait_until("back where it was", |s| selected(s).as_ref() == Some(&before));
    assert_eq!(selected(&screen), Some(before), "back where it was:\n{screen}");
    t.keys(&["M-Right"]);
    let screen = t.wait_for("▶       16 Dec");
    assert!(screen.contains("Kazakhstan declares independence"), "{screen}");
    t.keys(&["q"]);
    assert_restored(&t, "0");
}

#[test]
fn a_tag_filter_and_a_date_filter_from_the_keyboard() {
    let Some(t) = Tmux::start("filters", "") else { return };
    t.wait_for("80 of 80 events");
    t.keys(&["#"]);
    t.wait_for("Tags — Enter ticks");
    t.type_text("summit");
    t.keys(&["Enter", "Escape"]);
    let n = listed(&["--tag", "summit"]);
    t.wait_for(&format!("{n} of 80 events · tag: summit"));
    t.keys(&["f"]);
    t.wait_for("Filter: tag:summit");
    t.type_text(" from:2013 to:2025");
    t.keys(&["Enter"]);
    let n = listed(&["--tag", "summit", "--from", "2013", "--to", "2025"]);
    let screen = t.wait_for(&format!("{n} of 80 events · tag: summit · 2013 – 2025"));
    assert!(n > 0 && !screen.contains("Filter:"), "{screen}");
    // A mistake is pointed at, and the filter stays as it was.
    t.keys(&["f"]);
    t.type_text(" fro:2014");
    let screen = t.wait_for("did you mean `from:`");
    assert!(screen.contains("↓ unknown filter `fro:`"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_for(&format!("{n} of 80 events · tag: summit"));
    t.keys(&["q"]);
    assert_restored(&t, "0");
}

#[test]
fn a_search_ignores_accents_and_marks_what_it_found() {
    let Some(t) = Tmux::start("erdogan", "") else { return };
    t.wait_for("80 of 80 events");
    t.keys(&["/"]);
    t.type_text("erdogan");
    t.keys(&["Enter"]);
    let n = listed(&["--search", "erdogan"]);
    let screen = t.wait_for(&format!("{n} of 80 events · search: \"erdogan\""));
    assert!(n >= 2 && screen.contains("Erdoğan"), "{screen}");
    // The match is drawn in the found style (yellow background).
    let styled = t.screen_styled();
    // (The actors pane, which marks nothing, may name him too.)
    let marked = styled
        .lines()
        .filter(|l| l.contains("Erdoğan"))
        .any(|line| line.contains("48;5;3mErdoğan") || line.contains("43mErdoğan"));
    assert!(marked, "{styled}");
    t.keys(&["q"]);
    assert_restored(&t, "0");
}

#[test]
fn the_map_shows_the_capitals_and_toggles_a_country() {
    let Some(t) = Tmux::start("map", "") else { return };
    t.wait_for("80 of 80 events");
    t.keys(&["y"]);
    t.type_text("2025");
    t.keys(&["Enter", "G", "M"]);
    let screen = t.wait_for("Places");
    for city in ["Astana", "Bishkek", "Tashkent", "Dushanbe", "Ashgabat"] {
        assert!(screen.contains(city), "{city}:\n{screen}");
    }
    assert!(screen.contains("◆ TJ Dushanbe"), "the summit's host lit:\n{screen}");
    t.keys(&["Enter"]);
    let screen = t.wait_for("of 80 events · country:");
    assert!(screen.contains("■") || screen.contains("◆"), "{screen}");
    t.keys(&["M"]);
    let screen = t.wait_for("Countries");
    assert!(screen.contains("[x]"), "the toggle shows in the panes:\n{screen}");
    t.keys(&["q"]);
    assert_restored(&t, "0");
}
