//! A Dockerfile's recorded builds as the app's charts show them, and where the history is.

mod view;

pub use view::{HistoryPoint, HistoryView};

use std::path::{Path, PathBuf};

use drydock_history::{History, RegressionThresholds};

use crate::error::{code, ApiError};
use crate::project::Project;
use crate::Drydock;

/// How many of the latest builds the charts show.
const CHARTED_BUILDS: u32 = 50;

/// Where the build history is.
#[derive(Debug, Clone, Default)]
pub enum HistoryFile {
    /// `$DRYDOCK_HISTORY`, else the user's data folder: where `drydock` keeps it.
    #[default]
    Default,
    At(PathBuf),
}

impl HistoryFile {
    pub fn open(&self) -> drydock_history::Result<History> {
        match self {
            HistoryFile::Default => History::open_default(),
            HistoryFile::At(path) => History::open(path),
        }
    }
}

impl Drydock {
    /// The latest builds of one of the project's Dockerfiles, oldest first, each with its
    /// layers, regressions against the previous successful build, and the health of its
    /// latest test run. Blocking: it reads the history file. A bad `drydock.toml` does not
    /// hide the builds made before it went bad.
    pub fn history(&self, project: &Path, dockerfile: &str) -> Result<HistoryView, ApiError> {
        let project = Project::open(project)?;
        let key = project.dockerfile_key(&project.resolve(dockerfile)?);
        let history = self.history.open().map_err(history_error)?;
        let points = match history
            .project(&project.history_key())
            .map_err(history_error)?
        {
            Some(recorded) => history
                .trend(
                    recorded.id,
                    &key,
                    CHARTED_BUILDS,
                    &RegressionThresholds::default(),
                )
                .map_err(history_error)?
                .into_iter()
                .map(|point| {
                    let build = history.build(point.build_id).map_err(history_error)?;
                    Ok(HistoryPoint::new(point, build.as_ref()))
                })
                .collect::<Result<_, ApiError>>()?,
            None => Vec::new(),
        };
        Ok(HistoryView {
            dockerfile: key,
            points,
        })
    }
}

fn history_error(error: drydock_history::Error) -> ApiError {
    ApiError::new(code::HISTORY, format!("the build history: {error}"))
}
