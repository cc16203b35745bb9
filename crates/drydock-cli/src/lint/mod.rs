//! `drydock lint`: finds Dockerfiles, reads each with its config and build context, lints (and
//! with `--fix` fixes) it with `drydock-lint`, and prints the findings in one of four formats.

mod config;
mod context;
mod errors;
mod github;
mod inputs;
mod json;
mod read;
mod report;
mod sarif;
mod tty;
mod write;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use clap::ValueEnum;
use drydock_lint::{fix, LintOptions, Severity, Threshold};

use crate::Status;
use config::Configs;
use errors::Errors;
use inputs::Input;
use report::FileReport;

/// Lint Dockerfiles: hadolint's rules, Docker's build checks and Drydock's own
#[derive(clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Tty)]
    format: Format,
    /// Exit with 1 when a finding is at least this severe [default: the config's, else warning]
    #[arg(long, value_enum, value_name = "LEVEL")]
    failure_threshold: Option<Level>,
    /// Apply every safe fix in place, then report what remains (with `-`: print the fixed text)
    #[arg(long)]
    fix: bool,
    /// Config file [default: the nearest .hadolint.yaml or .hadolint.yml at or above each
    /// Dockerfile's directory]
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Never colour the output (colour is also off when NO_COLOR is set or stdout is no terminal)
    #[arg(long)]
    no_color: bool,
    /// Dockerfiles, or directories to search for them; `-` reads standard input [default: .]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Findings with code frames, for people
    Tty,
    /// One JSON array of all findings
    Json,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum Level {
    Error,
    Warning,
    Info,
    Style,
    /// Any finding fails
    Ignore,
    /// Never fail
    None,
}

impl Level {
    fn threshold(self) -> Threshold {
        match self {
            Level::Error => Threshold::At(Severity::Error),
            Level::Warning => Threshold::At(Severity::Warning),
            Level::Info => Threshold::At(Severity::Info),
            Level::Style => Threshold::At(Severity::Style),
            Level::Ignore => Threshold::At(Severity::Ignore),
            Level::None => Threshold::Never,
        }
    }
}

/// One linted file and whether it fails the threshold that applies to it.
struct Linted {
    report: FileReport,
    failed: bool,
    /// With `--fix` on standard input: the text to print.
    fixed_stdin: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let mut configs = Configs::new(args.config.as_deref())?;
    let mut contexts = context::Contexts::default();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut errors = Errors::default();
    let inputs = inputs::collect(&paths, &mut errors);
    let mut linted = Vec::new();
    for input in &inputs {
        match lint_input(input, &args, &mut configs, &mut contexts, &mut errors) {
            Ok(Some(l)) => linted.push(l),
            Ok(None) => {}
            Err(e) => errors.report(e.context(input.name())),
        }
    }

    let failed = linted.iter().any(|l| l.failed);
    let fixed_stdin = linted.iter_mut().find_map(|l| l.fixed_stdin.take());
    let reports: Vec<FileReport> = linted.into_iter().map(|l| l.report).collect();
    match fixed_stdin {
        None => {
            let color = use_color(&args, io::stdout().is_terminal());
            render(&args, &reports, color, &mut io::stdout().lock())?;
        }
        // The fixed text of standard input owns stdout; the report moves to stderr.
        Some(text) => {
            let mut stdout = io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(errors::io_error)
                .context("cannot write the fixed text")?;
            let color = use_color(&args, io::stderr().is_terminal());
            render(&args, &reports, color, &mut io::stderr().lock())?;
        }
    }

    Ok(if errors.any() {
        Status::Error
    } else if failed {
        Status::Fail
    } else {
        Status::Pass
    })
}

/// Reads, lints and (with `--fix`) fixes one input. `None`: its config was bad and is already
/// reported.
fn lint_input(
    input: &Input,
    args: &Args,
    configs: &mut Configs,
    contexts: &mut context::Contexts,
    errors: &mut Errors,
) -> anyhow::Result<Option<Linted>> {
    let source = read::read(input)?;
    let Some(config) = configs.for_dir(&input.dir(), errors) else {
        return Ok(None);
    };
    let build_context = match input {
        Input::Stdin => None,
        Input::File(path) => Some(contexts.of(path)),
    };
    let options = LintOptions {
        config: Some(config),
        build_context,
    };
    let threshold = args
        .failure_threshold
        .map(Level::threshold)
        .or(config.failure_threshold)
        .unwrap_or(Threshold::At(Severity::Warning));

    let fixed = without_panics(|| {
        if args.fix {
            fix::fix_all(&source.text, &options)
        } else {
            let remaining = drydock_lint::lint(&source.text, &options);
            fix::Fixed {
                text: source.text.clone(),
                applied: 0,
                remaining,
            }
        }
    })?;
    let changed = fixed.text != source.text;
    let mut fixed_stdin = None;
    if args.fix {
        match input {
            Input::Stdin => fixed_stdin = Some(source.with_bom(&fixed.text)),
            Input::File(path) if changed => write::replace(path, &source.with_bom(&fixed.text))
                .context("cannot write the fixed file")?,
            Input::File(_) => {}
        }
    }
    let applied = if changed { fixed.applied } else { 0 };
    let failed = fixed
        .remaining
        .iter()
        .any(|f| threshold.is_reached_by(f.severity));
    Ok(Some(Linted {
        report: FileReport::new(input.name(), fixed.text, fixed.remaining, applied),
        failed,
        fixed_stdin,
    }))
}

/// Runs the linter so that a bug in one rule fails one file (exit 2, after the panic message)
/// rather than the whole run (exit 101).
fn without_panics<T>(lint: impl FnOnce() -> T) -> anyhow::Result<T> {
    Ok(drydock_api::lint::without_panics(lint)?)
}

fn use_color(args: &Args, terminal: bool) -> bool {
    crate::term::colour_wanted(terminal) && !args.no_color
}

fn render(
    args: &Args,
    reports: &[FileReport],
    color: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    // Standard streams flush at every newline; a report of thousands of lines is written in
    // large blocks instead.
    let out = &mut io::BufWriter::with_capacity(64 * 1024, out);
    let result = match args.format {
        Format::Tty => tty::render(out, reports, color),
        Format::Json => json::render(out, reports),
        Format::Sarif => sarif::render(out, reports),
        Format::Github => github::render(out, reports),
    }
    .and_then(|()| out.flush());
    match result {
        // The reader has gone (`drydock lint | head`): there is no one left to tell.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write the report"),
    }
}
