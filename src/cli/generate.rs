//! Shell completions and manual pages, generated from the command-line definition so
//! that every command and option appears in them as soon as it exists.

use std::io;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use super::commands::{Failure, say_err, to_stdout};
use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::text::safe;

/// The completion script for `shell`.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "steppe", &mut out);
    out
}

/// The manual pages as (file name, roff text): `steppe.1` first, then one per command.
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    // `steppe help` is the same as `--help` and has no page of its own.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let source = format!("steppe {}", env!("STEPPE_VERSION"));
    let mut pages = vec![("steppe.1".to_string(), page(&cmd, &source, true))];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_display_name().unwrap_or_else(|| sub.get_name());
        pages.push((format!("{name}.1"), page(sub, &source, false)));
    }
    pages
}

/// One page: clap_mangen's sections, then the examples and notes from `after_help`
/// kept as written (clap_mangen would run them into one paragraph), and for the main
/// page what a manual is expected to say.
fn page(cmd: &clap::Command, source: &str, main: bool) -> Vec<u8> {
    let after = cmd.get_after_help().map(|text| text.to_string());
    let man = Man::new(cmd.clone().after_help(None)).source(source).manual("steppe manual");
    let mut roff = Roff::new();
    if let Some(after) = after {
        after_help(&mut roff, &after);
    }
    if main {
        main_sections(&mut roff, cmd);
    } else {
        roff.control("SH", ["SEE ALSO"]).text([bold("steppe"), roman("(1)")]);
    }
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = man.render(&mut out);
    out.extend_from_slice(roff.render().as_bytes());
    out
}

/// "Examples:" blocks as preformatted EXAMPLES, other paragraphs as NOTES.
fn after_help(roff: &mut Roff, text: &str) {
    let mut notes = Vec::new();
    for block in text.split("\n\n") {
        match block.strip_prefix("Examples:\n") {
            Some(examples) => {
                roff.control("SH", ["EXAMPLES"]).control("nf", []);
                for line in examples.lines() {
                    roff.text([roman(line)]);
                }
                roff.control("fi", []);
            }
            None => notes.push(block),
        }
    }
    if !notes.is_empty() {
        roff.control("SH", ["NOTES"]);
        for note in notes {
            roff.text([roman(note.replace('\n', " "))]).control("PP", []);
        }
    }
}

fn main_sections(roff: &mut Roff, cmd: &clap::Command) {
    roff.control("SH", ["EXIT STATUS"])
        .text([roman("0 success, 1 invalid data or unreadable input, 2 wrong usage.")])
        .control("SH", ["ENVIRONMENT"])
        .control("TP", [])
        .text([bold("NO_COLOR")])
        .text([roman("When set, the explorer draws without colours.")])
        .control("SH", ["SEE ALSO"])
        .control("nh", []);
    let mut pages = Vec::new();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sep = if pages.is_empty() { "" } else { ", " };
        pages.extend([
            roman(sep),
            bold(sub.get_display_name().unwrap_or(sub.get_name())),
            roman("(1)"),
        ]);
    }
    roff.text(pages)
        .control("PP", [])
        .text([roman("The timeline format: timeline-format.md, in /usr/share/doc/steppe/")])
        .text([roman("when installed from the Debian package, in docs/ in the source.")]);
}

/// `steppe completions SHELL`
pub fn completions(args: &CompletionsArgs) -> Result<(), Failure> {
    let script = completion_script(args.shell);
    to_stdout(|out| out.write_all(&script))
}

/// `steppe man [--dir DIR]`
pub fn man(args: &ManArgs) -> Result<(), Failure> {
    let pages = man_pages();
    match &args.dir {
        None => to_stdout(|out| out.write_all(&pages[0].1)),
        Some(dir) => {
            let written = write_pages(dir, &pages).map_err(|e| {
                say_err(&format!(
                    "error: cannot write the manual pages into {}: {e}\n",
                    safe::path(dir)
                ));
                Failure::Data(format!(
                    "the manual pages were not all written to {}",
                    safe::path(dir)
                ))
            })?;
            to_stdout(|out| written.iter().try_for_each(|p| writeln!(out, "{}", safe::path(p))))
        }
    }
}

/// Writes each page into `dir`, returning the paths written.
fn write_pages(dir: &Path, pages: &[(String, Vec<u8>)]) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, text) in pages {
        let path = dir.join(name);
        crate::atomic::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}
