//! An open project folder: its canonical path, its `drydock.toml` settings (with the problems
//! found in it), and the Dockerfiles in it.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{code, ApiError};
use crate::names::is_dockerfile_name;
use crate::own_writes::OwnWrites;
use crate::{guard, tree};

/// The project as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectView {
    /// The folder's name.
    pub name: String,
    /// The folder's absolute, canonical path.
    pub root: String,
    /// Every Dockerfile in the folder tree, relative with `/`, sorted, the default first
    /// (always listed, even before it exists).
    pub dockerfiles: Vec<String>,
    /// The default Dockerfile: `drydock.toml`'s, else `Dockerfile`, else the first found.
    pub dockerfile: String,
    /// `drydock.toml`'s image tag.
    pub tag: Option<String>,
    /// What is wrong with `drydock.toml`, one line each with line, key and reason; empty when
    /// it is fine or absent.
    pub problems: Vec<String>,
}

#[derive(Debug)]
pub struct Project {
    /// Absolute, with symbolic links resolved: one folder is one project however it is named.
    pub root: PathBuf,
    pub name: String,
    /// `drydock.toml`'s settings; the defaults when it is absent or has problems.
    pub settings: drydock_project::Project,
    pub problems: Vec<String>,
    pub(crate) own_writes: Arc<OwnWrites>,
}

impl Project {
    /// Opens a folder (an absolute path). A bad `drydock.toml` does not stop the editor: its
    /// problems are listed and the defaults apply.
    pub fn open(path: &Path) -> Result<Project, ApiError> {
        let shown = path.display().to_string();
        let root = fs::canonicalize(path).map_err(|e| ApiError::io(&shown, &e))?;
        if !root.is_dir() {
            return Err(ApiError::new(
                code::NOT_A_FOLDER,
                format!("{shown} is not a folder"),
            ));
        }
        let (settings, problems) = read_settings(&root);
        Ok(Project {
            name: root
                .file_name()
                .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned()),
            root,
            settings,
            problems,
            own_writes: Arc::default(),
        })
    }

    /// A path the UI sent, resolved inside the project (see [`guard::resolve`]).
    pub fn resolve(&self, relative: &str) -> Result<PathBuf, ApiError> {
        guard::resolve(&self.root, relative)
    }

    /// Looks for the Dockerfiles now.
    pub fn view(&self) -> ProjectView {
        let mut problems = self.problems.clone();
        let found = self.dockerfiles();
        let dockerfile = self.default_dockerfile(&found, &mut problems);
        let mut dockerfiles = vec![dockerfile.clone()];
        dockerfiles.extend(found.into_iter().filter(|f| *f != dockerfile));
        ProjectView {
            name: self.name.clone(),
            root: self.root.display().to_string(),
            dockerfiles,
            dockerfile,
            tag: self.settings.image.tag.clone(),
            problems,
        }
    }

    /// Every Dockerfile in the tree, relative and sorted.
    fn dockerfiles(&self) -> Vec<String> {
        let mut found: Vec<String> = tree::scan(&self.root, &self.root)
            .files
            .iter()
            .filter(|path| {
                path.file_name()
                    .is_some_and(|name| is_dockerfile_name(&name.to_string_lossy()))
            })
            .filter_map(|path| tree::relative(&self.root, path))
            .collect();
        found.sort();
        found
    }

    /// `drydock.toml`'s Dockerfile when it exists in the project (a missing or outside one
    /// is a problem), else `Dockerfile`, else the first one found.
    fn default_dockerfile(&self, found: &[String], problems: &mut Vec<String>) -> String {
        let configured = &self.settings.image.dockerfile;
        let named = configured.to_string_lossy().replace('\\', "/");
        let named = named.trim_start_matches("./");
        let explicit = configured.as_path() != Path::new(drydock_project::defaults::DOCKERFILE);
        match self.resolve(named) {
            Ok(path) if path.is_file() => {
                return tree::relative(&self.root, &path).unwrap_or_else(|| named.to_owned())
            }
            Ok(_) if explicit => {
                problems.push(format!("image.dockerfile: {named} does not exist"));
            }
            Err(e) if explicit && e.code == code::OUTSIDE_PROJECT => {
                problems.push(format!("image.dockerfile: {}", e.message));
            }
            _ => {}
        }
        found
            .first()
            .cloned()
            .unwrap_or_else(|| drydock_project::defaults::DOCKERFILE.to_owned())
    }
}

/// What builds, test runs and the history need of a project.
impl Project {
    /// Opens a folder to build or test it: a `drydock.toml` with problems is an error listing
    /// each with its line and key, and nothing should run on it.
    pub fn open_to_build(path: &Path) -> Result<Project, ApiError> {
        let project = Project::open(path)?;
        if project.problems.is_empty() {
            return Ok(project);
        }
        let file = project.root.join(drydock_project::FILE_NAME);
        let problems: Vec<String> = project.problems.iter().map(|p| format!("  {p}")).collect();
        Err(ApiError::new(
            code::INVALID_PROJECT,
            format!("invalid {}:\n{}", file.display(), problems.join("\n")),
        ))
    }

    /// The key of the project in the history: its canonical path.
    pub fn history_key(&self) -> String {
        self.root.to_string_lossy().into_owned()
    }

    /// A Dockerfile as the history keys it: relative to the project with `/` separators,
    /// or absolute when it lies outside.
    pub fn dockerfile_key(&self, dockerfile: &Path) -> String {
        let absolute = normalise(&self.root.join(dockerfile));
        match absolute.strip_prefix(&self.root) {
            Ok(relative) => relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            Err(_) => absolute.to_string_lossy().into_owned(),
        }
    }

    /// The Dockerfile `drydock.toml` names (or `Dockerfile`), absolute.
    pub fn configured_dockerfile(&self) -> PathBuf {
        normalise(&self.root.join(&self.settings.image.dockerfile))
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

/// `drydock.toml`'s settings and problems.
fn read_settings(root: &Path) -> (drydock_project::Project, Vec<String>) {
    let file = drydock_project::FILE_NAME;
    let text = match fs::read_to_string(root.join(file)) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Default::default(),
        Err(e) => {
            let problem = format!("{file}: {}", crate::error::io_reason(&e));
            return (Default::default(), vec![problem]);
        }
    };
    match drydock_project::parse(&text) {
        Ok(settings) => (settings, Vec::new()),
        Err(errors) => (
            Default::default(),
            errors.iter().map(ToString::to_string).collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    fn view(dir: &tempfile::TempDir) -> ProjectView {
        Project::open(dir.path()).unwrap().view()
    }

    #[test]
    fn finds_dockerfiles_sorted_with_the_default_first() {
        let dir = folder(&[
            ("Dockerfile", "FROM a\n"),
            ("api.Dockerfile", "FROM a\n"),
            ("Dockerfile.dev", "FROM a\n"),
            ("docker/web/Dockerfile", "FROM a\n"),
            ("a/b/c/d/Dockerfile", "FROM a\n"),
            ("a/b/c/d/e/Dockerfile", "FROM a\n"),
            ("node_modules/x/Dockerfile", "FROM a\n"),
            ("target/Dockerfile", "FROM a\n"),
            (".git/Dockerfile", "FROM a\n"),
            ("Dockerfile.dockerignore", "x\n"),
            ("README.md", "# x\n"),
        ]);
        let view = view(&dir);
        assert_eq!(
            view.dockerfiles,
            [
                "Dockerfile",
                "Dockerfile.dev",
                "a/b/c/d/Dockerfile",
                "api.Dockerfile",
                "docker/web/Dockerfile"
            ]
        );
        assert_eq!(view.dockerfile, "Dockerfile");
        assert_eq!(
            view.root,
            fs::canonicalize(dir.path()).unwrap().display().to_string()
        );
        assert!(view.problems.is_empty());
        assert_eq!(view.tag, None);
    }

    #[test]
    fn drydock_toml_names_the_default_and_the_tag() {
        let dir = folder(&[
            ("Dockerfile", "FROM a\n"),
            ("docker/api.Dockerfile", "FROM a\n"),
            (
                "drydock.toml",
                "[image]\ndockerfile = \"docker/api.Dockerfile\"\ntag = \"api:dev\"\n",
            ),
        ]);
        let view = view(&dir);
        assert_eq!(view.dockerfile, "docker/api.Dockerfile");
        assert_eq!(view.dockerfiles, ["docker/api.Dockerfile", "Dockerfile"]);
        assert_eq!(view.tag.as_deref(), Some("api:dev"));
    }

    #[test]
    fn drydock_toml_problems_are_listed_with_line_and_key() {
        let dir = folder(&[
            ("Dockerfile", "FROM a\n"),
            ("drydock.toml", "[run]\ncpus = -1\n"),
        ]);
        let view = view(&dir);
        assert_eq!(view.problems.len(), 1, "{:?}", view.problems);
        assert!(
            view.problems[0].starts_with("line 2: run.cpus: "),
            "{:?}",
            view.problems
        );
        assert_eq!(view.dockerfile, "Dockerfile");
    }

    #[test]
    fn a_missing_or_outside_configured_dockerfile_is_a_problem() {
        let dir = folder(&[
            ("api.Dockerfile", "FROM a\n"),
            (
                "drydock.toml",
                "[image]\ndockerfile = \"gone.Dockerfile\"\n",
            ),
        ]);
        let missing = view(&dir);
        assert_eq!(
            missing.problems,
            ["image.dockerfile: gone.Dockerfile does not exist"]
        );
        assert_eq!(missing.dockerfile, "api.Dockerfile");

        let dir = folder(&[("drydock.toml", "[image]\ndockerfile = \"../Dockerfile\"\n")]);
        assert_eq!(
            view(&dir).problems,
            ["image.dockerfile: ../Dockerfile is not inside the project folder"]
        );
    }

    #[test]
    fn an_empty_folder_offers_a_new_dockerfile() {
        let view = view(&folder(&[]));
        assert_eq!(view.dockerfile, "Dockerfile");
        assert_eq!(view.dockerfiles, ["Dockerfile"]);
    }

    #[test]
    fn only_existing_folders_open() {
        let dir = folder(&[("Dockerfile", "FROM a\n")]);
        let error = Project::open(&dir.path().join("gone")).unwrap_err();
        assert_eq!(error.code, "not_found");
        let error = Project::open(&dir.path().join("Dockerfile")).unwrap_err();
        assert_eq!(error.code, "not_a_folder");
        assert!(
            error.message.ends_with("Dockerfile is not a folder"),
            "{}",
            error.message
        );
    }

    fn to_build(files: &[(&str, &str)]) -> (tempfile::TempDir, Result<Project, ApiError>) {
        let dir = folder(files);
        let opened = Project::open_to_build(dir.path());
        (dir, opened)
    }

    #[test]
    fn without_drydock_toml_a_build_takes_the_defaults() {
        let (_dir, opened) = to_build(&[]);
        let project = opened.unwrap();
        assert_eq!(project.settings, drydock_project::Project::default());
        assert_eq!(
            project.dockerfile_key(&project.configured_dockerfile()),
            "Dockerfile"
        );
    }

    #[test]
    fn drydock_toml_names_the_dockerfile_to_build() {
        let (_dir, opened) = to_build(&[(
            "drydock.toml",
            "[image]\ndockerfile = \"docker/./app.Dockerfile\"\n",
        )]);
        let project = opened.unwrap();
        let dockerfile = project.configured_dockerfile();
        assert!(dockerfile.is_absolute());
        assert_eq!(project.dockerfile_key(&dockerfile), "docker/app.Dockerfile");
    }

    #[test]
    fn a_dockerfile_outside_keeps_its_absolute_path_as_its_key() {
        let (_dir, opened) = to_build(&[]);
        let project = opened.unwrap();
        let key = project.dockerfile_key(&project.root.join("../elsewhere/Dockerfile"));
        assert!(Path::new(&key).is_absolute(), "{key}");
        assert!(key.ends_with("/elsewhere/Dockerfile"), "{key}");
    }

    #[test]
    fn nothing_builds_on_a_bad_drydock_toml() {
        let (_dir, opened) = to_build(&[("drydock.toml", "[run]\ncpus = -1\nbogus = 1\n")]);
        let error = opened.unwrap_err();
        assert_eq!(error.code, code::INVALID_PROJECT);
        assert!(error.message.contains("drydock.toml:\n"), "{error}");
        assert!(error.message.contains("line 2: run.cpus:"), "{error}");
        assert!(error.message.contains("line 3: run.bogus:"), "{error}");
    }
}
