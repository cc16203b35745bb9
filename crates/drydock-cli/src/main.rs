//! `drydock`: the command line for CI. Each subcommand is a module; this file only dispatches.

mod build;
mod daemon;
mod history;
mod lint;
mod project;
mod term;
mod test;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit status of every subcommand: passed, failed the check, could not run, or stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Pass = 0,
    Fail = 1,
    /// A usage or I/O error (clap exits with 2 on usage errors too).
    Error = 2,
    /// Ctrl+C stopped the run, as shells report a SIGINT.
    Cancelled = 130,
}

#[derive(Parser)]
#[command(
    name = "drydock",
    version,
    about = "Author and test production Dockerfiles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Lint(lint::Args),
    Build(build::Args),
    Test(test::Args),
    History(history::Args),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Lint(args) => lint::run(args),
        Command::Build(args) => build::run(args),
        Command::Test(args) => test::run(args),
        Command::History(args) => history::run(args),
    };
    let status = result.unwrap_or_else(|e| {
        eprintln!("error: {e:#}");
        Status::Error
    });
    ExitCode::from(status as u8)
}
