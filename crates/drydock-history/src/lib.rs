//! Drydock's build history: every build and test run, in a SQLite file in the user's data
//! dir, for the history list, the trend charts and comparing two builds.
//!
//! Blocking on purpose: async callers wrap calls in `spawn_blocking`. One [`History`] is one
//! connection; the app and a CLI run may each hold one on the same file at once. Anything
//! that may hold a secret is masked (see `drydock_mask`) before it is stored.
//!
//! The file survives a crash in the middle of a write: SQLite's write-ahead log keeps every
//! committed transaction and drops a half-written one, and a build is recorded with its steps
//! and layers in one transaction.

mod error;
mod location;
mod migrations;
mod sql_types;
mod table;
mod trends;

use std::path::{Path, PathBuf};
use std::time::Duration;

use drydock_mask::Masker;
use rusqlite::{Connection, TransactionBehavior};

pub use error::{Error, Result};
pub use location::{default_path, PATH_VAR};
pub use migrations::SCHEMA_VERSION;
pub use table::builds::{
    Build, BuildArg, BuildError, BuildId, BuildStatus, BuildSummary, Builder, Healthcheck,
    ImageConfig, LintCounts, NewBuild, Page,
};
pub use table::checks::Check;
pub use table::layers::Layer;
pub use table::projects::{Project, ProjectId};
pub use table::steps::Step;
pub use table::test_runs::{Health, RecordedTestRun, TestRun, TestRunId};
pub use trends::{RegressionThresholds, TrendPoint};

use table::{builds, checks, layers, projects, steps, test_runs};

/// How long a write waits for another connection's write to finish before failing. Writes
/// are a build record or a test run, milliseconds each.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open build history.
pub struct History {
    conn: Connection,
    path: PathBuf,
}

impl History {
    /// Opens (creating it and its folder if needed) and migrates the history at `path`.
    pub fn open(path: impl Into<PathBuf>) -> Result<History> {
        let path = path.into();
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::CreateDir {
                path: dir.to_owned(),
                source,
            })?;
        }
        let open_error = |source| Error::Open {
            path: path.clone(),
            source,
        };
        let mut conn = Connection::open(&path).map_err(open_error)?;
        configure(&conn, &path)?;
        migrations::migrate(&mut conn, &path)?;
        Ok(History { conn, path })
    }

    /// Opens the history at [`default_path`].
    pub fn open_default() -> Result<History> {
        History::open(default_path()?)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records a finished build with its steps and layers, all or nothing, after masking.
    pub fn record_build(&mut self, build: &NewBuild) -> Result<BuildId> {
        let masker = Masker::for_build_args(
            build
                .build_args
                .iter()
                .map(|arg| (arg.name.as_str(), arg.value.as_str())),
        );
        self.write(|tx| {
            let project = projects::upsert(tx, &build.project_path, &build.project_name)?;
            let id = builds::insert(tx, project, build, &masker)?;
            steps::insert_all(tx, id, &build.steps, &masker)?;
            layers::insert_all(tx, id, &build.layers, &masker)?;
            Ok(id)
        })
    }

    /// Records a test run of a recorded build with its checks, all or nothing, after masking.
    pub fn record_test_run(&mut self, build: BuildId, run: &TestRun) -> Result<TestRunId> {
        if !builds::exists(&self.conn, build).map_err(Error::Read)? {
            return Err(Error::NoSuchBuild(build));
        }
        self.write(|tx| {
            let id = test_runs::insert(tx, build, run)?;
            checks::insert_all(tx, id, &run.checks)?;
            Ok(id)
        })
    }

    /// The project recorded for `path`, if any build of it was.
    pub fn project(&self, path: &str) -> Result<Option<Project>> {
        projects::find(&self.conn, path).map_err(Error::Read)
    }

    /// Every project, by path.
    pub fn projects(&self) -> Result<Vec<Project>> {
        projects::all(&self.conn).map_err(Error::Read)
    }

    /// The Dockerfile paths a project has built, sorted.
    pub fn dockerfiles(&self, project: ProjectId) -> Result<Vec<String>> {
        builds::dockerfiles(&self.conn, project).map_err(Error::Read)
    }

    /// One page of a Dockerfile's builds, newest first.
    pub fn builds(
        &self,
        project: ProjectId,
        dockerfile: &str,
        page: Page,
    ) -> Result<Vec<BuildSummary>> {
        builds::page(&self.conn, project, dockerfile, page).map_err(Error::Read)
    }

    /// A build with its steps, layers and test runs (each with its checks).
    pub fn build(&self, id: BuildId) -> Result<Option<Build>> {
        let read = || -> rusqlite::Result<Option<Build>> {
            let Some(mut build) = builds::find(&self.conn, id)? else {
                return Ok(None);
            };
            build.steps = steps::of_build(&self.conn, id)?;
            build.layers = layers::of_build(&self.conn, id)?;
            build.test_runs = test_runs::of_build(&self.conn, id)?;
            for recorded in &mut build.test_runs {
                recorded.run.checks = checks::of_test_run(&self.conn, recorded.id)?;
            }
            Ok(Some(build))
        };
        // One read transaction, so a concurrent write cannot show half of a build.
        let tx = self.conn.unchecked_transaction().map_err(Error::Read)?;
        let build = read().map_err(Error::Read)?;
        tx.finish().map_err(Error::Read)?;
        Ok(build)
    }

    /// The newest successful build of a Dockerfile, with everything recorded about it.
    pub fn latest_successful_build(
        &self,
        project: ProjectId,
        dockerfile: &str,
    ) -> Result<Option<Build>> {
        match builds::latest_successful(&self.conn, project, dockerfile).map_err(Error::Read)? {
            Some(id) => self.build(id),
            None => Ok(None),
        }
    }

    /// The last `limit` builds of a Dockerfile for the trend charts, oldest first, with size
    /// and time regressions flagged against the previous successful build.
    pub fn trend(
        &self,
        project: ProjectId,
        dockerfile: &str,
        limit: u32,
        thresholds: &RegressionThresholds,
    ) -> Result<Vec<TrendPoint>> {
        trends::trend(&self.conn, project, dockerfile, limit, thresholds).map_err(Error::Read)
    }

    /// Runs `write` in one transaction that takes the write lock up front: a deferred one
    /// that reads first can fail at once with SQLITE_BUSY when another connection commits
    /// in between, whereas an immediate one waits out the busy timeout.
    fn write<T>(&mut self, write: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(Error::Write)?;
        let value = write(&tx).map_err(Error::Write)?;
        tx.commit().map_err(Error::Write)?;
        Ok(value)
    }
}

/// Per-connection settings, before anything is read.
fn configure(conn: &Connection, path: &Path) -> Result<()> {
    let open_error = |source| Error::Open {
        path: path.to_owned(),
        source,
    };
    conn.busy_timeout(BUSY_TIMEOUT).map_err(open_error)?;
    // WAL: readers never block the writer (the app reads while a CLI run records), and a
    // crash mid-write leaves committed transactions intact. The mode is stored in the file.
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))
        .map_err(open_error)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::NoWal {
            path: path.to_owned(),
            mode,
        });
    }
    // FULL rather than NORMAL: in WAL mode NORMAL already survives a crash of the process,
    // but an OS crash or power cut can lose the last commits; FULL syncs the log on every
    // commit so a recorded build is on disk once `record_build` returns. The cost is one
    // fsync per build or test run recorded, nothing next to a build.
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(open_error)?;
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(open_error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_settings() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::open(dir.path().join("h.sqlite3")).unwrap();
        let pragma = |name: &str| -> i64 {
            history
                .conn
                .pragma_query_value(None, name, |row| row.get(0))
                .unwrap()
        };
        assert_eq!(pragma("foreign_keys"), 1, "foreign keys are enforced");
        assert_eq!(
            pragma("synchronous"),
            2,
            "FULL: the log is synced on every commit"
        );
        assert_eq!(pragma("busy_timeout"), 5_000, "writers wait for each other");
        let mode: String = history
            .conn
            .pragma_query_value(None, "journal_mode", |row| row.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }
}
