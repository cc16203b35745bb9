//! The project folder given on the command line. The app reads inside that folder only, and
//! for now only its `Dockerfile`, read-only.

use crate::error::IpcError;
use serde::Serialize;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

/// The folder the app was started with, if any.
pub struct StartFolder(Option<PathBuf>);

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Project {
    pub name: String,
    /// Absolute path of the folder.
    pub root: String,
    /// The Dockerfile's path relative to `root`.
    pub dockerfile: String,
    pub source: String,
}

impl StartFolder {
    pub fn from_args(mut args: impl Iterator<Item = OsString>) -> StartFolder {
        StartFolder(args.next().map(|arg| {
            let path = PathBuf::from(arg);
            path.canonicalize().unwrap_or(path)
        }))
    }

    /// The folder, canonical when it exists.
    pub fn folder(&self) -> Option<&Path> {
        self.0.as_deref()
    }

    pub fn window_title(&self) -> String {
        match self.0.as_deref().and_then(folder_name) {
            Some(name) => format!("{name} — Drydock"),
            None => "Drydock".to_owned(),
        }
    }

    pub fn load(&self) -> Result<Option<Project>, IpcError> {
        self.0.as_deref().map(Project::open).transpose()
    }
}

impl Project {
    const DOCKERFILE: &'static str = "Dockerfile";

    pub fn open(folder: &Path) -> Result<Project, IpcError> {
        let root = folder
            .canonicalize()
            .ok()
            .filter(|root| root.is_dir())
            .ok_or_else(|| {
                IpcError::new(
                    "project_not_found",
                    format!("{} is not a folder", folder.display()),
                )
            })?;
        let dockerfile = root.join(Self::DOCKERFILE).canonicalize().map_err(|_| {
            IpcError::new(
                "dockerfile_not_found",
                format!("no Dockerfile in {}", root.display()),
            )
        })?;
        // A symlink could point anywhere; the app reads inside the project folder only.
        if !dockerfile.starts_with(&root) {
            return Err(IpcError::new(
                "outside_project",
                format!("{} leads outside the project folder", Self::DOCKERFILE),
            ));
        }
        let source = fs::read_to_string(&dockerfile).map_err(|err| {
            IpcError::new(
                "dockerfile_unreadable",
                format!("cannot read {}: {err}", dockerfile.display()),
            )
        })?;
        Ok(Project {
            name: folder_name(&root).unwrap_or_default(),
            root: root.display().to_string(),
            dockerfile: Self::DOCKERFILE.to_owned(),
            source,
        })
    }
}

fn folder_name(path: &Path) -> Option<String> {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
    }

    fn start(path: &Path) -> StartFolder {
        StartFolder::from_args([path.as_os_str().to_owned()].into_iter())
    }

    fn error_code(folder: &Path) -> &'static str {
        Project::open(folder).unwrap_err().code
    }

    #[test]
    fn loads_the_dockerfile_of_the_start_folder() {
        let project = start(&fixture("project")).load().unwrap().unwrap();
        assert_eq!(project.name, "project");
        assert_eq!(project.dockerfile, "Dockerfile");
        assert!(project.source.contains("FROM debian:latest\n"));
    }

    #[test]
    fn without_a_folder_there_is_no_project() {
        let start = StartFolder::from_args(std::iter::empty());
        assert!(start.load().unwrap().is_none());
        assert_eq!(start.window_title(), "Drydock");
    }

    #[test]
    fn the_window_title_names_the_folder() {
        assert_eq!(
            start(&fixture("project")).window_title(),
            "project — Drydock"
        );
    }

    #[test]
    fn a_missing_folder_or_dockerfile_is_an_error_with_a_code() {
        assert_eq!(error_code(&fixture("gone")), "project_not_found");
        assert_eq!(
            error_code(&fixture("project/Dockerfile")),
            "project_not_found"
        );
        // The fixtures folder holds project folders, no Dockerfile of its own.
        assert_eq!(error_code(&fixture("")), "dockerfile_not_found");
    }

    #[test]
    fn a_dockerfile_linking_outside_the_folder_is_refused() {
        // Its Dockerfile is a symlink to the `project` fixture's.
        assert_eq!(error_code(&fixture("linked-outside")), "outside_project");
    }
}
