//! The examples in the documentation are real: every command shown after a
//! `$` in a `text` block of the README or the format reference is run, on
//! the files the page shows (a `yaml` block marked `<!-- file: NAME -->`, in
//! a directory of their own) or else in the repository, and what it prints
//! must be what the page says it prints. A block that ends in a line `…`
//! shows only the start of the output.
//!
//! `UPDATE_DOCS=1 cargo test --test suite docs::` writes the real output into the pages.

use crate::common;

use std::path::Path;

/// A command shown in a page, and the output shown under it.
struct Example {
    /// Line numbers (from 0) of the output shown, in the page.
    lines: std::ops::Range<usize>,
    command: String,
    shown: Vec<String>,
}

/// The files a page marks with `<!-- file: NAME -->`, and its examples.
fn read_page(text: &str) -> (Vec<(String, String)>, Vec<Example>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut files = Vec::new();
    let mut examples = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(name) =
            lines[i].strip_prefix("<!-- file: ").and_then(|l| l.strip_suffix(" -->"))
        {
            assert!(lines.get(i + 1).is_some_and(|l| l.starts_with("```")), "a block after {name}");
            let end = (i + 2..lines.len()).find(|&k| lines[k] == "```").expect("a closed block");
            files.push((name.to_string(), lines[i + 2..end].join("\n") + "\n"));
            i = end + 1;
            continue;
        }
        if lines[i] == "```text" && lines.get(i + 1).is_some_and(|l| l.starts_with("$ steppe ")) {
            let end = (i + 1..lines.len()).find(|&k| lines[k] == "```").expect("a closed block");
            let mut k = i + 1;
            while k < end {
                let command = lines[k].trim_start_matches("$ ").to_string();
                let next = (k + 1..end).find(|&j| lines[j].starts_with("$ ")).unwrap_or(end);
                // A blank line before the next command separates the two.
                let stop = if next < end && lines[next - 1].is_empty() { next - 1 } else { next };
                let shown = lines[k + 1..stop].iter().map(|l| l.to_string()).collect();
                examples.push(Example { lines: k + 1..stop, command, shown });
                k = next;
            }
            i = end + 1;
            continue;
        }
        i += 1;
    }
    (files, examples)
}

/// The words of a command as a POSIX shell splits them (quotes, no expansion).
fn words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' => out.extend(word.take()),
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                w.extend(chars.by_ref().take_while(|&c| c != '\''));
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                w.extend(chars.by_ref().take_while(|&c| c != '"'));
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    out.extend(word);
    out
}

/// What a command prints, its messages (stderr) first.
fn run(command: &str, dir: &Path) -> Vec<String> {
    let words = words(command);
    assert_eq!(words.first().map(String::as_str), Some("steppe"), "{command}");
    let o = common::run::command()
        .args(&words[1..])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("steppe runs");
    let text =
        String::from_utf8_lossy(&o.stderr).into_owned() + &String::from_utf8_lossy(&o.stdout);
    text.lines().map(|l| l.trim_end().to_string()).collect()
}

fn check_page(page: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(page);
    let text = std::fs::read_to_string(&path).expect("the page");
    let (files, examples) = read_page(&text);
    assert!(!examples.is_empty(), "{page} has examples");
    let dir = tempfile::tempdir().expect("a directory");
    for (name, body) in &files {
        std::fs::write(dir.path().join(name), body).expect("write the example file");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = if files.is_empty() { root } else { dir.path() };
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut stale = Vec::new();
    // From the last, so that rewriting one keeps the places of those before it.
    for ex in examples.iter().rev() {
        let got = run(&ex.command, dir);
        let want: Vec<String> = match ex.shown.split_last() {
            Some((last, start)) if last == "…" => {
                let mut cut: Vec<String> = got.iter().take(start.len()).cloned().collect();
                cut.push("…".into());
                cut
            }
            _ => got,
        };
        if want != ex.shown {
            stale.push(format!(
                "{page}:{}: `{}` prints\n{}\nbut the page shows\n{}",
                ex.lines.start,
                ex.command,
                want.join("\n"),
                ex.shown.join("\n")
            ));
            lines.splice(ex.lines.clone(), want);
        }
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, lines.join("\n") + "\n").expect("write the page");
        return;
    }
    assert!(
        stale.is_empty(),
        "{}\n\nrun UPDATE_DOCS=1 cargo test --test suite docs:: to write the real output",
        stale.join("\n\n")
    );
}

#[test]
fn the_format_references_examples_print_what_it_shows() {
    check_page("docs/timeline-format.md");
}

#[test]
fn the_readmes_examples_print_what_it_shows() {
    check_page("README.md");
}

#[test]
fn commands_are_split_as_a_shell_splits_them() {
    assert_eq!(
        words("steppe list --where 'tag:summit from:2013' \"a b\"c"),
        ["steppe", "list", "--where", "tag:summit from:2013", "a bc"]
    );
}

/// Every row of a Markdown table follows its header or another row: a
/// paragraph in the middle of a table cuts it in two, and the rows after it
/// show as text.
fn tables_are_whole(page: &str) {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(page))
        .expect("the page");
    let lines: Vec<&str> = text.lines().collect();
    let mut in_code = false;
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if in_code || !line.starts_with('|') {
            continue;
        }
        let after_row = i > 0 && lines[i - 1].starts_with('|');
        let header = lines.get(i + 1).is_some_and(|l| l.starts_with("|---"));
        assert!(after_row || header, "{page}:{}: a table row outside a table: {line}", i + 1);
    }
}

#[test]
fn the_pages_tables_are_whole() {
    tables_are_whole("docs/timeline-format.md");
    tables_are_whole("README.md");
}

#[test]
fn the_readme_names_every_option_of_every_command() {
    use clap::CommandFactory;
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("the README");
    let root = steppe::cli::Cli::command();
    let mut missing = Vec::new();
    let mut seen = 0;
    for command in std::iter::once(&root).chain(root.get_subcommands()) {
        for arg in command.get_arguments() {
            let Some(long) = arg.get_long() else { continue };
            if ["help", "version"].contains(&long) {
                continue;
            }
            seen += 1;
            // Followed by a space, `]`, `|`, a backtick or the line's end: `--tour` is not `--tour-x`.
            let option = format!("--{long}");
            let named = readme.match_indices(&option).any(|(at, _)| {
                readme[at + option.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric() && c != '-')
            });
            if !named {
                missing.push(format!("steppe {} {option}", command.get_name()));
            }
        }
    }
    assert!(seen > 30, "the options were found: {seen}");
    assert!(missing.is_empty(), "the README does not name: {}", missing.join(", "));
}
