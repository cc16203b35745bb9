//! The test run after a successful build: the image in a throw-away container with the
//! project's run settings, smoke checks and budgets, its events handed to a watcher as they
//! come, and the run recorded with the build.

use drydock_engine::build::BuildSummary;
use drydock_engine::inspect::Healthcheck;
use drydock_engine::run::{RunError, RunEvent, TestPlan, TestReport};
use drydock_engine::Engine;
use drydock_history::{BuildId, History};
use drydock_project::Project;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::record;
use crate::build::unix_ms;
use crate::follow::{follow, Follower};

/// Sees a test run's events as they come.
pub trait RunWatcher {
    fn event(&mut self, event: &RunEvent);
    /// Called a few times a second while the run goes, for clocks.
    fn tick(&mut self) {}
}

pub struct Tested {
    /// A failing image is a report that says so; `Err` when the run could not finish.
    pub report: Result<TestReport, RunError>,
    /// Why a finished run was not recorded in the history, when it was not.
    pub not_recorded: Option<drydock_history::Error>,
}

/// The image has a HEALTHCHECK: a container that started is starting to become healthy.
pub fn has_healthcheck(summary: &BuildSummary) -> bool {
    matches!(summary.config.healthcheck, Some(Healthcheck::Check { .. }))
}

/// Tests the built image as `settings` say and records a finished run with the build in
/// `recorded`, when the build itself was recorded.
pub async fn run_and_record<W: RunWatcher + ?Sized>(
    engine: &Engine,
    settings: &Project,
    summary: &BuildSummary,
    recorded: Option<&mut (History, BuildId)>,
    watcher: &mut W,
    cancel: &CancellationToken,
) -> Tested {
    let mut plan = TestPlan::new(summary.image_id.clone(), settings);
    plan.build_duration_ms = Some(summary.duration_ms);
    let started_at_ms = unix_ms();
    let (events, mut received) = mpsc::unbounded_channel();
    let mut sink = move |event: RunEvent| {
        let _ = events.send(event);
    };
    let run = engine.test_image(&plan, cancel, &mut sink);
    let report = follow(run, &mut received, &mut Watched(watcher)).await;
    let not_recorded = match (&report, recorded) {
        (Ok(report), Some((history, build_id))) => {
            record::record(history, *build_id, report, started_at_ms).err()
        }
        _ => None,
    };
    Tested {
        report,
        not_recorded,
    }
}

struct Watched<'a, W: ?Sized>(&'a mut W);

impl<W: RunWatcher + ?Sized> Follower<RunEvent> for Watched<'_, W> {
    fn event(&mut self, event: RunEvent) {
        self.0.event(&event);
    }

    fn tick(&mut self) {
        self.0.tick();
    }
}
