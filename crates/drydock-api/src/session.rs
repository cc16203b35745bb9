//! The desktop app's state: the open project, its watch and the recent projects list. Every
//! IPC command is one call on a `Session`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::{code, ApiError};
use crate::files::{self, FileText};
use crate::lint::{self, LintResult};
use crate::project::{Project, ProjectView};
use crate::recent::{RecentProject, RecentProjects};
use crate::version::FileVersion;
use crate::watch::{self, FileChange, ProjectWatch};

pub struct Session {
    /// The folder given on the command line, if any.
    start_folder: Option<PathBuf>,
    recent: RecentProjects,
    open: Mutex<Open>,
}

#[derive(Default)]
struct Open {
    project: Option<Arc<Project>>,
    /// Dropped (and so stopped) with the project it watches.
    watch: Option<ProjectWatch>,
}

impl Session {
    pub fn new(start_folder: Option<PathBuf>, recent: RecentProjects) -> Session {
        Session {
            start_folder,
            recent,
            open: Mutex::default(),
        }
    }

    /// The folder given on the command line; else the most recent project; else `None`.
    pub fn start_project(&self) -> Result<Option<ProjectView>, ApiError> {
        let folder = match &self.start_folder {
            Some(folder) => folder.clone(),
            None => match self.recent.list().into_iter().next() {
                Some(recent) => PathBuf::from(recent.root),
                None => return Ok(None),
            },
        };
        self.open_project(&folder).map(Some)
    }

    /// Opens a folder, remembers it among the recent projects, and stops watching the one
    /// open before.
    pub fn open_project(&self, folder: &Path) -> Result<ProjectView, ApiError> {
        let project = Project::open(folder)?;
        let view = project.view();
        // The list only saves the user a few clicks: a data dir that cannot be written must
        // not keep a project from opening.
        let _ = self.recent.remember(RecentProject {
            name: view.name.clone(),
            root: view.root.clone(),
            opened_at_ms: now_ms(),
        });
        *self.lock() = Open {
            project: Some(Arc::new(project)),
            watch: None,
        };
        Ok(view)
    }

    pub fn recent_projects(&self) -> Vec<RecentProject> {
        self.recent.list()
    }

    /// The open project, for commands that work on it.
    pub fn project(&self) -> Result<Arc<Project>, ApiError> {
        self.lock()
            .project
            .clone()
            .ok_or_else(|| ApiError::new(code::NOT_FOUND, "no project is open"))
    }

    pub fn read_dockerfile(&self, path: &str) -> Result<FileText, ApiError> {
        files::read_dockerfile(&*self.project()?, path)
    }

    pub fn save_dockerfile(
        &self,
        path: &str,
        text: &str,
        base: Option<&FileVersion>,
        force: bool,
    ) -> Result<FileVersion, ApiError> {
        files::save_dockerfile(&*self.project()?, path, text, base, force)
    }

    pub fn lint_dockerfile(&self, path: &str, source: &str) -> Result<LintResult, ApiError> {
        lint::lint_dockerfile(&*self.project()?, path, source)
    }

    /// Watches the open project, replacing any earlier watch.
    pub fn watch_project(
        &self,
        sink: impl FnMut(FileChange) + Send + 'static,
    ) -> Result<(), ApiError> {
        let mut open = self.lock();
        let project = open
            .project
            .clone()
            .ok_or_else(|| ApiError::new(code::NOT_FOUND, "no project is open"))?;
        // The earlier watch stops before the new one starts, so no change is reported twice.
        open.watch = None;
        open.watch = Some(watch::watch(&project, sink)?);
        Ok(())
    }

    fn lock(&self) -> MutexGuard<'_, Open> {
        // Every update is one assignment, so a panic elsewhere leaves a consistent state.
        self.open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn session(start: Option<&Path>, data: &Path) -> Session {
        Session::new(
            start.map(Path::to_owned),
            RecentProjects::at(data.join("recent.json")),
        )
    }

    #[test]
    fn starts_with_the_given_folder_else_the_most_recent_else_nothing() {
        let data = tempfile::tempdir().unwrap();
        let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        assert_eq!(session(None, data.path()).start_project().unwrap(), None);

        let given = session(Some(first.path()), data.path())
            .start_project()
            .unwrap();
        let first_root = fs::canonicalize(first.path()).unwrap();
        assert_eq!(given.unwrap().root, first_root.display().to_string());

        let app = session(None, data.path());
        app.open_project(second.path()).unwrap();
        let second_root = fs::canonicalize(second.path()).unwrap();
        let recent = session(None, data.path()).start_project().unwrap();
        assert_eq!(recent.unwrap().root, second_root.display().to_string());
        let roots: Vec<String> = app.recent_projects().into_iter().map(|p| p.root).collect();
        assert_eq!(
            roots,
            [
                second_root.display().to_string(),
                first_root.display().to_string()
            ]
        );
    }

    #[test]
    fn file_commands_need_an_open_project() {
        let data = tempfile::tempdir().unwrap();
        let app = session(None, data.path());
        assert_eq!(
            app.read_dockerfile("Dockerfile").unwrap_err().code,
            "not_found"
        );
        assert_eq!(app.watch_project(|_| {}).unwrap_err().code, "not_found");
    }

    #[test]
    fn reads_lints_and_saves_in_the_open_project() {
        let data = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        fs::write(folder.path().join("Dockerfile"), "FROM debian:latest\n").unwrap();
        let app = session(None, data.path());
        app.open_project(folder.path()).unwrap();
        app.watch_project(|_| {}).unwrap();
        let file = app.read_dockerfile("Dockerfile").unwrap();
        let lint = app.lint_dockerfile("Dockerfile", &file.text).unwrap();
        assert!(lint.diagnostics.iter().any(|d| d.code == "DL3007"));
        app.save_dockerfile("Dockerfile", "FROM debian:12\n", Some(&file.version), false)
            .unwrap();
        assert_eq!(
            app.read_dockerfile("Dockerfile").unwrap().text,
            "FROM debian:12\n"
        );
    }
}
