//! A build as the app sees it: the engine's events as IPC updates, and how the build ended.

use drydock_engine::build::{BuildEvent, BuildFailure, BuildSummary, BuilderKind, StepSummary};
use drydock_engine::inspect::Layer;
use serde::Serialize;
use ts_rs::TS;

use super::session::{Built, Outcome, CANCELLED};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Builder {
    BuildKit,
    Classic,
}

/// One step of a finished build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StepView {
    pub index: usize,
    pub instruction: String,
    pub line: Option<u32>,
    pub stage: Option<String>,
    pub cached: bool,
    /// Milliseconds since the build started.
    pub start_ms: u64,
    pub duration_ms: u64,
    /// The layer the step added to the final image, when it is in it.
    pub size_bytes: Option<u64>,
}

/// One layer of an image, base first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LayerView {
    pub digest: Option<String>,
    pub size_bytes: u64,
    pub created_by: String,
}

/// What a running build reports; texts are masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum BuildUpdate {
    Started {
        builder: Builder,
        total_steps: usize,
    },
    StepStarted {
        index: usize,
        total: usize,
        instruction: String,
        line: Option<u32>,
        stage: Option<String>,
        at_ms: u64,
    },
    StepLog {
        index: usize,
        text: String,
    },
    StepFinished {
        index: usize,
        cached: bool,
        duration_ms: u64,
    },
    Log {
        text: String,
    },
    Finished {
        image_id: String,
        tag: Option<String>,
        size_bytes: u64,
        layers: Vec<LayerView>,
        steps: Vec<StepView>,
        cache_hits: usize,
        duration_ms: u64,
    },
    Failed {
        step: Option<usize>,
        line: Option<u32>,
        instruction: Option<String>,
        message: String,
    },
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BuildStatus {
    Succeeded,
    Failed,
    Cancelled,
}

/// How a build ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BuildOutcome {
    pub status: BuildStatus,
    /// The build's id in the history; `None` when it was not recorded.
    pub build_id: Option<i64>,
    pub image_id: Option<String>,
    /// Why it failed or stopped.
    pub message: Option<String>,
    /// The Dockerfile line of the step that failed.
    pub line: Option<u32>,
}

impl From<BuildEvent> for BuildUpdate {
    fn from(event: BuildEvent) -> BuildUpdate {
        match event {
            BuildEvent::Started {
                builder,
                total_steps,
            } => BuildUpdate::Started {
                builder: match builder {
                    BuilderKind::BuildKit => Builder::BuildKit,
                    BuilderKind::Classic => Builder::Classic,
                },
                total_steps,
            },
            BuildEvent::StepStarted {
                index,
                total,
                instruction,
                line,
                stage,
                at_ms,
            } => BuildUpdate::StepStarted {
                index,
                total,
                instruction,
                line,
                stage,
                at_ms,
            },
            BuildEvent::StepLog { index, text } => BuildUpdate::StepLog { index, text },
            BuildEvent::StepFinished {
                index,
                cached,
                duration_ms,
            } => BuildUpdate::StepFinished {
                index,
                cached,
                duration_ms,
            },
            BuildEvent::Log { text } => BuildUpdate::Log { text },
            BuildEvent::Finished(summary) => finished(&summary),
            BuildEvent::Failed(failure) => failed(failure),
            BuildEvent::Cancelled => BuildUpdate::Cancelled,
        }
    }
}

fn finished(summary: &BuildSummary) -> BuildUpdate {
    BuildUpdate::Finished {
        image_id: summary.image_id.clone(),
        tag: summary.tag.clone(),
        size_bytes: summary.size_bytes,
        layers: summary.layers.iter().map(LayerView::from).collect(),
        steps: summary.steps.iter().map(StepView::from).collect(),
        cache_hits: summary.cache_hits,
        duration_ms: summary.duration_ms,
    }
}

fn failed(failure: BuildFailure) -> BuildUpdate {
    BuildUpdate::Failed {
        step: failure.step,
        line: failure.line,
        instruction: failure.instruction,
        message: failure.message,
    }
}

impl From<&StepSummary> for StepView {
    fn from(step: &StepSummary) -> StepView {
        StepView {
            index: step.index,
            instruction: step.instruction.clone(),
            line: step.line,
            stage: step.stage.clone(),
            cached: step.cached,
            start_ms: step.start_ms,
            duration_ms: step.duration_ms,
            size_bytes: step.size_bytes,
        }
    }
}

impl From<&Layer> for LayerView {
    fn from(layer: &Layer) -> LayerView {
        LayerView {
            digest: layer.digest.clone(),
            size_bytes: layer.size_bytes,
            created_by: layer.created_by.clone(),
        }
    }
}

impl From<&drydock_history::Layer> for LayerView {
    fn from(layer: &drydock_history::Layer) -> LayerView {
        LayerView {
            digest: layer.digest.clone(),
            size_bytes: layer.size_bytes,
            created_by: layer.created_by.clone(),
        }
    }
}

impl From<drydock_history::BuildStatus> for BuildStatus {
    fn from(status: drydock_history::BuildStatus) -> BuildStatus {
        match status {
            drydock_history::BuildStatus::Succeeded => BuildStatus::Succeeded,
            drydock_history::BuildStatus::Failed => BuildStatus::Failed,
            drydock_history::BuildStatus::Cancelled => BuildStatus::Cancelled,
        }
    }
}

impl BuildOutcome {
    pub fn of(built: &Built) -> BuildOutcome {
        let build_id = built.recorded.as_ref().ok().map(|(_, id)| id.0);
        match &built.outcome {
            Outcome::Built(summary) => BuildOutcome {
                status: BuildStatus::Succeeded,
                build_id,
                image_id: Some(summary.image_id.clone()),
                message: None,
                line: None,
            },
            Outcome::Failed(failure) => BuildOutcome {
                status: BuildStatus::Failed,
                build_id,
                image_id: None,
                message: Some(failure.message.clone()),
                line: failure.line,
            },
            Outcome::Cancelled => BuildOutcome {
                status: BuildStatus::Cancelled,
                build_id,
                image_id: None,
                message: Some(CANCELLED.to_owned()),
                line: None,
            },
        }
    }

    /// A build that never reached the builder, and so was not recorded.
    pub(crate) fn not_started(message: String) -> BuildOutcome {
        BuildOutcome {
            status: BuildStatus::Failed,
            build_id: None,
            image_id: None,
            message: Some(message),
            line: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use drydock_engine::inspect::ImageConfig;
    use serde_json::json;

    fn json_of(event: BuildEvent) -> serde_json::Value {
        serde_json::to_value(BuildUpdate::from(event)).unwrap()
    }

    #[test]
    fn events_become_updates_tagged_by_kind_with_camel_case_fields() {
        assert_eq!(
            json_of(BuildEvent::Started {
                builder: BuilderKind::BuildKit,
                total_steps: 4
            }),
            json!({"kind": "started", "builder": "buildKit", "totalSteps": 4})
        );
        assert_eq!(
            json_of(BuildEvent::StepStarted {
                index: 2,
                total: 4,
                instruction: "RUN make".into(),
                line: Some(3),
                stage: None,
                at_ms: 120,
            }),
            json!({"kind": "stepStarted", "index": 2, "total": 4, "instruction": "RUN make",
                   "line": 3, "stage": null, "atMs": 120})
        );
        assert_eq!(
            json_of(BuildEvent::StepFinished {
                index: 2,
                cached: true,
                duration_ms: 5
            }),
            json!({"kind": "stepFinished", "index": 2, "cached": true, "durationMs": 5})
        );
        assert_eq!(
            json_of(BuildEvent::Failed(BuildFailure {
                step: Some(2),
                line: Some(3),
                instruction: Some("RUN make".into()),
                message: "exit code: 2".into(),
            })),
            json!({"kind": "failed", "step": 2, "line": 3, "instruction": "RUN make",
                   "message": "exit code: 2"})
        );
        assert_eq!(json_of(BuildEvent::Cancelled), json!({"kind": "cancelled"}));
    }

    #[test]
    fn a_finished_build_carries_its_steps_and_layers() {
        let summary = BuildSummary {
            image_id: "sha256:abc".into(),
            tag: Some("app:dev".into()),
            builder: BuilderKind::Classic,
            size_bytes: 1_234,
            layers: vec![Layer {
                digest: Some("sha256:layer".into()),
                instruction: "COPY . /app".into(),
                created_by: "COPY . /app # buildkit".into(),
                size_bytes: 1_000,
            }],
            steps: vec![StepSummary {
                index: 1,
                instruction: "FROM busybox".into(),
                line: Some(1),
                stage: None,
                cached: true,
                start_ms: 0,
                duration_ms: 3,
                size_bytes: None,
            }],
            cache_hits: 1,
            config: ImageConfig::default(),
            duration_ms: 900,
        };
        let BuildUpdate::Finished {
            image_id,
            tag,
            layers,
            steps,
            cache_hits,
            ..
        } = BuildUpdate::from(BuildEvent::Finished(Box::new(summary)))
        else {
            panic!("a finished event is a finished update");
        };
        assert_eq!(
            (image_id.as_str(), tag.as_deref()),
            ("sha256:abc", Some("app:dev"))
        );
        assert_eq!(
            layers,
            [LayerView {
                digest: Some("sha256:layer".into()),
                size_bytes: 1_000,
                created_by: "COPY . /app # buildkit".into(),
            }]
        );
        assert_eq!(steps.len(), 1);
        assert!(steps[0].cached);
        assert_eq!(cache_hits, 1);
    }
}
