//! `drydock build`: builds a project's image through the engine, shows the steps live on a
//! terminal (plain lines otherwise, JSON lines with `--json`), and records every build in the
//! history. Exit 0 built, 1 the build failed, 2 it could not start, 130 cancelled.

mod json;
mod live;
mod plain;
mod text;
mod view;

use std::path::PathBuf;

use clap::ValueEnum;
use drydock_api::build::{build_and_record, BuildRequest, Built, Overrides};
use drydock_api::history::HistoryFile;
use drydock_api::project::Project;
use drydock_engine::build::BuilderChoice;
use drydock_engine::Engine;
use tokio_util::sync::CancellationToken;

use crate::term::{colour_wanted, Paint, Screen};
use crate::{daemon, project, Status};

pub(crate) use json::{emit, emit_error};
pub(crate) use view::{status, View};

/// Build an image through the Docker daemon and record it in the history
#[derive(clap::Args)]
pub struct Args {
    /// Print JSON lines: `log` as the build goes, then `step` for each step and `done` or `error`
    #[arg(long)]
    json: bool,
    /// The Dockerfile, relative to the current directory [default: the project's drydock.toml
    /// `image.dockerfile`, else CONTEXT/Dockerfile]
    #[arg(short = 'f', long = "file", value_name = "DOCKERFILE")]
    file: Option<PathBuf>,
    /// Name and tag the image (`name:tag`)
    #[arg(short = 't', long)]
    tag: Option<String>,
    /// The stage to build
    #[arg(long)]
    target: Option<String>,
    /// A build argument; `NAME` alone takes its value from the environment
    #[arg(long = "build-arg", value_name = "NAME=VALUE", value_parser = parse_build_arg)]
    build_args: Vec<(String, Option<String>)>,
    /// The platform to build for, e.g. `linux/amd64`
    #[arg(long)]
    platform: Option<String>,
    /// Do not use the cache
    #[arg(long)]
    no_cache: bool,
    /// The builder: BuildKit when the daemon has it (auto), or the one named
    #[arg(long, value_enum, default_value_t = Builder::Auto)]
    builder: Builder,
    /// The build context; its drydock.toml, if any, gives the defaults of the flags
    #[arg(value_name = "CONTEXT")]
    context: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum Builder {
    Auto,
    Buildkit,
    Classic,
}

fn parse_build_arg(text: &str) -> Result<(String, Option<String>), String> {
    let (name, value) = match text.split_once('=') {
        Some((name, value)) => (name, Some(value.to_owned())),
        None => (text, None),
    };
    if name.is_empty() {
        return Err("a build argument needs a name: NAME=VALUE".to_owned());
    }
    Ok((name.to_owned(), value))
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let json = args.json;
    let result = build(args);
    if json {
        if let Err(e) = &result {
            emit_error(&format!("{e:#}"));
        }
    }
    result
}

fn build(args: Args) -> anyhow::Result<Status> {
    let project = Project::open_to_build(&args.context)?;
    let overrides = Overrides {
        dockerfile: args
            .file
            .map(|path| project::from_command_line(&path))
            .transpose()?,
        tag: args.tag,
        target: args.target,
        build_args: args.build_args,
        platform: args.platform,
        no_cache: args.no_cache,
        builder: match args.builder {
            Builder::Auto => BuilderChoice::Auto,
            Builder::Buildkit => BuilderChoice::BuildKit,
            Builder::Classic => BuilderChoice::Classic,
        },
    };
    let request = BuildRequest::new(&project, overrides)?;
    let mut view = view_for(args.json, &request);
    daemon::runtime()?.block_on(async {
        let engine = daemon::connect().await?;
        let cancel = daemon::cancel_on_ctrl_c();
        let built = build_shown(&engine, &request, view.as_mut(), &cancel).await?;
        Ok(status(&built.outcome))
    })
}

/// Builds and records as the app does, shows the end, and warns when the build could not be
/// recorded. `Err` when nothing was built.
pub(crate) async fn build_shown(
    engine: &Engine,
    request: &BuildRequest,
    view: &mut dyn View,
    cancel: &CancellationToken,
) -> anyhow::Result<Built> {
    let built = build_and_record(engine, request, &HistoryFile::Default, view, cancel).await?;
    view.finish(&built.progress, &built.outcome, &built.lint);
    if let Err(e) = &built.recorded {
        eprintln!("warning: the build was not recorded in the history: {e}");
    }
    Ok(built)
}

/// JSON lines, the live view on a terminal, or plain lines.
pub(crate) fn view_for(json: bool, request: &BuildRequest) -> Box<dyn View> {
    if json {
        return Box::new(json::JsonView);
    }
    match Screen::open() {
        Some(screen) => {
            let paint = Paint(colour_wanted(true));
            let dockerfile = project::shown(&request.dockerfile);
            Box::new(live::LiveView::new(screen, paint, dockerfile))
        }
        None => Box::new(plain::PlainView),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_args_take_a_value_or_the_environment() {
        assert_eq!(
            parse_build_arg("A=1=2"),
            Ok(("A".to_owned(), Some("1=2".to_owned())))
        );
        assert_eq!(parse_build_arg("A"), Ok(("A".to_owned(), None)));
        assert_eq!(
            parse_build_arg("A="),
            Ok(("A".to_owned(), Some(String::new())))
        );
        assert!(parse_build_arg("=1").is_err());
    }
}
