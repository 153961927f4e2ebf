//! `steppe completions` and `steppe man`: generated from the command line, so every
//! command and option must appear in them, the same every time. The tests that run
//! bash or man are skipped without them (with `CI` set they fail).

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

use common::tools;

use clap::CommandFactory;
use steppe::cli::Cli;

fn steppe(args: &[&str]) -> Output {
    common::run::command().args(args).output().expect("the steppe binary runs")
}

fn stdout_of(args: &[&str]) -> String {
    let o = steppe(args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

/// Each visible command with its visible long options.
fn commands() -> Vec<(String, Vec<String>)> {
    let cli = Cli::command();
    let longs = |cmd: &clap::Command| -> Vec<String> {
        cmd.get_arguments()
            .filter(|a| !a.is_hide_set())
            .filter_map(|a| a.get_long().map(String::from))
            .collect()
    };
    let mut all = vec![(String::new(), longs(&cli))];
    for sub in cli.get_subcommands().filter(|s| !s.is_hide_set()) {
        all.push((sub.get_name().to_string(), longs(sub)));
    }
    assert!(all.len() >= 6, "steppe, list, validate, export, completions, man");
    all
}

/// What `bash` offers for the words typed so far (the last may be empty).
fn bash_complete(bash: &Path, words: &[&str]) -> Vec<String> {
    let script = stdout_of(&["completions", "bash"]);
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let cword = words.len() - 1;
    let prev = if cword > 0 { words[cword - 1] } else { "" };
    let probe = format!(
        "{script}\ncomplete -p steppe >/dev/null || exit 3\n\
         COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE=\"${{COMP_WORDS[*]}}\"; \
         COMP_POINT=${{#COMP_LINE}}\n_steppe steppe '{cur}' '{prev}'\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = quoted.join(" "),
        cur = words[cword],
    );
    let o = Command::new(bash)
        .args(["--norc", "--noprofile", "-c", &probe])
        .output()
        .expect("bash runs");
    assert!(o.status.success(), "bash: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).lines().map(String::from).collect()
}

#[test]
fn bash_completes_commands_and_every_option() {
    let Some(bash) = tools::require("bash") else { return };
    let bash_complete = |words: &[&str]| bash_complete(&bash, words);
    assert_eq!(bash_complete(&["steppe", "l"]), ["list"]);
    for (name, longs) in commands() {
        let mut words = vec!["steppe"];
        if !name.is_empty() {
            assert!(
                bash_complete(&["steppe", &name[..2]]).contains(&name),
                "`steppe {}` does not complete to {name}",
                &name[..2]
            );
            words.push(&name);
        }
        words.push("--");
        let offered = bash_complete(&words);
        for long in longs {
            assert!(
                offered.contains(&format!("--{long}")),
                "{words:?} lacks --{long}: {offered:?}"
            );
        }
    }
}

#[test]
fn bash_completes_option_values() {
    let Some(bash) = tools::require("bash") else { return };
    let bash_complete = |words: &[&str]| bash_complete(&bash, words);
    let offered = bash_complete(&["steppe", "list", "--format", ""]);
    assert_eq!(offered, ["table", "json", "csv", "markdown"]);
    let shells = bash_complete(&["steppe", "completions", ""]);
    for shell in ["bash", "zsh", "fish", "powershell"] {
        assert!(shells.contains(&shell.to_string()), "{shells:?}");
    }
}

#[test]
fn every_shell_script_names_every_command_and_option() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        for (name, longs) in commands() {
            assert!(script.contains(&name), "{shell} script lacks {name}");
            for long in longs {
                // fish names long options as `-l NAME`.
                let needle =
                    if shell == "fish" { format!("-l {long}") } else { format!("--{long}") };
                assert!(script.contains(&needle), "{shell}: no --{long} ({name})");
            }
        }
        assert_eq!(script, stdout_of(&["completions", shell]), "{shell} script changes");
        let lib = steppe::cli::generate::completion_script(shell.parse().expect("a shell name"));
        assert_eq!(script.as_bytes(), lib, "{shell}: the binary and the library disagree");
    }
}

#[test]
fn completions_reject_an_unknown_shell() {
    let o = steppe(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("tcsh") && err.contains("bash"), "{err}");
}

/// The roff text with its escapes undone, enough to search for names in it.
fn plain(roff: &str) -> String {
    roff.replace("\\-", "-")
}

#[test]
fn man_page_has_the_sections_and_every_command() {
    let page = stdout_of(&["man"]);
    assert!(page.contains(".TH steppe 1 "), "{page}");
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "FILTERS", "EXAMPLES"] {
        assert!(page.contains(&format!(".SH {section}\n")), "no {section}");
    }
    assert!(page.contains(".SH \"EXIT STATUS\"\n") || page.contains(".SH EXIT STATUS\n"));
    let text = plain(&page);
    let (_, top_longs) = &commands()[0];
    for long in top_longs {
        assert!(text.contains(&format!("--{long}")), "steppe.1 lacks --{long}");
    }
    for (name, _) in commands().iter().skip(1) {
        assert!(text.contains(&format!("steppe-{name}(1)")), "steppe.1 does not list {name}");
    }
    assert_eq!(page, stdout_of(&["man"]), "the page changes from run to run");
}

#[test]
fn man_dir_writes_a_page_per_command_with_its_options() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let dir_arg = dir.path().to_str().expect("a UTF-8 path");
    let listed = stdout_of(&["man", "--dir", dir_arg]);
    let main = std::fs::read_to_string(dir.path().join("steppe.1")).expect("steppe.1");
    assert_eq!(main, stdout_of(&["man"]));
    let mut files: Vec<String> = std::fs::read_dir(dir.path())
        .expect("the directory")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected = vec!["steppe.1".to_string()];
    for (name, longs) in commands().iter().skip(1) {
        let file = format!("steppe-{name}.1");
        let page = std::fs::read_to_string(dir.path().join(&file)).expect("a page per command");
        assert!(listed.contains(&file), "{listed}");
        assert!(page.contains(".SH NAME\n") && page.contains(".SH SYNOPSIS\n"), "{file}");
        let text = plain(&page);
        assert!(text.contains(&format!("steppe {name}")), "{file}: no synopsis line");
        for long in longs {
            assert!(text.contains(&format!("--{long}")), "{file} lacks --{long}");
        }
        expected.push(file);
    }
    expected.sort();
    assert_eq!(files, expected);
}

#[test]
fn man_dir_reports_a_directory_it_cannot_write() {
    let file = tempfile::NamedTempFile::new().expect("a temporary file");
    let o = steppe(&["man", "--dir", file.path().to_str().expect("UTF-8")]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cannot write the manual pages into"), "{err}");
}

/// man-db formats every page without a warning from groff.
#[test]
fn man_renders_every_page_cleanly() {
    let Some(man) = tools::require("man") else { return };
    let dir = tempfile::tempdir().expect("a temporary directory");
    stdout_of(&["man", "--dir", dir.path().to_str().expect("UTF-8")]);
    for entry in std::fs::read_dir(dir.path()).expect("the directory") {
        let path = entry.expect("an entry").path();
        let o = Command::new(&man)
            .args(["--warnings", "-l"])
            .arg(&path)
            .env("MANWIDTH", "80")
            .env("MAN_KEEP_FORMATTING", "")
            .env("MANPAGER", "cat")
            .output()
            .expect("man runs");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success() && err.trim().is_empty(), "{}: {err}", path.display());
        let shown = String::from_utf8_lossy(&o.stdout);
        assert!(shown.contains("NAME") && shown.contains("SYNOPSIS"), "{shown}");
    }
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let version = stdout_of(&["--version"]);
    let expected = format!("steppe {}", env!("CARGO_PKG_VERSION"));
    assert!(version.starts_with(&expected), "{version}");
    let git = |args: &[&str]| {
        let o = Command::new("git").args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output();
        o.ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let top = git(&["rev-parse", "--show-toplevel"]).map(std::path::PathBuf::from);
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // Built from its own git checkout: the commit and its date follow the version.
    if top.and_then(|t| t.canonicalize().ok()) == here.canonicalize().ok() {
        let commit = git(&["log", "-1", "--no-show-signature", "--abbrev=9", "--format=%h %cs"])
            .expect("git log in a checkout");
        assert_eq!(version.trim(), format!("{expected} ({commit})"));
    }
    assert_eq!(stdout_of(&["-V"]), version);
}
