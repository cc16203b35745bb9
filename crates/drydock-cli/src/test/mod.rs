//! `drydock test`: builds the project's image as `drydock build` does (recorded the same
//! way), then runs it in a throw-away container with the health, smoke checks and budgets of
//! its `drydock.toml`, shows each result, and records the run. Exit 0 only when every check
//! passed, 1 otherwise, 2 when it could not start (a bad `drydock.toml`: nothing runs), 130
//! cancelled.

mod json;
mod live;
mod plain;
mod text;
mod view;

use std::path::PathBuf;

use drydock_api::build::{BuildRequest, Outcome, Overrides};
use drydock_api::project::Project;
use drydock_api::test::{has_healthcheck, run_and_record};
use drydock_engine::run::RunError;

use crate::build::{self, build_shown, emit_error};
use crate::daemon;
use crate::term::{colour_wanted, Paint, Screen};
use crate::Status;
use view::TestView;

/// Build the project's image, run it and check it as its drydock.toml says
#[derive(clap::Args)]
pub struct Args {
    /// Print JSON lines: the build's, then `health`, `probe`, `exited` and `check` lines as
    /// the run goes, and a final `test` line
    #[arg(long)]
    json: bool,
    /// The project folder, with its drydock.toml (optional: without it the defaults apply)
    #[arg(value_name = "PROJECT")]
    project: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let json = args.json;
    let result = test(args);
    if json {
        if let Err(e) = &result {
            emit_error(&format!("{e:#}"));
        }
    }
    result
}

fn test(args: Args) -> anyhow::Result<Status> {
    // A bad drydock.toml stops everything here, before anything runs.
    let project = Project::open_to_build(&args.project)?;
    let request = BuildRequest::new(&project, Overrides::default())?;
    let mut build_view = build::view_for(args.json, &request);
    daemon::runtime()?.block_on(async {
        let engine = daemon::connect().await?;
        let cancel = daemon::cancel_on_ctrl_c();
        let mut built = build_shown(&engine, &request, build_view.as_mut(), &cancel).await?;
        let Outcome::Built(summary) = &built.outcome else {
            return Ok(build::status(&built.outcome));
        };
        let mut view = view_for(args.json, has_healthcheck(summary));
        let tested = run_and_record(
            &engine,
            &project.settings,
            summary,
            built.recorded.as_mut().ok(),
            view.as_mut(),
            &cancel,
        )
        .await;
        match tested.report {
            Ok(report) => {
                view.finish(&report);
                if let Some(e) = tested.not_recorded {
                    eprintln!("warning: the test run was not recorded in the history: {e}");
                }
                Ok(if report.passed() {
                    Status::Pass
                } else {
                    Status::Fail
                })
            }
            Err(RunError::Cancelled) => {
                if args.json {
                    emit_error(&RunError::Cancelled.to_string());
                }
                eprintln!("cancelled: the test container was removed");
                Ok(Status::Cancelled)
            }
            // The run could not finish: the image did not pass.
            Err(e) => {
                if args.json {
                    emit_error(&e.to_string());
                }
                eprintln!("error: {e}");
                Ok(Status::Fail)
            }
        }
    })
}

fn view_for(json: bool, has_healthcheck: bool) -> Box<dyn TestView> {
    if json {
        return Box::new(json::JsonView { has_healthcheck });
    }
    match Screen::open() {
        Some(screen) => Box::new(live::LiveView::new(
            screen,
            Paint(colour_wanted(true)),
            has_healthcheck,
        )),
        None => Box::new(plain::PlainView { has_healthcheck }),
    }
}
