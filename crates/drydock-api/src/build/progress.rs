//! A build as its events have told it so far: the steps, running or finished, with their
//! latest output. Every view of a build (the CLI's, the app's) and its history record read it.

use std::collections::{BTreeMap, VecDeque};
use std::time::Instant;

use drydock_engine::build::{BuildEvent, BuildSummary, BuilderKind};

/// Output lines kept per step: enough to show why a step failed.
const KEPT_LOG_LINES: usize = 40;

#[derive(Default)]
pub struct Progress {
    pub builder: Option<BuilderKind>,
    /// How many steps the builder will report.
    pub total: usize,
    /// By index, 1-based.
    pub steps: BTreeMap<usize, Step>,
}

pub struct Step {
    pub index: usize,
    pub instruction: String,
    pub line: Option<u32>,
    pub started: Instant,
    pub finished: Option<Finished>,
    /// The layer the step added to the final image; known once the image is inspected.
    pub size_bytes: Option<u64>,
    /// The latest output lines.
    pub log: VecDeque<String>,
}

#[derive(Clone, Copy)]
pub struct Finished {
    pub cached: bool,
    pub duration_ms: u64,
}

impl Progress {
    pub fn apply(&mut self, event: &BuildEvent) {
        match event {
            BuildEvent::Started {
                builder,
                total_steps,
            } => {
                self.builder = Some(*builder);
                self.total = *total_steps;
            }
            BuildEvent::StepStarted {
                index,
                total,
                instruction,
                line,
                ..
            } => {
                self.total = self.total.max(*total);
                self.steps.insert(
                    *index,
                    Step {
                        index: *index,
                        instruction: instruction.clone(),
                        line: *line,
                        started: Instant::now(),
                        finished: None,
                        size_bytes: None,
                        log: VecDeque::new(),
                    },
                );
            }
            BuildEvent::StepLog { index, text } => {
                if let Some(step) = self.steps.get_mut(index) {
                    if step.log.len() == KEPT_LOG_LINES {
                        step.log.pop_front();
                    }
                    step.log.push_back(text.clone());
                }
            }
            BuildEvent::StepFinished {
                index,
                cached,
                duration_ms,
            } => {
                if let Some(step) = self.steps.get_mut(index) {
                    step.finished = Some(Finished {
                        cached: *cached,
                        duration_ms: *duration_ms,
                    });
                }
            }
            BuildEvent::Log { .. }
            | BuildEvent::Finished(_)
            | BuildEvent::Failed(_)
            | BuildEvent::Cancelled => {}
        }
    }

    /// Takes the layer sizes (and the final word on each step) from the finished build.
    pub fn complete(&mut self, summary: &BuildSummary) {
        for done in &summary.steps {
            if let Some(step) = self.steps.get_mut(&done.index) {
                step.finished = Some(Finished {
                    cached: done.cached,
                    duration_ms: done.duration_ms,
                });
                step.size_bytes = done.size_bytes;
            }
        }
    }

    pub fn finished(&self) -> impl Iterator<Item = (&Step, Finished)> {
        self.steps
            .values()
            .filter_map(|step| Some((step, step.finished?)))
    }

    /// The step that was running when the build stopped: the first one without an end.
    pub fn first_unfinished(&self) -> Option<&Step> {
        self.steps.values().find(|step| step.finished.is_none())
    }
}
