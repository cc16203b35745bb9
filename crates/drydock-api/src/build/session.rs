//! One build, start to end: count the Dockerfile's lint findings, build it on the daemon with
//! the events handed to a watcher as they come, and record it in the history whatever the
//! outcome.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use drydock_engine::build::{BuildError, BuildEvent, BuildFailure, BuildSummary};
use drydock_engine::Engine;
use drydock_history::{BuildId, History, LintCounts};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::lint_counts::counts_before_build;
use super::progress::Progress;
use super::record::{self, Ran};
use super::request::BuildRequest;
use crate::follow::{follow, Follower};
use crate::history::HistoryFile;

/// The message of a cancelled build, in the history and in every view.
pub const CANCELLED: &str = "the build was cancelled";

/// How a build that reached the builder ended.
pub enum Outcome {
    Built(Box<BuildSummary>),
    Failed(BuildFailure),
    Cancelled,
}

/// Sees a build's events as they come.
pub trait BuildWatcher {
    /// An event, after `progress` has taken it in.
    fn event(&mut self, progress: &Progress, event: &BuildEvent);
    /// Called a few times a second while the build runs, for spinners and clocks.
    fn tick(&mut self, progress: &Progress) {
        let _ = progress;
    }
}

pub struct Built {
    pub outcome: Outcome,
    /// The steps as they ran; with the layer sizes when the image was built.
    pub progress: Progress,
    pub lint: LintCounts,
    /// The history, still open for the test run, and the build's id in it; the error when
    /// the build could not be recorded.
    pub recorded: Result<(History, BuildId), drydock_history::Error>,
}

/// Builds, reports and records. `Err` when nothing was built: the request never reached the
/// builder (an unreadable context, BuildKit asked of a daemon without it).
pub async fn build_and_record<W: BuildWatcher + ?Sized>(
    engine: &Engine,
    request: &BuildRequest,
    history: &HistoryFile,
    watcher: &mut W,
    cancel: &CancellationToken,
) -> Result<Built, BuildError> {
    let lint = counts_before_build(&request.dockerfile, &request.dockerfile_text);
    let started_at_ms = unix_ms();
    let started = Instant::now();
    // Opened (file, pragmas, schema check) while the build runs rather than after it.
    let opening = {
        let history = history.clone();
        tokio::task::spawn_blocking(move || history.open())
    };

    let (events, mut received) = mpsc::unbounded_channel();
    let mut sink = move |event: BuildEvent| {
        let _ = events.send(event);
    };
    let build = engine.build(&request.options, cancel, &mut sink);
    let mut watched = Watched {
        progress: Progress::default(),
        watcher,
    };
    let result = follow(build, &mut received, &mut watched).await;
    let mut progress = watched.progress;

    let outcome = match result {
        Ok(summary) => {
            progress.complete(&summary);
            Outcome::Built(Box::new(summary))
        }
        Err(BuildError::Failed(failure)) => Outcome::Failed(failure),
        Err(BuildError::Cancelled) => Outcome::Cancelled,
        // Before the builder started nothing was built: not a build to record.
        Err(e) if progress.builder.is_none() => return Err(e),
        Err(e) => Outcome::Failed(BuildFailure {
            step: None,
            line: None,
            instruction: None,
            message: e.to_string(),
        }),
    };

    let ran = Ran {
        request,
        started_at_ms,
        duration_ms: started.elapsed().as_millis() as u64,
        lint,
    };
    let new_build = record::new_build(&ran, &progress, &outcome);
    let recorded = opening
        .await
        .expect("opening the history does not panic")
        .and_then(|mut history| {
            let id = history.record_build(&new_build)?;
            Ok((history, id))
        });
    Ok(Built {
        outcome,
        progress,
        lint,
        recorded,
    })
}

/// The progress, kept up to date, and the watcher that sees it.
struct Watched<'a, W: ?Sized> {
    progress: Progress,
    watcher: &'a mut W,
}

impl<W: BuildWatcher + ?Sized> Follower<BuildEvent> for Watched<'_, W> {
    fn event(&mut self, event: BuildEvent) {
        self.progress.apply(&event);
        self.watcher.event(&self.progress, &event);
    }

    fn tick(&mut self) {
        self.watcher.tick(&self.progress);
    }
}

/// Now, in Unix milliseconds, as the history keeps times.
pub fn unix_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
