//! What a build reports while it runs: one stream of typed events for both builders. Times
//! are milliseconds since the build request was sent.

use crate::inspect::{ImageConfig, Layer};
use drydock_mask::Masker;

use super::masked;

/// Which builder ran the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuilderKind {
    BuildKit,
    Classic,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BuildEvent {
    /// The request was sent; `total_steps` is how many steps the builder will report.
    Started {
        builder: BuilderKind,
        total_steps: usize,
    },
    StepStarted {
        /// 1-based, in Dockerfile order.
        index: usize,
        total: usize,
        /// The instruction as written in the Dockerfile, on one line.
        instruction: String,
        /// 1-based line of the instruction in the Dockerfile, when the step was mapped to it.
        line: Option<u32>,
        /// The stage's name, else `stage-<index>`; `None` in a single-stage Dockerfile and
        /// for `ARG`s before the first `FROM`.
        stage: Option<String>,
        at_ms: u64,
    },
    /// One line of a step's output, without its line break.
    StepLog {
        index: usize,
        text: String,
    },
    StepFinished {
        index: usize,
        /// The builder reused a cached result. `FROM` and `ARG`s before the first `FROM`
        /// execute nothing and count as cached unless the build ignores the cache.
        cached: bool,
        duration_ms: u64,
    },
    /// A line that belongs to no step: context upload, internal BuildKit work, warnings.
    Log {
        text: String,
    },
    /// Boxed: a summary is much larger than the other events.
    Finished(Box<BuildSummary>),
    Failed(BuildFailure),
    /// The caller cancelled the build; the daemon was told to stop.
    Cancelled,
}

/// A finished build.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildSummary {
    /// `sha256:...`.
    pub image_id: String,
    pub tag: Option<String>,
    pub builder: BuilderKind,
    /// The image's total size.
    pub size_bytes: u64,
    /// The image's layers, oldest first, with the instruction that created each.
    pub layers: Vec<Layer>,
    /// Every step the builder reported, in Dockerfile order.
    pub steps: Vec<StepSummary>,
    pub cache_hits: usize,
    /// The configuration a container of the image starts with.
    pub config: ImageConfig,
    pub duration_ms: u64,
}

/// One step of a finished build.
#[derive(Debug, Clone, PartialEq)]
pub struct StepSummary {
    pub index: usize,
    pub instruction: String,
    pub line: Option<u32>,
    pub stage: Option<String>,
    pub cached: bool,
    pub start_ms: u64,
    pub duration_ms: u64,
    /// Bytes of the layer the step added to the final image; `None` for steps whose result
    /// is not in the final image (other stages) or that added no layer entry.
    pub size_bytes: Option<u64>,
}

/// A failed build: the step that failed and where it is in the Dockerfile, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildFailure {
    pub step: Option<usize>,
    pub line: Option<u32>,
    pub instruction: Option<String>,
    pub message: String,
}

impl BuildEvent {
    /// The event with every text field passed through the masker.
    pub(crate) fn masked(self, masker: &Masker) -> BuildEvent {
        let m = |text: String| masked(masker, text);
        match self {
            BuildEvent::StepStarted {
                index,
                total,
                instruction,
                line,
                stage,
                at_ms,
            } => BuildEvent::StepStarted {
                index,
                total,
                instruction: m(instruction),
                line,
                stage,
                at_ms,
            },
            BuildEvent::StepLog { index, text } => BuildEvent::StepLog {
                index,
                text: m(text),
            },
            BuildEvent::Log { text } => BuildEvent::Log { text: m(text) },
            BuildEvent::Finished(summary) => BuildEvent::Finished(Box::new(summary.masked(masker))),
            BuildEvent::Failed(failure) => BuildEvent::Failed(failure.masked(masker)),
            event @ (BuildEvent::Started { .. }
            | BuildEvent::StepFinished { .. }
            | BuildEvent::Cancelled) => event,
        }
    }
}

impl BuildSummary {
    pub(crate) fn masked(mut self, masker: &Masker) -> BuildSummary {
        for step in &mut self.steps {
            step.instruction = masked(masker, std::mem::take(&mut step.instruction));
        }
        for layer in &mut self.layers {
            layer.instruction = masked(masker, std::mem::take(&mut layer.instruction));
            layer.created_by = masked(masker, std::mem::take(&mut layer.created_by));
        }
        self.config = self.config.masked(masker);
        self
    }
}

impl BuildFailure {
    pub(crate) fn masked(self, masker: &Masker) -> BuildFailure {
        BuildFailure {
            instruction: self.instruction.map(|i| masked(masker, i)),
            message: masked(masker, self.message),
            ..self
        }
    }
}
