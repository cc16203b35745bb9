//! What to build: the project's `[image]` settings with the caller's overrides on top, the
//! Dockerfile's text (linted and recorded as built), and the project's keys in the history.

use std::fs;
use std::path::{Path, PathBuf};

use drydock_engine::build::BuilderChoice;
use drydock_engine::BuildOptions;

use crate::error::ApiError;
use crate::project::{normalise, Project};

/// What the command line may override; the app builds with the project's settings.
#[derive(Default)]
pub struct Overrides {
    /// Absolute; the project's Dockerfile when `None`.
    pub dockerfile: Option<PathBuf>,
    pub tag: Option<String>,
    pub target: Option<String>,
    /// `(name, value)`; `None` takes the value from the environment, as `docker build` does.
    pub build_args: Vec<(String, Option<String>)>,
    pub platform: Option<String>,
    pub no_cache: bool,
    pub builder: BuilderChoice,
}

pub struct BuildRequest {
    pub options: BuildOptions,
    /// Absolute.
    pub dockerfile: PathBuf,
    pub dockerfile_text: String,
    /// The project's key in the history, its name, and the Dockerfile's key.
    pub project_path: String,
    pub project_name: String,
    pub dockerfile_key: String,
}

impl BuildRequest {
    pub fn new(project: &Project, overrides: Overrides) -> Result<BuildRequest, ApiError> {
        let image = &project.settings.image;
        let dockerfile = overrides
            .dockerfile
            .unwrap_or_else(|| project.configured_dockerfile());
        let dockerfile_text = read_dockerfile(&dockerfile)?;
        let mut build_args = image.build_args.clone();
        for (name, value) in overrides.build_args {
            if let Some(value) = value.or_else(|| std::env::var(&name).ok()) {
                build_args.insert(name, value);
            }
        }
        let options = BuildOptions {
            context: normalise(&project.root.join(&image.context)),
            // Absolute, so the engine does not take it relative to the context.
            dockerfile: Some(dockerfile.clone()),
            tag: overrides.tag.or_else(|| image.tag.clone()),
            target: overrides.target.or_else(|| image.target.clone()),
            build_args,
            platform: overrides.platform,
            no_cache: overrides.no_cache,
            builder: overrides.builder,
        };
        Ok(BuildRequest {
            options,
            dockerfile_key: project.dockerfile_key(&dockerfile),
            dockerfile,
            dockerfile_text,
            project_path: project.history_key(),
            project_name: project.name.clone(),
        })
    }
}

fn read_dockerfile(path: &Path) -> Result<String, ApiError> {
    fs::read_to_string(path).map_err(|e| {
        ApiError::io(
            &format!("cannot read the Dockerfile {}", path.display()),
            &e,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::code;

    fn project_with(toml: &str) -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("Dockerfile"), "FROM scratch\n").unwrap();
        fs::write(dir.path().join("drydock.toml"), toml).unwrap();
        let project = Project::open_to_build(dir.path()).unwrap();
        (dir, project)
    }

    #[test]
    fn the_project_gives_defaults_and_overrides_win() {
        let (_dir, project) = project_with(
            "[image]\ntag = \"app:toml\"\ntarget = \"prod\"\nbuild_args = { A = \"1\", B = \"2\" }\n",
        );
        let request = BuildRequest::new(
            &project,
            Overrides {
                tag: Some("app:flag".into()),
                build_args: vec![("B".into(), Some("3".into()))],
                ..Overrides::default()
            },
        )
        .unwrap();
        let options = &request.options;
        assert_eq!(options.tag.as_deref(), Some("app:flag"));
        assert_eq!(options.target.as_deref(), Some("prod"));
        assert_eq!(options.build_args["A"], "1");
        assert_eq!(options.build_args["B"], "3");
        assert_eq!(options.context, project.root);
        assert_eq!(request.dockerfile_key, "Dockerfile");
        assert_eq!(request.dockerfile_text, "FROM scratch\n");
    }

    #[test]
    fn a_build_arg_without_a_value_comes_from_the_environment_or_not_at_all() {
        let (_dir, project) = project_with("");
        let request = BuildRequest::new(
            &project,
            Overrides {
                build_args: vec![
                    ("PATH".into(), None),
                    ("DRYDOCK_SURELY_UNSET_VARIABLE".into(), None),
                ],
                ..Overrides::default()
            },
        )
        .unwrap();
        let args = &request.options.build_args;
        assert_eq!(args.get("PATH"), std::env::var("PATH").ok().as_ref());
        assert!(!args.contains_key("DRYDOCK_SURELY_UNSET_VARIABLE"));
    }

    #[test]
    fn a_missing_dockerfile_is_named() {
        let (_dir, project) = project_with("[image]\ndockerfile = \"nope.Dockerfile\"\n");
        let error = BuildRequest::new(&project, Overrides::default())
            .err()
            .unwrap();
        assert_eq!(error.code, code::NOT_FOUND);
        assert!(error.message.contains("nope.Dockerfile"), "{error}");
    }
}
