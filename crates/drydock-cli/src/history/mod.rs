//! `drydock history`: a project's recorded builds of one Dockerfile, newest first, with the
//! size change against the previous successful build and size or time regressions flagged.

mod json;
mod table;

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use anyhow::Context as _;
use drydock_history::{BuildSummary, History, Page, RegressionThresholds, TrendPoint};

use drydock_api::project::Project;

use crate::project;
use crate::term::{colour_wanted, Paint};
use crate::Status;

/// List a project's recorded builds, newest first
#[derive(clap::Args)]
pub struct Args {
    /// Print one JSON array of the builds
    #[arg(long)]
    json: bool,
    /// How many builds to list
    #[arg(long, default_value_t = 20, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    limit: u32,
    /// The Dockerfile whose builds to list, relative to the current directory [default: the
    /// project's drydock.toml `image.dockerfile`, else PROJECT/Dockerfile]
    #[arg(short = 'f', long = "file", value_name = "DOCKERFILE")]
    file: Option<PathBuf>,
    /// The project folder (the build context `drydock build` was given)
    #[arg(value_name = "PROJECT")]
    project: PathBuf,
}

/// One listed build: what the history keeps of it and where it stands on the trend.
pub(super) struct Entry {
    pub(super) build: BuildSummary,
    pub(super) trend: Option<TrendPoint>,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let project = Project::open_to_build(&args.project)?;
    let dockerfile = match &args.file {
        Some(path) => project::from_command_line(path)?,
        None => project.configured_dockerfile(),
    };
    let key = project.dockerfile_key(&dockerfile);
    let history = History::open_default().context("cannot open the build history")?;
    let entries = entries(&history, &project, &key, args.limit)?;
    if entries.is_empty() {
        hint_other_dockerfiles(&history, &project, &key)?;
    }
    if args.json {
        json::print(&entries);
    } else {
        let paint = Paint(colour_wanted(io::stdout().is_terminal()));
        table::print(&entries, &project.history_key(), &key, paint);
    }
    Ok(Status::Pass)
}

fn entries(
    history: &History,
    project: &Project,
    dockerfile: &str,
    limit: u32,
) -> anyhow::Result<Vec<Entry>> {
    let Some(recorded) = history.project(&project.history_key())? else {
        return Ok(Vec::new());
    };
    let builds = history.builds(recorded.id, dockerfile, Page::first(limit))?;
    let mut trend = history.trend(
        recorded.id,
        dockerfile,
        limit,
        &RegressionThresholds::default(),
    )?;
    Ok(builds
        .into_iter()
        .map(|build| {
            let point = trend
                .iter()
                .position(|p| p.build_id == build.id)
                .map(|i| trend.swap_remove(i));
            Entry {
                build,
                trend: point,
            }
        })
        .collect())
}

/// When the Dockerfile asked for has no builds but others of the project do, names them.
fn hint_other_dockerfiles(
    history: &History,
    project: &Project,
    dockerfile: &str,
) -> anyhow::Result<()> {
    let Some(recorded) = history.project(&project.history_key())? else {
        return Ok(());
    };
    let others = history.dockerfiles(recorded.id)?;
    if !others.is_empty() {
        eprintln!(
            "note: no builds of {dockerfile}; builds were recorded for {} (choose one with -f)",
            others.join(", ")
        );
    }
    Ok(())
}
