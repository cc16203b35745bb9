//! How a build ended, and what every view of a build (live, plain lines, JSON lines) is told.

use drydock_engine::build::{BuildEvent, BuildFailure, BuildSummary};
use drydock_history::LintCounts;

use super::progress::Progress;
use crate::Status;

pub(crate) enum Outcome {
    Built(Box<BuildSummary>),
    Failed(BuildFailure),
    Cancelled,
}

impl Outcome {
    pub(crate) fn status(&self) -> Status {
        match self {
            Outcome::Built(_) => Status::Pass,
            Outcome::Failed(_) => Status::Fail,
            Outcome::Cancelled => Status::Cancelled,
        }
    }
}

pub(crate) trait View {
    /// An event, after `progress` has taken it in.
    fn event(&mut self, progress: &Progress, event: &BuildEvent);
    /// Called a few times a second while the build runs, for spinners and clocks.
    fn tick(&mut self, progress: &Progress) {
        let _ = progress;
    }
    /// The build ended; `progress` has the layer sizes of a built image.
    fn finish(&mut self, progress: &Progress, outcome: &Outcome, lint: &LintCounts);
}
