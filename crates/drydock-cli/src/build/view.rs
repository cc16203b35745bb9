//! What every view of a build (live, plain lines, JSON lines) is told, and the exit status of
//! each outcome.

use drydock_api::build::{BuildWatcher, Outcome, Progress};
use drydock_history::LintCounts;

use crate::Status;

pub(crate) fn status(outcome: &Outcome) -> Status {
    match outcome {
        Outcome::Built(_) => Status::Pass,
        Outcome::Failed(_) => Status::Fail,
        Outcome::Cancelled => Status::Cancelled,
    }
}

/// Sees the events as they come (a [`BuildWatcher`]), then the end.
pub(crate) trait View: BuildWatcher {
    /// The build ended; `progress` has the layer sizes of a built image.
    fn finish(&mut self, progress: &Progress, outcome: &Outcome, lint: &LintCounts);
}
