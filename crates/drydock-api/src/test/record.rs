//! A test run as the history keeps it.

use drydock_engine::run::{self, Outcome, TestReport};
use drydock_history::{BuildId, Check, Health, History, TestRun, TestRunId};

pub(crate) fn record(
    history: &mut History,
    build: BuildId,
    report: &TestReport,
    started_at_ms: i64,
) -> drydock_history::Result<TestRunId> {
    history.record_test_run(build, &test_run(report, started_at_ms))
}

fn test_run(report: &TestReport, started_at_ms: i64) -> TestRun {
    TestRun {
        started_at_ms,
        duration_ms: report.duration_ms,
        passed: report.passed(),
        health: match report.health {
            run::Health::None => Health::None,
            run::Health::Starting => Health::Starting,
            run::Health::Healthy => Health::Healthy,
            run::Health::Unhealthy => Health::Unhealthy,
        },
        checks: report
            .checks
            .iter()
            .map(|check| Check {
                name: check.name.clone(),
                kind: check.kind.as_str().to_owned(),
                passed: check.outcome == Outcome::Passed,
                duration_ms: check.duration_ms,
                // The history keeps passed or not: a skipped check says so in its detail.
                detail: match check.outcome {
                    Outcome::Skipped => format!("skipped: {}", check.detail),
                    Outcome::Passed | Outcome::Failed => check.detail.clone(),
                },
            })
            .collect(),
    }
}
