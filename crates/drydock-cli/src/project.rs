//! A project folder as `build`, `test` and `history` see it: its canonical path (the key of
//! its history), and the settings of its `drydock.toml` (the defaults when there is none).

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use anyhow::{anyhow, Context as _};
use drydock_project::{Project, FILE_NAME};

pub(crate) struct ProjectDir {
    /// Absolute, with symbolic links resolved: one folder is one project however it is named.
    pub(crate) dir: PathBuf,
    pub(crate) settings: Project,
}

impl ProjectDir {
    /// Reads `dir/drydock.toml` when there is one; a bad file is an error listing each problem
    /// with its line and key, and nothing should run on it.
    pub(crate) fn open(dir: &Path) -> anyhow::Result<ProjectDir> {
        let dir = fs::canonicalize(dir)
            .with_context(|| format!("cannot open the project folder {}", dir.display()))?;
        if !dir.is_dir() {
            return Err(anyhow!("{} is not a folder", dir.display()));
        }
        let file = dir.join(FILE_NAME);
        let settings = match fs::read_to_string(&file) {
            Ok(text) => drydock_project::parse(&text).map_err(|errors| {
                let problems: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
                anyhow!("invalid {}:\n{}", file.display(), problems.join("\n"))
            })?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Project::default(),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", file.display())),
        };
        Ok(ProjectDir { dir, settings })
    }

    /// The folder's name, as lists show the project.
    pub(crate) fn name(&self) -> String {
        self.dir
            .file_name()
            .map_or_else(|| self.path(), |n| n.to_string_lossy().into_owned())
    }

    /// The key of the project in the history.
    pub(crate) fn path(&self) -> String {
        self.dir.to_string_lossy().into_owned()
    }

    /// A Dockerfile as the history keys it: relative to the project with `/` separators,
    /// or absolute when it lies outside.
    pub(crate) fn dockerfile_key(&self, dockerfile: &Path) -> String {
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
    pub(crate) fn default_dockerfile(&self) -> PathBuf {
        normalise(&self.dir.join(&self.settings.image.dockerfile))
    }
}

/// `path` without `.` and with each `..` taken out against what precedes it, without
/// touching the file system (the file may not exist, and a Dockerfile may be a link).
pub(crate) fn normalise(path: &Path) -> PathBuf {
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

/// A path given on the command line, relative to the current directory as in `docker build
/// -f`, made absolute.
pub(crate) fn from_command_line(path: &Path) -> anyhow::Result<PathBuf> {
    let absolute =
        std::path::absolute(path).with_context(|| format!("cannot resolve {}", path.display()))?;
    Ok(normalise(&absolute))
}

/// A path as the user would write it: relative to the current directory when inside it.
pub(crate) fn shown(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(text: Option<&str>) -> (tempfile::TempDir, anyhow::Result<ProjectDir>) {
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
        let message = format!("{:#}", opened.err().unwrap());
        assert!(message.contains("line 2: run.cpus:"), "{message}");
        assert!(message.contains("line 3: run.bogus:"), "{message}");
    }

    #[test]
    fn a_missing_folder_is_named() {
        let message = format!(
            "{:#}",
            ProjectDir::open(Path::new("/nonexistent/project"))
                .err()
                .unwrap()
        );
        assert!(message.contains("/nonexistent/project"), "{message}");
    }
}
