//! What a test run reports: live events while it runs, and the [`TestReport`] at the end.
//! Texts are masked before they leave the engine, as a build's are.

use drydock_mask::Masker;

use crate::build::masked;

/// A container port and the 127.0.0.1 port the daemon published it on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublishedPort {
    pub container_port: u16,
    pub host_port: u16,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RunEvent {
    /// The container started.
    Starting {
        run_id: String,
        container_id: String,
        ports: Vec<PublishedPort>,
    },
    /// One run of the image's HEALTHCHECK command.
    ProbeResult {
        exit_code: i64,
        output: String,
    },
    Healthy,
    /// The daemon gave up on the container after `failing_streak` failed probes in a row.
    Unhealthy {
        failing_streak: i64,
    },
    /// The container's main process ended.
    Exited {
        code: i64,
        oom: bool,
    },
    /// A check finished.
    Check(CheckResult),
    /// The caller cancelled the run; the container is being removed.
    Cancelled,
}

impl RunEvent {
    /// The event with its texts masked (outputs can echo the project's env values).
    pub(crate) fn masked(self, masker: &Masker) -> RunEvent {
        match self {
            RunEvent::ProbeResult { exit_code, output } => RunEvent::ProbeResult {
                exit_code,
                output: masked(masker, output),
            },
            RunEvent::Check(check) => RunEvent::Check(check.masked(masker)),
            other => other,
        }
    }
}

/// Receives a test run's events. A closure `FnMut(RunEvent) + Send` is a sink. `Send`, as a
/// build's sink.
pub trait RunSink: Send {
    fn event(&mut self, event: RunEvent);
}

impl<F: FnMut(RunEvent) + Send> RunSink for F {
    fn event(&mut self, event: RunEvent) {
        self(event)
    }
}

/// A finished test run. The container is gone by the time the caller gets this.
#[derive(Debug, Clone, PartialEq)]
pub struct TestReport {
    /// The value of the `dev.drydock.run` label on everything the run created.
    pub run_id: String,
    /// `sha256:...` of the image tested.
    pub image_id: String,
    pub container_id: String,
    pub ports: Vec<PublishedPort>,
    /// The container's health when the checks ended (or when it exited).
    pub health: Health,
    /// In the order they ran.
    pub checks: Vec<CheckResult>,
    pub duration_ms: u64,
}

impl TestReport {
    /// No check failed.
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|c| c.outcome != Outcome::Failed)
    }

    pub fn failed_checks(&self) -> impl Iterator<Item = &CheckResult> {
        self.checks.iter().filter(|c| c.outcome == Outcome::Failed)
    }

    /// The first check of a kind, e.g. the start-up.
    pub fn check(&self, kind: CheckKind) -> Option<&CheckResult> {
        self.checks.iter().find(|c| c.kind == kind)
    }

    pub(crate) fn masked(mut self, masker: &Masker) -> TestReport {
        self.checks = self.checks.into_iter().map(|c| c.masked(masker)).collect();
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    pub kind: CheckKind,
    /// What was checked, e.g. `GET /health on port 3000` or `exec node --version`.
    pub name: String,
    pub outcome: Outcome,
    /// What was seen: a measurement when it passed, the difference when it failed, why when
    /// it was skipped.
    pub detail: String,
    /// Milliseconds since the run started.
    pub started_ms: u64,
    pub duration_ms: u64,
}

/// A container's health status, as the daemon reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    /// The image has no HEALTHCHECK.
    None,
    Starting,
    Healthy,
    Unhealthy,
}

impl Health {
    /// The daemon's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Health::None => "none",
            Health::Starting => "starting",
            Health::Healthy => "healthy",
            Health::Unhealthy => "unhealthy",
        }
    }
}

impl CheckResult {
    fn masked(self, masker: &Masker) -> CheckResult {
        CheckResult {
            name: masked(masker, self.name),
            detail: masked(masker, self.detail),
            ..self
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    /// `budget.max_size_mb`.
    ImageSize,
    /// `budget.max_build_seconds`.
    BuildTime,
    /// `smoke.expect.healthcheck = "healthy"` or `"none"`: the image has, or lacks, a
    /// HEALTHCHECK.
    Healthcheck,
    /// `smoke.expect.exposed_ports`.
    ExposedPorts,
    /// The container starts and becomes ready: healthy when the image has a HEALTHCHECK,
    /// still running after a short grace period otherwise.
    Startup,
    /// `smoke.expect.user_not_root`.
    UserNotRoot,
    /// `[[smoke.http]]`.
    Http,
    /// `[[smoke.exec]]`.
    Exec,
    /// The container is still running after the smoke checks.
    StillRunning,
}

impl CheckKind {
    /// A stable lower-case name, for records and JSON (`image_size`, `http`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::ImageSize => "image_size",
            CheckKind::BuildTime => "build_time",
            CheckKind::Healthcheck => "healthcheck",
            CheckKind::ExposedPorts => "exposed_ports",
            CheckKind::Startup => "startup",
            CheckKind::UserNotRoot => "user_not_root",
            CheckKind::Http => "http",
            CheckKind::Exec => "exec",
            CheckKind::StillRunning => "still_running",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed,
    Skipped,
}

impl Outcome {
    /// `passed`, `failed` or `skipped`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Passed => "passed",
            Outcome::Failed => "failed",
            Outcome::Skipped => "skipped",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_and_checks_are_masked() {
        let masker = Masker::for_build_args([("DB_PASSWORD", "hunter2-hunter2")]);
        let probe = RunEvent::ProbeResult {
            exit_code: 1,
            output: "cannot log in with hunter2-hunter2".into(),
        };
        assert_eq!(
            probe.masked(&masker),
            RunEvent::ProbeResult {
                exit_code: 1,
                output: "cannot log in with ***".into()
            }
        );
        let check = CheckResult {
            kind: CheckKind::Exec,
            name: "exec env DB_PASSWORD=hunter2-hunter2".into(),
            outcome: Outcome::Failed,
            detail: "stdout: \"DB_PASSWORD=hunter2-hunter2\"".into(),
            started_ms: 1,
            duration_ms: 2,
        };
        let masked = check.masked(&masker);
        assert_eq!(masked.name, "exec env DB_PASSWORD=***");
        assert!(masked.detail.starts_with("stdout: \"DB_PASSWORD=***"));
        assert!(!masked.detail.contains("hunter2"));
        assert_eq!(RunEvent::Healthy.masked(&masker), RunEvent::Healthy);
    }

    #[test]
    fn names_are_distinct_lower_case_words() {
        use CheckKind::*;
        let kinds = [
            ImageSize,
            BuildTime,
            Healthcheck,
            ExposedPorts,
            Startup,
            UserNotRoot,
            Http,
            Exec,
            StillRunning,
        ];
        let mut names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
        assert!(names
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_')));
        names.sort();
        names.dedup();
        assert_eq!(names.len(), kinds.len());
        assert_eq!(Health::Unhealthy.as_str(), "unhealthy");
        assert_eq!(Outcome::Skipped.as_str(), "skipped");
    }
}
