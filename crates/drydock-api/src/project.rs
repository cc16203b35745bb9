//! A project folder as builds, test runs and the history see it: its canonical path (the key
//! of its history), and the settings of its `drydock.toml` (the defaults when there is none).

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use drydock_project::{Project, FILE_NAME};

use crate::error::{code, ApiError};

pub struct ProjectDir {
    /// Absolute, with symbolic links resolved: one folder is one project however it is named.
    pub dir: PathBuf,
    pub settings: Project,
}

impl ProjectDir {
    /// Reads `dir/drydock.toml` when there is one; a bad file is an error listing each problem
    /// with its line and key, and nothing should run on it.
    pub fn open(dir: &Path) -> Result<ProjectDir, ApiError> {
        let dir = fs::canonicalize(dir).map_err(|e| {
            io_error(
                &e,
                format!("cannot open the project folder {}: {e}", dir.display()),
            )
        })?;
        if !dir.is_dir() {
            return Err(ApiError::new(
                code::NOT_A_FOLDER,
                format!("{} is not a folder", dir.display()),
            ));
        }
        let file = dir.join(FILE_NAME);
        let settings = match fs::read_to_string(&file) {
            Ok(text) => drydock_project::parse(&text).map_err(|errors| {
                let problems: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
                ApiError::new(
                    code::INVALID_PROJECT,
                    format!("invalid {}:\n{}", file.display(), problems.join("\n")),
                )
            })?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Project::default(),
            Err(e) => return Err(io_error(&e, format!("cannot read {}: {e}", file.display()))),
        };
        Ok(ProjectDir { dir, settings })
    }

    /// The folder's name, as lists show the project.
    pub fn name(&self) -> String {
        self.dir
            .file_name()
            .map_or_else(|| self.path(), |n| n.to_string_lossy().into_owned())
    }

    /// The key of the project in the history.
    pub fn path(&self) -> String {
        self.dir.to_string_lossy().into_owned()
    }

    /// A Dockerfile as the history keys it: relative to the project with `/` separators,
    /// or absolute when it lies outside.
    pub fn dockerfile_key(&self, dockerfile: &Path) -> String {
        let absolute = normalise(&self.dir.join(dockerfile));
        match absolute.strip_prefix(&self.dir) {
            Ok(relative) => relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            Err(_) => absolute.to_string_lossy().into_owned(),
        }
    }

    /// The Dockerfile `drydock.toml` names (or `Dockerfile`), absolute.
    pub fn default_dockerfile(&self) -> PathBuf {
        normalise(&self.dir.join(&self.settings.image.dockerfile))
    }

    /// A path the app sent, relative to the project, made absolute; refused when it leads
    /// outside the folder, by `..` or through a symbolic link.
    pub fn inside(&self, relative: &str) -> Result<PathBuf, ApiError> {
        let outside = || {
            ApiError::new(
                code::OUTSIDE_PROJECT,
                format!("{relative} is outside the project folder"),
            )
        };
        if Path::new(relative).is_absolute() {
            return Err(outside());
        }
        let path = normalise(&self.dir.join(relative));
        if !path.starts_with(&self.dir) {
            return Err(outside());
        }
        match fs::canonicalize(&path) {
            Ok(real) if !real.starts_with(&self.dir) => Err(outside()),
            Ok(_) => Ok(path),
            Err(e) => Err(io_error(&e, format!("cannot open {relative}: {e}"))),
        }
    }
}

/// `path` without `.` and with each `..` taken out against what precedes it, without
/// touching the file system (the file may not exist, and a Dockerfile may be a link).
pub fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// An IO error with the code the UI branches on.
pub(crate) fn io_error(error: &io::Error, message: String) -> ApiError {
    let code = match error.kind() {
        io::ErrorKind::NotFound => code::NOT_FOUND,
        io::ErrorKind::PermissionDenied => code::PERMISSION_DENIED,
        _ => code::IO,
    };
    ApiError::new(code, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(text: Option<&str>) -> (tempfile::TempDir, Result<ProjectDir, ApiError>) {
        let dir = tempfile::tempdir().unwrap();
        if let Some(text) = text {
            fs::write(dir.path().join(FILE_NAME), text).unwrap();
        }
        let opened = ProjectDir::open(dir.path());
        (dir, opened)
    }

    #[test]
    fn without_a_file_the_defaults_apply() {
        let (_dir, opened) = project(None);
        let project = opened.unwrap();
        assert_eq!(project.settings, Project::default());
        assert_eq!(
            project.dockerfile_key(&project.default_dockerfile()),
            "Dockerfile"
        );
    }

    #[test]
    fn the_file_names_the_dockerfile() {
        let (_dir, opened) = project(Some("[image]\ndockerfile = \"docker/./app.Dockerfile\"\n"));
        let project = opened.unwrap();
        let dockerfile = project.default_dockerfile();
        assert!(dockerfile.is_absolute());
        assert_eq!(project.dockerfile_key(&dockerfile), "docker/app.Dockerfile");
    }

    #[test]
    fn a_dockerfile_outside_keeps_its_absolute_path() {
        let (_dir, opened) = project(None);
        let project = opened.unwrap();
        let outside = project.dir.join("../elsewhere/Dockerfile");
        let key = project.dockerfile_key(&outside);
        assert!(Path::new(&key).is_absolute(), "{key}");
        assert!(key.ends_with("/elsewhere/Dockerfile"), "{key}");
    }

    #[test]
    fn a_bad_file_lists_line_key_and_reason() {
        let (_dir, opened) = project(Some("[run]\ncpus = -1\nbogus = 1\n"));
        let error = opened.err().unwrap();
        assert_eq!(error.code, code::INVALID_PROJECT);
        assert!(error.message.contains("line 2: run.cpus:"), "{error}");
        assert!(error.message.contains("line 3: run.bogus:"), "{error}");
    }

    #[test]
    fn a_missing_folder_is_named() {
        let error = ProjectDir::open(Path::new("/nonexistent/project"))
            .err()
            .unwrap();
        assert_eq!(error.code, code::NOT_FOUND);
        assert!(error.message.contains("/nonexistent/project"), "{error}");
    }

    #[test]
    fn paths_from_the_app_stay_inside_the_folder() {
        let (dir, opened) = project(None);
        let project = opened.unwrap();
        fs::write(dir.path().join("Dockerfile"), "FROM scratch\n").unwrap();
        assert_eq!(
            project.inside("./Dockerfile").unwrap(),
            project.dir.join("Dockerfile")
        );
        for escape in ["../Dockerfile", "/etc/passwd", "a/../../b"] {
            assert_eq!(
                project.inside(escape).unwrap_err().code,
                code::OUTSIDE_PROJECT,
                "{escape}"
            );
        }
        std::os::unix::fs::symlink("/etc/hostname", dir.path().join("link")).unwrap();
        assert_eq!(
            project.inside("link").unwrap_err().code,
            code::OUTSIDE_PROJECT
        );
        assert_eq!(project.inside("gone").unwrap_err().code, code::NOT_FOUND);
    }
}
