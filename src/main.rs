use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use steppe::cli::commands::{self, Failure, say_err};
use steppe::cli::{Cli, Command};

// Loading a large timeline makes millions of small strings on several threads;
// mimalloc serves them with far less time in the allocator than the system's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Huge pages off from the start, before the first allocation touches
/// memory, until a load from the cache wants them (see `memory::huge_pages`):
/// set in `main`, two huge pages would already be held for a few kilobytes.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static SMALL_PAGES_FIRST: extern "C" fn() = {
    extern "C" fn small_pages() {
        steppe::memory::huge_pages(false);
    }
    small_pages
};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let result = match &cli.command {
        Some(Command::List(args)) => commands::list(args),
        Some(Command::Validate(args)) => commands::validate(args),
        Some(Command::Export(args)) => commands::export(args),
        Some(Command::Stats(args)) => commands::stats(args),
        Some(Command::Completions(args)) => steppe::cli::generate::completions(args),
        Some(Command::Man(args)) => steppe::cli::generate::man(args),
        Some(Command::Cache(args)) => commands::cache(args),
        None => commands::explore(&cli.explore),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            match &failure {
                Failure::Data(msg) => say_err(&format!("error: {msg}\n")),
                Failure::Usage(msg) => {
                    say_err(&format!("error: {msg}\n\nFor more information, try '--help'.\n"))
                }
            }
            ExitCode::from(failure.exit_code())
        }
    }
}

/// Help, the version, or a mistake on the command line, as clap words it but
/// without colours and with the user's own bytes made harmless.
fn usage_error(e: &clap::Error) -> ExitCode {
    let text = e.render().to_string();
    if e.use_stderr() {
        say_err(&text);
        return ExitCode::from(2);
    }
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            say_err(&format!("error: cannot write the output: {err}\n"));
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}
