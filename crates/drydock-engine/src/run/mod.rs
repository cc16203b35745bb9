//! Testing an image in a throw-away container: run it confined (memory and swap, CPUs, pids,
//! no privileges, every capability dropped, ports on 127.0.0.1 only), follow its health
//! through the daemon's events, run the project's smoke checks, enforce the budgets, and
//! always remove the container: on success, failure, timeout, cancel and panic.
//!
//! Every text the run reports is masked like a build's: credentials, and the values of the
//! project's `run.env` where an output echoes them.
//!
//! Every container carries the label `dev.drydock.test=1` and `dev.drydock.run=<id>`;
//! [`Engine::sweep_test_containers`] removes whatever a crashed run left behind.
//!
//! The checks, in the order they run (each one a [`CheckResult`] in the [`TestReport`]):
//! 1. from the image alone: size and build-time budgets, the HEALTHCHECK's presence when
//!    `smoke.expect.healthcheck` is `healthy` or `none`, `smoke.expect.exposed_ports`;
//! 2. start-up: healthy within `run.startup_timeout_s` when the image has a HEALTHCHECK
//!    (whatever `smoke.expect.healthcheck` says: the smoke checks need a ready server),
//!    otherwise still running after a two-second grace;
//! 3. `smoke.expect.user_not_root`: the image's USER decides; a user name (not a uid) is
//!    resolved with `id -u` inside the container, so a name that maps to uid 0 fails. An
//!    image without USER fails even if its entrypoint drops privileges later, as with
//!    Kubernetes' `runAsNonRoot`;
//! 4. the `[[smoke.http]]` checks, then the `[[smoke.exec]]` checks, skipped when the start-up
//!    failed;
//! 5. the container is still running afterwards.

mod container;
mod exec;
mod follow;
mod http;
mod image;
mod report;
mod session;
mod verdict;

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use bollard::errors::Error as BollardError;
use drydock_mask::Masker;
use drydock_project::{Budget, Project, RunSettings, Smoke};
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

pub use container::{RUN_LABEL, TEST_LABEL};
pub use report::{
    CheckKind, CheckResult, Health, Outcome, PublishedPort, RunEvent, RunSink, TestReport,
};

use crate::inspect::InspectError;
use crate::Engine;
use container::RemoveOnDrop;
use session::Session;

/// What to test, and how.
#[derive(Debug, Clone)]
pub struct TestPlan {
    /// An image id or tag.
    pub image: String,
    pub run: RunSettings,
    pub smoke: Smoke,
    pub budget: Budget,
    /// How long the image's build took, for `budget.max_build_seconds`; `None` when the
    /// image was not built in this run (that budget is then skipped).
    pub build_duration_ms: Option<u64>,
}

impl TestPlan {
    /// The project's run settings, smoke checks and budgets for an image.
    pub fn new(image: impl Into<String>, project: &Project) -> TestPlan {
        TestPlan {
            image: image.into(),
            run: project.run.clone(),
            smoke: project.smoke.clone(),
            budget: project.budget.clone(),
            build_duration_ms: None,
        }
    }
}

/// Why a run could not produce a report. A failing image is not an error: its report says
/// what failed.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Image(#[from] InspectError),
    #[error("cannot create the test container: {0}")]
    Create(BollardError),
    #[error("cannot {action}: {source}")]
    Daemon {
        action: &'static str,
        source: BollardError,
    },
    #[error("cannot remove the test container {id}: {source}")]
    Remove { id: String, source: BollardError },
    #[error("the test run was cancelled")]
    Cancelled,
    /// The run's task panicked; the container was removed all the same.
    #[error("the test run failed unexpectedly: {0}")]
    Crashed(String),
}

impl Engine {
    /// Runs `plan.image` in a throw-away container and checks it, sending events to `sink`
    /// as the run goes.
    ///
    /// The container is removed before this returns, whatever happened. Cancelling
    /// `cancel` stops the run at once (then `Err(RunError::Cancelled)`); dropping the future
    /// removes the container in a background task.
    pub async fn test_image(
        &self,
        plan: &TestPlan,
        cancel: &CancellationToken,
        sink: &mut dyn RunSink,
    ) -> Result<TestReport, RunError> {
        let started = Instant::now();
        let docker = self.docker().clone();
        let image = self.inspect_image(&plan.image).await?;
        let run_id = run_id();
        let spec = container::spec(&image.id, &plan.run, &run_id);
        let container_id = container::create(&docker, spec, &run_id)
            .await
            .map_err(RunError::Create)?;
        let removal = RemoveOnDrop::new(docker.clone(), container_id.clone());

        let masker =
            Masker::for_build_args(plan.run.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let (events, mut received) = mpsc::unbounded_channel();
        let session = Session {
            docker: docker.clone(),
            plan: plan.clone(),
            image,
            run_id,
            container_id: container_id.clone(),
            started,
            events,
        };
        let mut body = tokio::spawn(session.run());
        let joined = loop {
            tokio::select! {
                biased;
                Some(event) = received.recv() => sink.event(event.masked(&masker)),
                joined = &mut body => break Some(joined),
                _ = cancel.cancelled() => break None,
            }
        };
        if joined.is_none() {
            body.abort();
            // Wait for the abort, so nothing of the run acts on the container once removed.
            let _ = body.await;
        }
        while let Ok(event) = received.try_recv() {
            sink.event(event.masked(&masker));
        }
        let removed = container::remove(&docker, &container_id).await;
        removal.disarm();
        let report = match joined {
            None => {
                sink.event(RunEvent::Cancelled);
                return Err(RunError::Cancelled);
            }
            Some(Ok(result)) => result?,
            Some(Err(join)) => return Err(RunError::Crashed(panic_message(join))),
        };
        removed.map_err(|source| RunError::Remove {
            id: container_id,
            source,
        })?;
        Ok(report.masked(&masker))
    }

    /// Removes every test container, running or not, for instance those a crashed run left
    /// behind; call it at start-up. Returns how many were removed.
    pub async fn sweep_test_containers(&self) -> Result<usize, RunError> {
        let docker = self.docker();
        let ids = container::labelled(docker, &format!("{TEST_LABEL}=1"))
            .await
            .map_err(|source| RunError::Daemon {
                action: "list the test containers",
                source,
            })?;
        for id in &ids {
            container::remove(docker, id)
                .await
                .map_err(|source| RunError::Remove {
                    id: id.clone(),
                    source,
                })?;
        }
        Ok(ids.len())
    }
}

/// A short id, unique enough among the runs of one daemon: time, process and a counter.
fn run_id() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos() as u32;
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(
        "{:08x}{:04x}",
        nanos ^ std::process::id().rotate_left(16),
        count & 0xffff
    )
}

fn panic_message(join: tokio::task::JoinError) -> String {
    match join.try_into_panic() {
        Ok(payload) => payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_owned()),
        Err(join) => join.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_ids_differ_within_a_process() {
        let a = run_id();
        let b = run_id();
        assert_eq!(a.len(), 12);
        assert_ne!(a, b);
    }

    #[test]
    fn a_plan_takes_the_project_settings() {
        let project = drydock_project::parse("[run]\nports = [80]\ncpus = 2\n").unwrap();
        let plan = TestPlan::new("app:dev", &project);
        assert_eq!(plan.image, "app:dev");
        assert_eq!(plan.run.ports, [80]);
        assert_eq!(plan.run.cpus, 2.0);
        assert_eq!(plan.build_duration_ms, None);
    }

    #[tokio::test]
    async fn a_panic_in_a_task_becomes_its_message() {
        let join = tokio::spawn(async { panic!("boom") }).await.unwrap_err();
        assert_eq!(panic_message(join), "boom");
    }
}
