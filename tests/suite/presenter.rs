//! The presenter's view and the projector, as two real steppes in two
//! tmux terminals: moving in either moves both, two channels do not cross,
//! and one left alone says so and goes on. Without tmux these tests are skipped
//! (with `CI` set they fail).

use crate::common;

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::tools;

fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux").args(args).output().expect("tmux runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

struct Screen {
    session: String,
}

impl Screen {
    /// `steppe ARGS` in a 100×30 terminal, with its sockets under `runtime`. The test
    /// has asked for tmux first.
    fn start(name: &str, runtime: &std::path::Path, args: &str) -> Screen {
        let session = format!("steppe-presenter-{name}-{}", std::process::id());
        let script = format!(
            "cd '{}' && XDG_RUNTIME_DIR='{}' XDG_CACHE_HOME='{}' '{}' {args}; echo \"[exited] $?\"; sleep 30",
            env!("CARGO_MANIFEST_DIR"),
            runtime.display(),
            common::run::cache_home(),
            common::run::BIN,
        );
        for attempt in 0..3 {
            let ok = Command::new("tmux")
                .args(["new-session", "-d", "-s", &session, "-x", "100", "-y", "30", "sh", "-c"])
                .arg(&script)
                .env_remove("NO_COLOR")
                .status()
                .expect("tmux starts")
                .success();
            if ok {
                break;
            }
            // The tmux server may be starting for another test at the same moment.
            assert!(attempt < 2, "tmux could not start a session");
            sleep(Duration::from_millis(300));
        }
        Screen { session }
    }

    fn text(&self) -> String {
        tmux(&["capture-pane", "-p", "-t", &self.session])
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            tmux(&["send-keys", "-t", &self.session, k]);
            sleep(Duration::from_millis(150));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.text();
            // A message may wrap onto the next row.
            let joined: Vec<&str> = screen.lines().map(str::trim).collect();
            if screen.contains(text) || joined.join(" ").contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{text:?} never appeared:\n{screen}"
            );
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        tmux(&["kill-session", "-t", &self.session]);
    }
}

#[test]
fn the_presenter_and_the_projector_move_together_and_each_goes_on_alone() {
    if tools::require("tmux").is_none() {
        return;
    }
    let runtime = tempfile::tempdir().expect("a runtime directory");
    let projector = Screen::start("projector", runtime.path(), "--tour new-great-game");
    projector.wait_for("Step 1 of 13");
    projector.keys(&["Right", "Right"]);
    projector.wait_for("Step 3 of 13");
    let presenter = Screen::start("laptop", runtime.path(), "--tour new-great-game --presenter");
    // The presenter joins where the class is, with the note and the next step.
    // (Each part is waited for: a screen is captured while it is being drawn.)
    for part in [
        "Step 3 of 13",
        "Presenter · The new Great Game",
        "linked on channel `new-great-game`",
        "Note for the teacher",
        "Next · 14 Dec 2009 · Central Asia–China gas pipeline",
        "this step 0:0",
        " left",
    ] {
        presenter.wait_for(part);
    }
    // Moving on the laptop moves the projector, which shows no notes.
    presenter.keys(&["Right"]);
    projector.wait_for("Step 4 of 13");
    projector.wait_for("Central Asia–China gas pipeline inaugurated");
    assert!(!projector.text().contains("Note for the teacher"), "{}", projector.text());
    // The question goes up on the projector from the laptop, and back.
    presenter.keys(&["a"]);
    projector.wait_for("Question for the class");
    presenter.wait_for("on the projector now");
    // b on the laptop blanks the projector, footer and all, and shows it again.
    presenter.keys(&["b"]);
    presenter.wait_for("The screen is blank");
    let start = Instant::now();
    while !projector.text().trim().is_empty() {
        assert!(start.elapsed() < Duration::from_secs(10), "not blank:\n{}", projector.text());
        sleep(Duration::from_millis(100));
    }
    presenter.keys(&["b"]);
    projector.wait_for("Question for the class");
    // Moving on the projector moves the laptop.
    projector.keys(&["Left"]);
    presenter.wait_for("Step 3 of 13");
    // A second class on its own channel does not cross.
    let other = Screen::start(
        "other-class",
        runtime.path(),
        "--tour new-great-game --presenter --channel room-12",
    );
    other.wait_for("alone on channel `room-12`");
    other.keys(&["End"]);
    other.wait_for("Step 13 of 13");
    sleep(Duration::from_millis(500));
    assert!(projector.text().contains("Step 3 of 13"), "{}", projector.text());
    // The projector goes away: the laptop says so and goes on alone.
    projector.keys(&["q"]);
    projector.wait_for("[exited] 0");
    presenter.wait_for("going on alone");
    presenter.wait_for("alone on channel `new-great-game`");
    presenter.keys(&["Right"]);
    presenter.wait_for("Step 4 of 13");
    // A projector started again finds the lesson where the laptop is.
    let again = Screen::start("projector-again", runtime.path(), "--tour new-great-game --follow");
    again.wait_for("Step 4 of 13");
    presenter.keys(&["Right"]);
    again.wait_for("Step 5 of 13");
    // The laptop going away leaves the projector working alone.
    presenter.keys(&["q"]);
    presenter.wait_for("[exited] 0");
    again.wait_for("going on alone");
    again.keys(&["Right"]);
    again.wait_for("Step 6 of 13");
}

#[test]
fn a_bad_channel_name_and_a_presenter_without_a_tour_are_refused() {
    let out = common::run::command()
        .args(["--tour", "new-great-game", "--channel", "../x"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a channel name"));
    let out = common::run::command().args(["--presenter"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2), "the presenter needs a tour");
}

#[test]
fn a_screen_that_leaves_for_the_explorer_is_not_thought_to_follow_and_rejoins_the_lesson() {
    if tools::require("tmux").is_none() {
        return;
    }
    let runtime = tempfile::tempdir().expect("a runtime directory");
    let presenter = Screen::start(
        "leaver-laptop",
        runtime.path(),
        "--tour new-great-game --presenter --channel t2",
    );
    // Alone, it says how to start the projector on its channel.
    presenter.wait_for("`steppe --tour new-great-game --channel t2`");
    let projector =
        Screen::start("leaver-projector", runtime.path(), "--tour new-great-game --channel t2");
    presenter.wait_for("linked on channel `t2`");
    presenter.keys(&["Right"]);
    projector.wait_for("Step 2 of 13");
    // The projector leaves for the explorer: the laptop says so, and a
    // question shown is not said to be on the projector.
    projector.keys(&["Escape"]);
    presenter.wait_for("the projector left the tour");
    presenter.keys(&["Right", "a"]);
    presenter.wait_for("Step 3 of 13");
    let shown = presenter.wait_for("no projector follows");
    assert!(!shown.contains("on the projector now"), "{shown}");
    // Opening the tour again on the projector joins the lesson at step 3,
    // and does not take the laptop back to step 1.
    projector.keys(&["t", "Enter"]);
    projector.wait_for("Step 3 of 13");
    presenter.wait_for("screen follows");
    sleep(Duration::from_millis(500));
    assert!(presenter.text().contains("Step 3 of 13"), "{}", presenter.text());
    // The laptop leaves for the explorer and comes back to its own view.
    presenter.keys(&["Escape"]);
    projector.wait_for("left the tour for the explorer");
    projector.keys(&["Right"]);
    projector.wait_for("Step 4 of 13");
    presenter.keys(&["t", "Enter"]);
    presenter.wait_for("Presenter · The new Great Game");
    presenter.wait_for("Step 4 of 13");
    presenter.wait_for("Note for the teacher");
    sleep(Duration::from_millis(500));
    assert!(projector.text().contains("Step 4 of 13"), "{}", projector.text());
}

#[test]
fn a_channel_that_cannot_open_says_why_on_the_screen() {
    if tools::require("tmux").is_none() {
        return;
    }
    // Another user's directory where this user's sockets would go.
    let runtime = tempfile::tempdir().expect("a runtime directory");
    let planted = runtime.path().join("steppe");
    std::fs::create_dir(&planted).expect("mkdir");
    // SAFETY: chown of a directory of ours; as root it gives it away.
    let given = unsafe {
        let path = std::ffi::CString::new(planted.to_str().expect("path")).expect("path");
        libc::chown(path.as_ptr(), 12345, 12345) == 0
    };
    if given {
        let screen = Screen::start("planted", runtime.path(), "--tour new-great-game --presenter");
        screen.wait_for("belongs to another user");
        screen.wait_for("XDG_RUNTIME_DIR");
    }
    // A socket directory that others may enter.
    let open = tempfile::tempdir().expect("a runtime directory");
    let dir = open.path().join("steppe");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let screen = Screen::start("open-dir", open.path(), "--tour new-great-game");
    screen.wait_for("not linked");
    screen.wait_for("chmod 700");
    // A path too long for a socket.
    let deep = tempfile::tempdir().expect("a runtime directory");
    let long = deep.path().join("d".repeat(100));
    std::fs::create_dir(&long).expect("mkdir");
    let screen = Screen::start("long-path", &long, "--tour new-great-game --presenter");
    screen.wait_for("longer than a socket's 107");
}

#[test]
fn two_plain_tours_say_on_both_screens_that_they_linked() {
    if tools::require("tmux").is_none() {
        return;
    }
    let runtime = tempfile::tempdir().expect("a runtime directory");
    let first = Screen::start("plain-a", runtime.path(), "--tour new-great-game");
    first.wait_for("Step 1 of 13");
    let second = Screen::start("plain-b", runtime.path(), "--tour new-great-game");
    second.wait_for("linked with another screen on channel `new-great-game`");
    first.wait_for("linked with another screen on channel `new-great-game`");
}
