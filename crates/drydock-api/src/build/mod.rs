//! Building a project's image: the request from its `drydock.toml`, the build on the daemon
//! with its progress, and its record in the history. `drydock build` and the app's build
//! panel share all of it and differ only in how they show the events.

mod lint_counts;
mod progress;
mod record;
mod request;
mod session;
mod update;

pub use progress::{Finished, Progress, Step};
pub use request::{BuildRequest, Overrides};
pub use session::{build_and_record, unix_ms, BuildWatcher, Built, Outcome, CANCELLED};
pub use update::{BuildOutcome, BuildStatus, BuildUpdate, Builder, LayerView, StepView};

use std::path::Path;

use drydock_engine::build::BuildEvent;
use drydock_engine::Engine;
use tokio_util::sync::CancellationToken;

use crate::history::HistoryFile;
use crate::project::Project;
use crate::{ApiError, Drydock};

impl Drydock {
    /// Builds one of the project's Dockerfiles (relative to `project`), sending every update
    /// to `sink`, and records the build in the history whatever the outcome. One build or
    /// test at a time: `busy` while another runs; [`Drydock::cancel`] stops it.
    pub async fn build(
        &self,
        project: &Path,
        dockerfile: &str,
        mut sink: impl FnMut(BuildUpdate),
    ) -> Result<BuildOutcome, ApiError> {
        let claim = self.work.claim()?;
        let cancel = claim.token();
        let project = Project::open_to_build(project)?;
        let request = request_for(&project, dockerfile)?;
        let engine = self.daemon.engine().await?;
        let built = build_with_updates(&engine, &request, &self.history, &mut sink, cancel).await;
        Ok(match built {
            Ok(built) => BuildOutcome::of(&built),
            Err(not_started) => not_started,
        })
    }
}

/// Hands each event to the app as an update.
struct Updates<S>(S);

impl<S: FnMut(BuildUpdate)> BuildWatcher for Updates<S> {
    fn event(&mut self, _progress: &Progress, event: &BuildEvent) {
        (self.0)(BuildUpdate::from(event.clone()));
    }
}

/// The request for one of the project's Dockerfiles, named relative to the project.
pub(crate) fn request_for(project: &Project, dockerfile: &str) -> Result<BuildRequest, ApiError> {
    let overrides = Overrides {
        dockerfile: Some(project.resolve(dockerfile)?),
        ..Overrides::default()
    };
    BuildRequest::new(project, overrides)
}

/// Builds and records, sending every update to `sink`; a build that could not start ends
/// with a `failed` update as well.
pub(crate) async fn build_with_updates<S: FnMut(BuildUpdate)>(
    engine: &Engine,
    request: &BuildRequest,
    history: &HistoryFile,
    sink: &mut S,
    cancel: &CancellationToken,
) -> Result<Built, BuildOutcome> {
    let mut updates = Updates(&mut *sink);
    match build_and_record(engine, request, history, &mut updates, cancel).await {
        Ok(built) => {
            if let Err(e) = &built.recorded {
                sink(BuildUpdate::Log {
                    text: format!("the build was not recorded in the history: {e}"),
                });
            }
            Ok(built)
        }
        Err(e) => {
            let message = e.to_string();
            sink(BuildUpdate::Failed {
                step: None,
                line: None,
                instruction: None,
                message: message.clone(),
            });
            Err(BuildOutcome::not_started(message))
        }
    }
}
