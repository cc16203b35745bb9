//! `--json` for a test run: lines for the health, each probe, the container's exit and each
//! check as they come, then a final `test` line. The build's lines come before them; the
//! fields are documented in the README.

use drydock_api::test::RunWatcher;
use drydock_engine::run::{CheckResult, Outcome, RunEvent, TestReport};
use serde::Serialize;

use super::view::TestView;
use crate::build::emit;

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Line<'a> {
    Health {
        status: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        failing_streak: Option<i64>,
    },
    Probe {
        exit_code: i64,
        output: &'a str,
    },
    Exited {
        code: i64,
        oom: bool,
    },
    Check {
        name: &'a str,
        kind: &'static str,
        passed: bool,
        outcome: &'static str,
        duration_ms: u64,
        detail: &'a str,
    },
    Test {
        passed: bool,
        health: &'static str,
        duration_ms: u64,
        checks: Counts,
    },
}

#[derive(Serialize)]
struct Counts {
    passed: usize,
    failed: usize,
    skipped: usize,
}

pub(crate) struct JsonView {
    /// The image has a HEALTHCHECK, so a started container is starting to become healthy.
    pub(crate) has_healthcheck: bool,
}

impl RunWatcher for JsonView {
    fn event(&mut self, event: &RunEvent) {
        let line = match event {
            RunEvent::Starting { .. } if self.has_healthcheck => Line::Health {
                status: "starting",
                failing_streak: None,
            },
            RunEvent::ProbeResult { exit_code, output } => Line::Probe {
                exit_code: *exit_code,
                output,
            },
            RunEvent::Healthy => Line::Health {
                status: "healthy",
                failing_streak: None,
            },
            RunEvent::Unhealthy { failing_streak } => Line::Health {
                status: "unhealthy",
                failing_streak: Some(*failing_streak),
            },
            RunEvent::Exited { code, oom } => Line::Exited {
                code: *code,
                oom: *oom,
            },
            RunEvent::Check(check) => check_line(check),
            RunEvent::Starting { .. } | RunEvent::Cancelled => return,
        };
        emit(&line);
    }
}

impl TestView for JsonView {
    fn finish(&mut self, report: &TestReport) {
        let count = |outcome| {
            report
                .checks
                .iter()
                .filter(|c| c.outcome == outcome)
                .count()
        };
        emit(&Line::Test {
            passed: report.passed(),
            health: report.health.as_str(),
            duration_ms: report.duration_ms,
            checks: Counts {
                passed: count(Outcome::Passed),
                failed: count(Outcome::Failed),
                skipped: count(Outcome::Skipped),
            },
        });
    }
}

fn check_line(check: &CheckResult) -> Line<'_> {
    Line::Check {
        name: &check.name,
        kind: check.kind.as_str(),
        passed: check.outcome == Outcome::Passed,
        outcome: check.outcome.as_str(),
        duration_ms: check.duration_ms,
        detail: &check.detail,
    }
}
