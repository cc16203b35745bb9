//! Following the running container: the daemon's events for it (a health change, a probe's
//! end, an exit, an OOM kill), each answered with one inspect, since events carry neither the
//! probe's output nor the exit details. The result is a stream of [`RunEvent`]s and the
//! container's current [`Status`] for the checks to look at.

use std::collections::HashMap;
use std::time::Duration;

use bollard::errors::Error as BollardError;
use bollard::models::{
    BollardDate, ContainerState, EventMessage, HealthStatusEnum, HealthcheckResult,
};
use bollard::query_parameters::{EventsOptionsBuilder, LogsOptionsBuilder};
use bollard::Docker;
use futures_util::{Stream, StreamExt};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::report::RunEvent;

/// The daemon records a probe's result a few milliseconds after the probe's `exec_die`
/// event: inspecting at once would usually miss it.
const PROBE_SETTLE: Duration = Duration::from_millis(100);
/// How often to inspect when the event stream broke.
const POLL_WITHOUT_EVENTS: Duration = Duration::from_secs(1);
/// How long to wait for an `oom` event after an exit by SIGKILL.
const OOM_GRACE: Duration = Duration::from_millis(500);
/// 128 + SIGKILL: how the kernel's OOM killer ends a process.
const SIGKILL_EXIT: i64 = 137;
/// Lines of output kept from a container that exited.
const EXIT_LOG_LINES: &str = "20";

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Status {
    /// Health checks have not decided yet.
    Starting,
    /// Running, without a HEALTHCHECK.
    Running,
    Healthy,
    Unhealthy,
    Exited(ExitInfo),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExitInfo {
    pub code: i64,
    pub oom: bool,
    /// The daemon's own error, e.g. when the command could not be executed.
    pub error: String,
    /// The last lines the container wrote.
    pub output: String,
}

/// A followed container. Dropping it stops the following.
pub(crate) struct Follower {
    pub status: watch::Receiver<Status>,
    task: JoinHandle<()>,
}

impl Drop for Follower {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts following container `id`, replaying its events since `since` (seconds since the
/// epoch, by the daemon's clock) so nothing between its start and now is missed.
pub(crate) fn follow(
    docker: Docker,
    id: String,
    since: i64,
    initial: Status,
    events: mpsc::UnboundedSender<RunEvent>,
) -> Follower {
    let (status, receiver) = watch::channel(initial);
    let state = Following {
        docker,
        id,
        events,
        status,
        last_probe: None,
        oom_seen: false,
    };
    Follower {
        status: receiver,
        task: tokio::spawn(state.run(since)),
    }
}

enum Refreshed {
    Running,
    Exited(ExitInfo),
    /// Removed already: nothing more to follow.
    Gone,
}

struct Following {
    docker: Docker,
    id: String,
    events: mpsc::UnboundedSender<RunEvent>,
    status: watch::Sender<Status>,
    /// When the newest probe already reported started.
    last_probe: Option<BollardDate>,
    /// The daemon sent an `oom` event: the kernel killed a process of the container.
    oom_seen: bool,
}

impl Following {
    async fn run(mut self, since: i64) {
        let filters = HashMap::from([
            ("type", vec!["container"]),
            ("container", vec![self.id.as_str()]),
            ("event", vec!["health_status", "exec_die", "die", "oom"]),
        ]);
        let options = EventsOptionsBuilder::new()
            .since(&since.to_string())
            .filters(&filters)
            .build();
        let mut events = Box::pin(self.docker.events(Some(options)));
        let mut open = true;
        loop {
            match self.refresh().await {
                Refreshed::Running => {}
                Refreshed::Gone => return,
                Refreshed::Exited(mut exit) => {
                    // The daemon may report an OOM kill just after the exit it caused.
                    if exit.code == SIGKILL_EXIT && !exit.oom && !self.oom_seen && open {
                        exit.oom = oom_follows(&mut events).await;
                    }
                    exit.oom |= self.oom_seen;
                    self.send(RunEvent::Exited {
                        code: exit.code,
                        oom: exit.oom,
                    });
                    self.status.send_replace(Status::Exited(exit));
                    return;
                }
            }
            open = self.next_change(&mut events, open).await;
        }
    }

    /// Waits for a reason to inspect again: an event at once, a probe's end a moment later,
    /// or a poll once the stream broke. Returns whether the stream is still open.
    async fn next_change(&mut self, events: &mut (impl Events + Unpin), mut open: bool) -> bool {
        let mut settle: Option<Instant> = None;
        loop {
            tokio::select! {
                item = events.next(), if open => match item {
                    Some(Ok(event)) => match event.action.as_deref() {
                        Some("exec_die") => {
                            settle.get_or_insert(Instant::now() + PROBE_SETTLE);
                        }
                        action => {
                            self.oom_seen |= action == Some("oom");
                            return true;
                        }
                    },
                    Some(Err(_)) | None => open = false,
                },
                _ = tokio::time::sleep_until(settle.unwrap_or_else(Instant::now)),
                    if settle.is_some() => return open,
                _ = tokio::time::sleep(POLL_WITHOUT_EVENTS), if !open => return false,
            }
        }
    }

    /// Inspects the container and reports the probes and health changes since the last look.
    async fn refresh(&mut self) -> Refreshed {
        let info = match self.docker.inspect_container(&self.id, None).await {
            Ok(info) => info,
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 404, ..
            }) => return Refreshed::Gone,
            // A hiccup: the next event or poll tries again.
            Err(_) => return Refreshed::Running,
        };
        let state = info.state.unwrap_or_default();
        let health = state.health.clone().unwrap_or_default();
        for probe in self.new_probes(health.log.unwrap_or_default()) {
            self.send(RunEvent::ProbeResult {
                exit_code: probe.exit_code.unwrap_or(-1),
                output: probe.output.unwrap_or_default().trim_end().to_owned(),
            });
        }
        if state.running != Some(true) {
            return Refreshed::Exited(self.exit_info(&state).await);
        }
        let status = match health.status {
            Some(HealthStatusEnum::STARTING) => Status::Starting,
            Some(HealthStatusEnum::HEALTHY) => Status::Healthy,
            Some(HealthStatusEnum::UNHEALTHY) => Status::Unhealthy,
            _ => Status::Running,
        };
        if *self.status.borrow() != status {
            match status {
                Status::Healthy => self.send(RunEvent::Healthy),
                Status::Unhealthy => self.send(RunEvent::Unhealthy {
                    failing_streak: health.failing_streak.unwrap_or(0),
                }),
                _ => {}
            }
            self.status.send_replace(status);
        }
        Refreshed::Running
    }

    /// The probes not reported yet, oldest first (the daemon keeps the last five).
    fn new_probes(&mut self, log: Vec<HealthcheckResult>) -> Vec<HealthcheckResult> {
        let last = self.last_probe;
        let new: Vec<HealthcheckResult> = log
            .into_iter()
            .filter(|p| p.end.is_some() && (last.is_none() || p.start > last))
            .collect();
        if let Some(newest) = new.iter().filter_map(|p| p.start).max() {
            self.last_probe = Some(newest);
        }
        new
    }

    async fn exit_info(&self, state: &ContainerState) -> ExitInfo {
        ExitInfo {
            code: state.exit_code.unwrap_or(-1),
            oom: state.oom_killed.unwrap_or(false),
            error: state.error.clone().unwrap_or_default(),
            output: last_output(&self.docker, &self.id).await,
        }
    }

    fn send(&self, event: RunEvent) {
        // The receiver goes only when the run is over; nothing is left to tell then.
        let _ = self.events.send(event);
    }
}

/// The container's events as bollard streams them.
trait Events: Stream<Item = Result<EventMessage, BollardError>> {}
impl<S: Stream<Item = Result<EventMessage, BollardError>>> Events for S {}

/// Whether an `oom` event arrives within [`OOM_GRACE`].
async fn oom_follows(events: &mut (impl Events + Unpin)) -> bool {
    let oom = async {
        while let Some(Ok(event)) = events.next().await {
            if event.action.as_deref() == Some("oom") {
                return true;
            }
        }
        false
    };
    tokio::time::timeout(OOM_GRACE, oom).await.unwrap_or(false)
}

/// The container's last lines of stdout and stderr, interleaved as written.
async fn last_output(docker: &Docker, id: &str) -> String {
    let options = LogsOptionsBuilder::new()
        .stdout(true)
        .stderr(true)
        .tail(EXIT_LOG_LINES)
        .build();
    let chunks: Vec<_> = docker.logs(id, Some(options)).collect().await;
    let bytes: Vec<u8> = chunks
        .into_iter()
        .filter_map(Result::ok)
        .flat_map(|chunk| chunk.into_bytes())
        .collect();
    String::from_utf8_lossy(&bytes).trim_end().to_owned()
}
