//! One test run inside its container: start it, wait until it is ready, run the checks in
//! order and record each. The caller creates and removes the container; this runs in a task
//! of its own so that a panic here still ends in the removal.

use std::time::Duration;

use bollard::Docker;
use drydock_project::{ExecCheck, HttpCheck};
use tokio::sync::{mpsc, watch};
use tokio::time::Instant;

use super::exec::exec;
use super::follow::{follow, ExitInfo, Follower, Status};
use super::image::{self, ImageUser};
use super::report::{CheckKind, CheckResult, Health, Outcome, PublishedPort, RunEvent, TestReport};
use super::verdict::{excerpt, seconds, Verdict};
use super::{http, RunError, TestPlan};
use crate::inspect::ImageDetails;

/// Without a HEALTHCHECK there is nothing to wait for; a container that crashes on start
/// mostly does so within this long.
const STARTUP_GRACE: Duration = Duration::from_secs(2);
/// How long `id -u` may take.
const ID_TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) struct Session {
    pub docker: Docker,
    pub plan: TestPlan,
    pub image: ImageDetails,
    pub run_id: String,
    pub container_id: String,
    /// When the caller started the run.
    pub started: Instant,
    pub events: mpsc::UnboundedSender<RunEvent>,
}

impl Session {
    pub async fn run(self) -> Result<TestReport, RunError> {
        let mut record = Recorder {
            started: self.started,
            events: self.events.clone(),
            checks: Vec::new(),
        };
        self.config_checks(&mut record);
        let has_healthcheck = image::healthcheck_test(&self.image.config).is_some();
        let mut health = if has_healthcheck {
            Health::Starting
        } else {
            Health::None
        };

        let since = Instant::now();
        let start = self.docker.start_container(&self.container_id, None).await;
        if let Err(e) = start {
            let detail = format!("the container could not start: {e}");
            record.add(
                CheckKind::Startup,
                "start-up",
                since,
                Verdict::failed(detail),
            );
            self.user_check(&mut record, false).await;
            self.smoke_checks(&mut record, &[], None).await;
            return Ok(self.report(record, Vec::new(), health));
        }
        let (ports, follower) = self.follow_started(has_healthcheck).await?;
        let mut status = follower.status.clone();

        let ready = self.startup(&mut record, &mut status, since).await;
        health = health_of(&status.borrow()).unwrap_or(health);
        let running = !matches!(*status.borrow(), Status::Exited(_));
        self.user_check(&mut record, running).await;
        self.smoke_checks(&mut record, &ports, ready.then_some(&status))
            .await;
        if ready {
            let at = Instant::now();
            let verdict = match &*status.borrow() {
                Status::Exited(exit) => Verdict::failed(exited(exit, at - since)),
                _ => Verdict::passed("running"),
            };
            record.add(CheckKind::StillRunning, "still running", at, verdict);
        }
        health = health_of(&status.borrow()).unwrap_or(health);
        drop(follower);
        Ok(self.report(record, ports, health))
    }

    /// Reads the started container's ports, tells the caller, and starts following it.
    async fn follow_started(
        &self,
        has_healthcheck: bool,
    ) -> Result<(Vec<PublishedPort>, Follower), RunError> {
        let info = self
            .docker
            .inspect_container(&self.container_id, None)
            .await
            .map_err(|source| RunError::Daemon {
                action: "inspect the test container",
                source,
            })?;
        let ports = super::container::published_ports(
            info.network_settings
                .as_ref()
                .and_then(|n| n.ports.as_ref()),
        );
        let _ = self.events.send(RunEvent::Starting {
            run_id: self.run_id.clone(),
            container_id: self.container_id.clone(),
            ports: ports.clone(),
        });
        // Replay from a second before creation by the daemon's clock: nothing is missed
        // between the start and the subscription.
        let created = info.created.map(|c| c.timestamp()).unwrap_or(0) - 1;
        let initial = if has_healthcheck {
            Status::Starting
        } else {
            Status::Running
        };
        let follower = follow(
            self.docker.clone(),
            self.container_id.clone(),
            created,
            initial,
            self.events.clone(),
        );
        Ok((ports, follower))
    }

    /// The `[[smoke.http]]` then the `[[smoke.exec]]` checks; skipped without the status of
    /// a container ready for them.
    async fn smoke_checks(
        &self,
        record: &mut Recorder,
        ports: &[PublishedPort],
        ready: Option<&watch::Receiver<Status>>,
    ) {
        let client = http::client();
        for check in &self.plan.smoke.http {
            let at = Instant::now();
            let verdict = match ready {
                Some(status) => self.http_check(&client, ports, check, status).await,
                None => not_ready(),
            };
            record.add(CheckKind::Http, &http_name(check), at, verdict);
        }
        for check in &self.plan.smoke.exec {
            let at = Instant::now();
            let verdict = match ready {
                Some(_) => self.exec_check(check).await,
                None => not_ready(),
            };
            record.add(CheckKind::Exec, &exec_name(check), at, verdict);
        }
    }

    /// The checks that need only the image's facts.
    fn config_checks(&self, record: &mut Recorder) {
        let at = Instant::now();
        let budget = &self.plan.budget;
        let expect = &self.plan.smoke.expect;
        let build = self.plan.build_duration_ms.map(Duration::from_millis);
        let checks = [
            (
                CheckKind::ImageSize,
                "image size",
                image::size_budget(self.image.size_bytes, budget),
            ),
            (
                CheckKind::BuildTime,
                "build time",
                image::build_time_budget(build, budget),
            ),
            (
                CheckKind::Healthcheck,
                "healthcheck",
                image::healthcheck_presence(
                    image::healthcheck_test(&self.image.config),
                    expect.healthcheck,
                ),
            ),
            (
                CheckKind::ExposedPorts,
                "exposed ports",
                image::exposed_ports(&self.image.config.exposed_ports, &expect.exposed_ports),
            ),
        ];
        for (kind, name, verdict) in checks {
            if let Some(verdict) = verdict {
                record.add(kind, name, at, verdict);
            }
        }
    }

    /// Waits until the container is healthy (with a HEALTHCHECK) or has kept running for
    /// the grace period (without one), and records how that went. True when it is ready
    /// for the smoke checks.
    async fn startup(
        &self,
        record: &mut Recorder,
        status: &mut watch::Receiver<Status>,
        since: Instant,
    ) -> bool {
        let limit = Duration::from_secs(self.plan.run.startup_timeout_s);
        let verdict = if image::healthcheck_test(&self.image.config).is_some() {
            let decided = status.wait_for(|s| *s != Status::Starting);
            let decided = tokio::time::timeout(limit, decided).await;
            // The status is cloned at once: the watch's guard must not live across an await.
            match decided.ok().and_then(Result::ok).map(|s| (*s).clone()) {
                Some(Status::Healthy) => {
                    Verdict::passed(format!("healthy after {}", seconds(since.elapsed())))
                }
                Some(Status::Exited(exit)) => Verdict::failed(exited(&exit, since.elapsed())),
                Some(Status::Unhealthy) => Verdict::failed(format!(
                    "unhealthy after {}{}",
                    seconds(since.elapsed()),
                    self.last_probe().await
                )),
                _ => Verdict::failed(format!(
                    "not healthy within {} (still starting){}",
                    seconds(limit),
                    self.last_probe().await
                )),
            }
        } else {
            let grace = STARTUP_GRACE.min(limit);
            let exited_status = status.wait_for(|s| matches!(s, Status::Exited(_)));
            let died = tokio::time::timeout(grace, exited_status).await;
            match died.ok().and_then(Result::ok).map(|s| (*s).clone()) {
                Some(Status::Exited(exit)) => Verdict::failed(exited(&exit, since.elapsed())),
                _ => Verdict::passed(format!(
                    "running after {} (the image has no HEALTHCHECK)",
                    seconds(grace)
                )),
            }
        };
        let ready = verdict.outcome == Outcome::Passed;
        record.add(CheckKind::Startup, "start-up", since, verdict);
        ready
    }

    /// `; last probe exited 1: "..."`, from the daemon's health log.
    async fn last_probe(&self) -> String {
        let info = self
            .docker
            .inspect_container(&self.container_id, None)
            .await
            .ok();
        let probe = info
            .and_then(|i| i.state)
            .and_then(|s| s.health)
            .and_then(|h| h.log)
            .and_then(|log| log.into_iter().last());
        match probe {
            Some(p) => format!(
                "; last probe exited {}: {}",
                p.exit_code.unwrap_or(-1),
                excerpt(p.output.as_deref().unwrap_or_default())
            ),
            None => "; no probe finished".to_owned(),
        }
    }

    /// `smoke.expect.user_not_root`: from the image's USER, and for a user name from
    /// `id -u` in the container when it runs.
    async fn user_check(&self, record: &mut Recorder, running: bool) {
        if !self.plan.smoke.expect.user_not_root {
            return;
        }
        let at = Instant::now();
        let user = self.image.config.user.as_deref();
        let verdict = match image::image_user(user) {
            ImageUser::Root(why) => Verdict::failed(why),
            ImageUser::Uid(uid) => {
                Verdict::passed(format!("USER {} (uid {uid})", user.unwrap_or_default()))
            }
            ImageUser::Name(name) if running => self.uid_of(&name).await,
            ImageUser::Name(name) => Verdict::passed(format!(
                "USER {name} (its uid is unconfirmed: the container is not running)"
            )),
        };
        record.add(CheckKind::UserNotRoot, "user is not root", at, verdict);
    }

    /// Resolves a user name to its uid inside the container; a name that maps to uid 0 is
    /// root all the same.
    async fn uid_of(&self, name: &str) -> Verdict {
        let command = ["id".to_owned(), "-u".to_owned()];
        match exec(&self.docker, &self.container_id, &command, ID_TIMEOUT).await {
            Ok(out) if out.exit_code == 0 => match out.stdout.trim().parse::<u32>() {
                Ok(0) => Verdict::failed(format!("USER {name} is uid 0")),
                Ok(uid) => Verdict::passed(format!("USER {name} (uid {uid})")),
                Err(_) => unconfirmed(name, &format!("`id -u` printed {}", excerpt(&out.stdout))),
            },
            Ok(out) => unconfirmed(
                name,
                &format!("`id -u` exited {}: {}", out.exit_code, excerpt(&out.stderr)),
            ),
            Err(why) => unconfirmed(name, &format!("`id -u` {why}")),
        }
    }

    async fn http_check(
        &self,
        client: &http::HttpClient,
        ports: &[PublishedPort],
        check: &HttpCheck,
        status: &watch::Receiver<Status>,
    ) -> Verdict {
        match ports.iter().find(|p| p.container_port == check.port) {
            Some(port) => http::check(client, port.host_port, check, status).await,
            None => Verdict::failed(format!(
                "port {} is not published (add it to run.ports)",
                check.port
            )),
        }
    }

    async fn exec_check(&self, check: &ExecCheck) -> Verdict {
        let timeout = Duration::from_secs(check.timeout_s);
        match exec(&self.docker, &self.container_id, &check.command, timeout).await {
            Ok(output) => super::exec::evaluate(check, &output),
            Err(why) => Verdict::failed(why),
        }
    }

    fn report(&self, record: Recorder, ports: Vec<PublishedPort>, health: Health) -> TestReport {
        TestReport {
            run_id: self.run_id.clone(),
            image_id: self.image.id.clone(),
            container_id: self.container_id.clone(),
            ports,
            health,
            checks: record.checks,
            duration_ms: self.started.elapsed().as_millis() as u64,
        }
    }
}

/// Keeps the checks in order and tells the caller of each as it finishes.
struct Recorder {
    started: Instant,
    events: mpsc::UnboundedSender<RunEvent>,
    checks: Vec<CheckResult>,
}

impl Recorder {
    fn add(&mut self, kind: CheckKind, name: &str, at: Instant, verdict: Verdict) {
        let result = CheckResult {
            kind,
            name: name.to_owned(),
            outcome: verdict.outcome,
            detail: verdict.detail,
            started_ms: at.duration_since(self.started).as_millis() as u64,
            duration_ms: at.elapsed().as_millis() as u64,
        };
        let _ = self.events.send(RunEvent::Check(result.clone()));
        self.checks.push(result);
    }
}

/// The health a status shows; `None` once the container exited, which hides it.
fn health_of(status: &Status) -> Option<Health> {
    match status {
        Status::Starting => Some(Health::Starting),
        Status::Healthy => Some(Health::Healthy),
        Status::Unhealthy => Some(Health::Unhealthy),
        Status::Running => Some(Health::None),
        Status::Exited(_) => None,
    }
}

fn not_ready() -> Verdict {
    Verdict::skipped("the container did not start properly (see the start-up check)")
}

fn unconfirmed(name: &str, why: &str) -> Verdict {
    Verdict::passed(format!("USER {name} (its uid is unconfirmed: {why})"))
}

/// `exited with code 3 after 0.4 s (out of memory): <daemon error>` and the last output.
fn exited(exit: &ExitInfo, after: Duration) -> String {
    let mut text = format!(
        "the container exited with code {} after {}",
        exit.code,
        seconds(after)
    );
    if exit.oom {
        text.push_str(" (killed: out of memory, see run.memory_mb)");
    }
    if !exit.error.is_empty() {
        text.push_str(": ");
        text.push_str(&exit.error);
    }
    if !exit.output.is_empty() {
        text.push_str("\nlast output:\n");
        text.push_str(&exit.output);
    }
    text
}

fn http_name(check: &HttpCheck) -> String {
    format!("GET {} on port {}", check.path, check.port)
}

fn exec_name(check: &ExecCheck) -> String {
    format!("exec {}", check.command.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exit_says_code_time_oom_error_and_output() {
        let exit = ExitInfo {
            code: 137,
            oom: true,
            error: String::new(),
            output: "allocating\nkilled".into(),
        };
        assert_eq!(
            exited(&exit, Duration::from_millis(2300)),
            "the container exited with code 137 after 2.3 s (killed: out of memory, see \
             run.memory_mb)\nlast output:\nallocating\nkilled"
        );
        let exit = ExitInfo {
            code: 127,
            oom: false,
            error: "exec: \"nope\": not found".into(),
            output: String::new(),
        };
        assert_eq!(
            exited(&exit, Duration::from_millis(100)),
            "the container exited with code 127 after 0.1 s: exec: \"nope\": not found"
        );
    }

    #[test]
    fn check_names_say_what_runs() {
        let http = HttpCheck {
            port: 3000,
            path: "/health".into(),
            expect_status: 200,
            expect_body_contains: None,
            timeout_s: 1,
        };
        assert_eq!(http_name(&http), "GET /health on port 3000");
        let exec = ExecCheck {
            command: vec!["node".into(), "--version".into()],
            expect_exit: 0,
            expect_stdout_contains: None,
            timeout_s: 1,
        };
        assert_eq!(exec_name(&exec), "exec node --version");
    }
}
