//! A build as the history keeps it: the request, the steps as they ran, the image's layers
//! and config, the lint counts and how it ended.

use drydock_engine::build::{BuildSummary, BuilderKind};
use drydock_engine::inspect::{self, ImageConfig};
use drydock_history::{
    BuildArg, BuildError, BuildStatus, Builder, Layer, LintCounts, NewBuild, Step,
};

use super::progress::Progress;
use super::request::BuildRequest;
use super::session::{Outcome, CANCELLED};

/// What the build was and when it ran, besides its events.
pub(crate) struct Ran<'a> {
    pub(crate) request: &'a BuildRequest,
    pub(crate) started_at_ms: i64,
    pub(crate) duration_ms: u64,
    pub(crate) lint: LintCounts,
}

pub(crate) fn new_build(ran: &Ran, progress: &Progress, outcome: &Outcome) -> NewBuild {
    let request = ran.request;
    let options = &request.options;
    let steps = steps(progress);
    let mut build = NewBuild {
        project_path: request.project_path.clone(),
        project_name: request.project_name.clone(),
        dockerfile_path: request.dockerfile_key.clone(),
        dockerfile_text: request.dockerfile_text.clone(),
        build_args: options
            .build_args
            .iter()
            .map(|(name, value)| BuildArg {
                name: name.clone(),
                value: value.clone(),
            })
            .collect(),
        tag: options.tag.clone(),
        target: options.target.clone(),
        platform: options.platform.clone(),
        builder: match progress.builder {
            Some(BuilderKind::Classic) => Builder::Classic,
            Some(BuilderKind::BuildKit) | None => Builder::BuildKit,
        },
        started_at_ms: ran.started_at_ms,
        duration_ms: ran.duration_ms,
        status: BuildStatus::Succeeded,
        error: None,
        image_id: None,
        size_bytes: None,
        lint: ran.lint,
        image_config: None,
        steps: Vec::new(),
        layers: Vec::new(),
    };
    match outcome {
        Outcome::Built(summary) => built(&mut build, summary),
        Outcome::Failed(failure) => {
            build.status = BuildStatus::Failed;
            build.error = Some(BuildError {
                message: failure.message.clone(),
                step: failure.step.and_then(|index| position(&steps, index)),
                line: failure.line,
            });
        }
        Outcome::Cancelled => {
            let running = progress.first_unfinished();
            build.status = BuildStatus::Cancelled;
            build.error = Some(BuildError {
                message: CANCELLED.to_owned(),
                step: running.and_then(|step| position(&steps, step.index)),
                line: running.and_then(|step| step.line),
            });
        }
    }
    build.steps = steps.into_iter().map(|(_, step)| step).collect();
    build
}

fn built(build: &mut NewBuild, summary: &BuildSummary) {
    build.duration_ms = summary.duration_ms;
    build.image_id = Some(summary.image_id.clone());
    build.size_bytes = Some(summary.size_bytes);
    build.image_config = Some(image_config(&summary.config));
    build.layers = summary
        .layers
        .iter()
        .map(|layer| Layer {
            digest: layer.digest.clone(),
            size_bytes: layer.size_bytes,
            created_by: layer.created_by.clone(),
        })
        .collect();
}

/// Every step that started, by index; one that did not finish (it failed, or the build
/// stopped) counts its time until the end of the build.
fn steps(progress: &Progress) -> Vec<(usize, Step)> {
    progress
        .steps
        .values()
        .map(|step| {
            let step_record = Step {
                instruction: step.instruction.clone(),
                line: step.line,
                cached: step.finished.is_some_and(|f| f.cached),
                duration_ms: step.finished.map_or_else(
                    || step.started.elapsed().as_millis() as u64,
                    |f| f.duration_ms,
                ),
                size_bytes: step.size_bytes.unwrap_or(0),
            };
            (step.index, step_record)
        })
        .collect()
}

/// Where the step with this index is in the recorded steps.
fn position(steps: &[(usize, Step)], index: usize) -> Option<u32> {
    steps
        .iter()
        .position(|(i, _)| *i == index)
        .and_then(|p| u32::try_from(p).ok())
}

fn image_config(config: &ImageConfig) -> drydock_history::ImageConfig {
    drydock_history::ImageConfig {
        user: config.user.clone(),
        workdir: config.workdir.clone(),
        entrypoint: config.entrypoint.clone(),
        cmd: config.cmd.clone(),
        env: config.env.iter().map(|(k, v)| format!("{k}={v}")).collect(),
        exposed_ports: config.exposed_ports.clone(),
        labels: config.labels.clone(),
        healthcheck: config.healthcheck.as_ref().map(|check| match check {
            inspect::Healthcheck::Disabled => drydock_history::Healthcheck {
                // As Docker stores `HEALTHCHECK NONE`.
                test: vec!["NONE".to_owned()],
                ..drydock_history::Healthcheck::default()
            },
            inspect::Healthcheck::Check {
                test,
                interval_ms,
                timeout_ms,
                start_period_ms,
                retries,
                ..
            } => drydock_history::Healthcheck {
                test: test.clone(),
                interval_ms: *interval_ms,
                timeout_ms: *timeout_ms,
                start_period_ms: *start_period_ms,
                retries: *retries,
            },
        }),
    }
}
