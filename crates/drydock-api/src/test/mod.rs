//! Testing a project's image: build it as a build does (recorded the same way), then run it
//! in a throw-away container with the health, smoke checks and budgets of its `drydock.toml`,
//! and record the run with the build. `drydock test` and the app's test panel share it.

mod record;
mod run;
mod update;

pub use run::{has_healthcheck, run_and_record, RunWatcher, Tested};
pub use update::{CheckOutcome, CheckView, Health, TestOutcome, TestUpdate};

use std::path::Path;

use drydock_engine::run::{RunError, RunEvent, TestReport};

use crate::build::{self, BuildOutcome, BuildStatus, BuildUpdate, Outcome};
use crate::project::Project;
use crate::{ApiError, Drydock};

impl Drydock {
    /// Builds one of the project's Dockerfiles (relative to `project`) and tests the image,
    /// sending every update to `sink`; both are recorded in the history. One build or test
    /// at a time, as [`Drydock::build`].
    pub async fn test(
        &self,
        project: &Path,
        dockerfile: &str,
        mut sink: impl FnMut(TestUpdate),
    ) -> Result<TestOutcome, ApiError> {
        let claim = self.work.claim()?;
        let cancel = claim.token();
        let project = Project::open_to_build(project)?;
        let request = build::request_for(&project, dockerfile)?;
        let engine = self.daemon.engine().await?;
        let mut build_sink = |update| sink(TestUpdate::Build { update });
        let built =
            build::build_with_updates(&engine, &request, &self.history, &mut build_sink, cancel)
                .await;
        let mut built = match built {
            Ok(built) => built,
            Err(outcome) => return Ok(TestOutcome::without_run(outcome)),
        };
        let outcome = BuildOutcome::of(&built);
        let Outcome::Built(summary) = &built.outcome else {
            if outcome.status == BuildStatus::Cancelled {
                sink(TestUpdate::Cancelled);
            }
            return Ok(TestOutcome::without_run(outcome));
        };
        let mut watcher = Updates {
            sink: &mut sink,
            has_healthcheck: has_healthcheck(summary),
        };
        let tested = run_and_record(
            &engine,
            &project.settings,
            summary,
            built.recorded.as_mut().ok(),
            &mut watcher,
            cancel,
        )
        .await;
        if let Some(e) = &tested.not_recorded {
            sink(TestUpdate::Build {
                update: BuildUpdate::Log {
                    text: format!("the test run was not recorded in the history: {e}"),
                },
            });
        }
        Ok(TestOutcome::of(outcome, tested.report))
    }
}

/// Hands each event of the run to the app as updates.
struct Updates<'a, S> {
    sink: &'a mut S,
    has_healthcheck: bool,
}

impl<S: FnMut(TestUpdate)> RunWatcher for Updates<'_, S> {
    fn event(&mut self, event: &RunEvent) {
        for update in TestUpdate::of(event.clone(), self.has_healthcheck) {
            (self.sink)(update);
        }
    }
}

impl TestOutcome {
    /// The build did not produce an image: nothing ran.
    fn without_run(build: BuildOutcome) -> TestOutcome {
        TestOutcome {
            message: build.message.clone(),
            build,
            passed: false,
            health: None,
            checks: Vec::new(),
        }
    }

    fn of(build: BuildOutcome, report: Result<TestReport, RunError>) -> TestOutcome {
        match report {
            Ok(report) => {
                let failed = report.failed_checks().count();
                TestOutcome {
                    build,
                    passed: report.passed(),
                    health: Some(report.health.into()),
                    checks: report.checks.iter().map(CheckView::from).collect(),
                    message: (failed > 0)
                        .then(|| format!("{failed} of {} checks failed", report.checks.len())),
                }
            }
            Err(e) => TestOutcome {
                build,
                passed: false,
                health: None,
                checks: Vec::new(),
                message: Some(e.to_string()),
            },
        }
    }
}
