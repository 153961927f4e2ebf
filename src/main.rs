use std::process::ExitCode;

use clap::Parser;

use steppe::cli::{Cli, Command};
use steppe::commands::{self, Failure};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::List(args)) => commands::list(args),
        Some(Command::Validate(args)) => commands::validate(args),
        Some(Command::Export(args)) => commands::export(args),
        None => commands::explore(&cli.explore),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            match &failure {
                Failure::Data(msg) => eprintln!("error: {msg}"),
                Failure::Usage(msg) => {
                    eprintln!("error: {msg}\n\nFor more information, try '--help'.")
                }
            }
            ExitCode::from(failure.exit_code())
        }
    }
}
