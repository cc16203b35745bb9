//! One build, start to end: lint the Dockerfile, build it on the daemon with the events
//! shown as they come, and record it in the history whatever the outcome.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use drydock_engine::build::{BuildError, BuildEvent, BuildFailure};
use drydock_engine::Engine;
use drydock_history::{BuildId, History};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::progress::Progress;
use super::record::{self, Ran};
use super::request::BuildRequest;
use super::view::{Outcome, View};
use crate::daemon::{self, Follower};

pub(crate) struct Built {
    pub(crate) outcome: Outcome,
    /// The history, still open, and the build's id in it; `None` when it could not be
    /// written (a warning was printed).
    pub(crate) recorded: Option<(History, BuildId)>,
}

/// Builds, shows and records. `Err` when nothing was built: the request never reached the
/// builder (an unreadable context, BuildKit asked of a daemon without it).
pub(crate) async fn build_and_record(
    engine: &Engine,
    request: &BuildRequest,
    view: &mut dyn View,
    cancel: &CancellationToken,
) -> anyhow::Result<Built> {
    let lint = crate::lint::counts_before_build(&request.dockerfile, &request.dockerfile_text);
    let started_at_ms = unix_ms();
    let started = Instant::now();
    let mut progress = Progress::default();
    // Opened (file, pragmas, schema check) while the build runs rather than after it.
    let history = tokio::task::spawn_blocking(History::open_default);

    let (events, mut received) = mpsc::unbounded_channel();
    let mut sink = move |event: BuildEvent| {
        let _ = events.send(event);
    };
    let build = engine.build(&request.options, cancel, &mut sink);
    let mut shown = Shown {
        progress: &mut progress,
        view,
    };
    let result = daemon::follow(build, &mut received, &mut shown).await;

    let outcome = match result {
        Ok(summary) => {
            progress.complete(&summary);
            Outcome::Built(Box::new(summary))
        }
        Err(BuildError::Failed(failure)) => Outcome::Failed(failure),
        Err(BuildError::Cancelled) => Outcome::Cancelled,
        // Before the builder started nothing was built: not a build to record.
        Err(e) if progress.builder.is_none() => return Err(e.into()),
        Err(e) => Outcome::Failed(BuildFailure {
            step: None,
            line: None,
            instruction: None,
            message: e.to_string(),
        }),
    };
    view.finish(&progress, &outcome, &lint);

    let ran = Ran {
        request,
        started_at_ms,
        duration_ms: started.elapsed().as_millis() as u64,
        lint,
    };
    let new_build = record::new_build(&ran, &progress, &outcome);
    let recorded = history
        .await
        .expect("opening the history does not panic")
        .and_then(|mut history| {
            let id = history.record_build(&new_build)?;
            Ok((history, id))
        });
    let recorded = match recorded {
        Ok(recorded) => Some(recorded),
        Err(e) => {
            eprintln!("warning: the build was not recorded in the history: {e}");
            None
        }
    };
    Ok(Built { outcome, recorded })
}

/// The progress, kept up to date, and the view that shows it.
struct Shown<'a> {
    progress: &'a mut Progress,
    view: &'a mut dyn View,
}

impl Follower<BuildEvent> for Shown<'_> {
    fn event(&mut self, event: BuildEvent) {
        self.progress.apply(&event);
        self.view.event(self.progress, &event);
    }

    fn tick(&mut self) {
        self.view.tick(self.progress);
    }
}

/// Now, in Unix milliseconds, as the history keeps times.
pub(crate) fn unix_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
