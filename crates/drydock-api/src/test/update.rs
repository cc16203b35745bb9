//! A test run as the app sees it: the build's updates, then the run's events as IPC updates,
//! and how the whole test ended.

use drydock_engine::run::{self, CheckResult, PublishedPort, RunEvent};
use serde::Serialize;
use ts_rs::TS;

use crate::build::{BuildOutcome, BuildUpdate};

/// A container's health.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Health {
    /// The image has no HEALTHCHECK.
    None,
    Starting,
    Healthy,
    Unhealthy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CheckOutcome {
    Passed,
    Failed,
    Skipped,
}

/// One check of a test run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckView {
    /// `image_size`, `build_time`, `healthcheck`, `exposed_ports`, `startup`,
    /// `user_not_root`, `http`, `exec` or `still_running`.
    pub kind: String,
    pub name: String,
    pub outcome: CheckOutcome,
    /// What was seen, the difference when it failed, or why it was skipped.
    pub detail: String,
    pub duration_ms: u64,
}

/// What a running test reports; texts are masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum TestUpdate {
    /// The image's build.
    Build {
        update: BuildUpdate,
    },
    /// `ports`: `127.0.0.1:<host port>-><container port>/tcp`.
    ContainerStarted {
        container_id: String,
        ports: Vec<String>,
    },
    /// One run of the image's HEALTHCHECK command.
    Probe {
        exit_code: i64,
        output: String,
    },
    Health {
        health: Health,
    },
    Exited {
        code: i64,
        oom: bool,
    },
    Check {
        check: CheckView,
    },
    Cancelled,
}

/// How a test ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TestOutcome {
    pub build: BuildOutcome,
    /// The image was built and every check passed.
    pub passed: bool,
    /// The container's health when the checks ended; `None` when no container ran.
    pub health: Option<Health>,
    pub checks: Vec<CheckView>,
    /// Why the test did not pass.
    pub message: Option<String>,
}

impl TestUpdate {
    /// The updates an event of the run makes: a container of an image with a HEALTHCHECK
    /// is `starting` as soon as it runs.
    pub fn of(event: RunEvent, has_healthcheck: bool) -> Vec<TestUpdate> {
        match event {
            RunEvent::Starting {
                container_id,
                ports,
                ..
            } => {
                let mut updates = vec![TestUpdate::ContainerStarted {
                    container_id,
                    ports: ports.iter().map(port).collect(),
                }];
                if has_healthcheck {
                    updates.push(TestUpdate::Health {
                        health: Health::Starting,
                    });
                }
                updates
            }
            RunEvent::ProbeResult { exit_code, output } => {
                vec![TestUpdate::Probe { exit_code, output }]
            }
            RunEvent::Healthy => vec![TestUpdate::Health {
                health: Health::Healthy,
            }],
            RunEvent::Unhealthy { .. } => vec![TestUpdate::Health {
                health: Health::Unhealthy,
            }],
            RunEvent::Exited { code, oom } => vec![TestUpdate::Exited { code, oom }],
            RunEvent::Check(check) => vec![TestUpdate::Check {
                check: CheckView::from(&check),
            }],
            RunEvent::Cancelled => vec![TestUpdate::Cancelled],
        }
    }
}

fn port(port: &PublishedPort) -> String {
    format!("127.0.0.1:{}->{}/tcp", port.host_port, port.container_port)
}

impl From<&CheckResult> for CheckView {
    fn from(check: &CheckResult) -> CheckView {
        CheckView {
            kind: check.kind.as_str().to_owned(),
            name: check.name.clone(),
            outcome: match check.outcome {
                run::Outcome::Passed => CheckOutcome::Passed,
                run::Outcome::Failed => CheckOutcome::Failed,
                run::Outcome::Skipped => CheckOutcome::Skipped,
            },
            detail: check.detail.clone(),
            duration_ms: check.duration_ms,
        }
    }
}

impl From<run::Health> for Health {
    fn from(health: run::Health) -> Health {
        match health {
            run::Health::None => Health::None,
            run::Health::Starting => Health::Starting,
            run::Health::Healthy => Health::Healthy,
            run::Health::Unhealthy => Health::Unhealthy,
        }
    }
}

impl From<drydock_history::Health> for Health {
    fn from(health: drydock_history::Health) -> Health {
        match health {
            drydock_history::Health::None => Health::None,
            drydock_history::Health::Starting => Health::Starting,
            drydock_history::Health::Healthy => Health::Healthy,
            drydock_history::Health::Unhealthy => Health::Unhealthy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use drydock_engine::run::CheckKind;
    use serde_json::json;

    fn starting() -> RunEvent {
        RunEvent::Starting {
            run_id: "run".into(),
            container_id: "c0ffee".into(),
            ports: vec![PublishedPort {
                container_port: 8080,
                host_port: 49_153,
            }],
        }
    }

    #[test]
    fn a_container_with_a_healthcheck_starts_as_starting() {
        let started = TestUpdate::ContainerStarted {
            container_id: "c0ffee".into(),
            ports: vec!["127.0.0.1:49153->8080/tcp".into()],
        };
        assert_eq!(
            TestUpdate::of(starting(), true),
            [
                started.clone(),
                TestUpdate::Health {
                    health: Health::Starting
                }
            ]
        );
        assert_eq!(TestUpdate::of(starting(), false), [started]);
    }

    #[test]
    fn health_probes_and_checks_become_updates() {
        assert_eq!(
            serde_json::to_value(TestUpdate::of(RunEvent::Healthy, true)).unwrap(),
            json!([{"kind": "health", "health": "healthy"}])
        );
        assert_eq!(
            TestUpdate::of(RunEvent::Unhealthy { failing_streak: 3 }, true),
            [TestUpdate::Health {
                health: Health::Unhealthy
            }]
        );
        assert_eq!(
            serde_json::to_value(TestUpdate::of(
                RunEvent::ProbeResult {
                    exit_code: 1,
                    output: "refused".into()
                },
                true
            ))
            .unwrap(),
            json!([{"kind": "probe", "exitCode": 1, "output": "refused"}])
        );
        let check = CheckResult {
            kind: CheckKind::UserNotRoot,
            name: "runs as a user other than root".into(),
            outcome: run::Outcome::Skipped,
            detail: "the container did not start".into(),
            started_ms: 10,
            duration_ms: 0,
        };
        assert_eq!(
            serde_json::to_value(TestUpdate::of(RunEvent::Check(check), false)).unwrap(),
            json!([{"kind": "check", "check": {"kind": "user_not_root",
                    "name": "runs as a user other than root", "outcome": "skipped",
                    "detail": "the container did not start", "durationMs": 0}}])
        );
        assert_eq!(
            TestUpdate::of(
                RunEvent::Exited {
                    code: 137,
                    oom: true
                },
                false
            ),
            [TestUpdate::Exited {
                code: 137,
                oom: true
            }]
        );
        assert_eq!(
            TestUpdate::of(RunEvent::Cancelled, false),
            [TestUpdate::Cancelled]
        );
    }

    #[test]
    fn a_build_update_nests_inside_a_test_update() {
        let update = TestUpdate::Build {
            update: BuildUpdate::Log {
                text: "sending context".into(),
            },
        };
        assert_eq!(
            serde_json::to_value(update).unwrap(),
            json!({"kind": "build", "update": {"kind": "log", "text": "sending context"}})
        );
    }
}
