//! Linting the editor's text of a project Dockerfile, with the project's lint config and the
//! Dockerfile's build context, as `drydock lint` would lint the saved file.

use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use drydock_lint::{Config, LintOptions};
use serde::Serialize;
use ts_rs::TS;

use crate::diagnostic::{self, Diagnostic};
use crate::error::{code, ApiError};
use crate::project::Project;
use crate::{build_context, lint_config, tree};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LintResult {
    pub diagnostics: Vec<Diagnostic>,
    /// What is wrong with the lint config (`.hadolint.yaml`); the defaults apply then.
    pub config_problems: Vec<String>,
}

/// Lints `source`, the editor's text of the Dockerfile at `path` (which need not be saved,
/// nor exist yet).
pub fn lint_dockerfile(
    project: &Project,
    path: &str,
    source: &str,
) -> Result<LintResult, ApiError> {
    let real = project.resolve(path)?;
    let (config, config_problems) = config_for(project, &real);
    let context = build_context::of(&real);
    let options = LintOptions {
        config: Some(&config),
        build_context: Some(&context),
    };
    let findings = without_panics(|| drydock_lint::lint(source, &options))?;
    Ok(LintResult {
        diagnostics: diagnostic::from_findings(source, findings),
        config_problems,
    })
}

/// The nearest lint config inside the project, or the defaults and the reason it is bad.
fn config_for(project: &Project, dockerfile: &Path) -> (Config, Vec<String>) {
    let dir = build_context::context_dir(dockerfile);
    let Some(path) = lint_config::nearest(&dir, Some(&project.root)) else {
        return (Config::default(), Vec::new());
    };
    let shown = tree::relative(&project.root, &path).unwrap_or_else(|| path.display().to_string());
    match lint_config::load(&path, &shown) {
        Ok(config) => (config, Vec::new()),
        Err(problem) => (Config::default(), vec![problem]),
    }
}

/// Runs the linter so that a bug in one rule fails one request rather than the caller.
pub fn without_panics<T>(lint: impl FnOnce() -> T) -> Result<T, ApiError> {
    panic::catch_unwind(AssertUnwindSafe(lint)).map_err(|_| {
        ApiError::new(
            code::IO,
            "internal error: the linter crashed on this file (a bug in drydock)",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn project_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let project = Project::open(dir.path()).unwrap();
        (dir, project)
    }

    fn codes(result: &LintResult) -> Vec<&str> {
        result.diagnostics.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn lints_the_unsaved_text_with_the_projects_config() {
        let (_dir, project) = project_with(&[
            ("Dockerfile", "FROM alpine:3.20\n"),
            (".hadolint.yaml", "ignored: [DL3008]\n"),
        ]);
        let source = "FROM debian:latest\nRUN apt-get update && apt-get install -y curl\n";
        let result = lint_dockerfile(&project, "Dockerfile", source).unwrap();
        assert!(codes(&result).contains(&"DL3007"), "{:?}", codes(&result));
        assert!(!codes(&result).contains(&"DL3008"), "{:?}", codes(&result));
        assert!(result.config_problems.is_empty());
    }

    #[test]
    fn a_bad_config_is_reported_and_the_defaults_apply() {
        let (_dir, project) = project_with(&[
            ("docker/api.Dockerfile", "FROM a\n"),
            (".hadolint.yaml", "ignored: [DL3007]\nignore: [DL3008]\n"),
        ]);
        let result =
            lint_dockerfile(&project, "docker/api.Dockerfile", "FROM debian:latest\n").unwrap();
        assert!(codes(&result).contains(&"DL3007"), "{:?}", codes(&result));
        assert_eq!(result.config_problems.len(), 1);
        assert!(
            result.config_problems[0].starts_with("invalid config .hadolint.yaml: line 2"),
            "{:?}",
            result.config_problems
        );
    }

    #[test]
    fn the_build_context_comes_from_the_dockerfiles_folder() {
        let source = "FROM alpine:3.20\nCOPY . /app\n";
        let (_dir, project) = project_with(&[("Dockerfile", source), (".git/HEAD", "x\n")]);
        let without = lint_dockerfile(&project, "Dockerfile", source).unwrap();
        let (_dir, project) = project_with(&[
            ("Dockerfile", source),
            (".git/HEAD", "x\n"),
            (".dockerignore", ".git\n"),
        ]);
        let with = lint_dockerfile(&project, "Dockerfile", source).unwrap();
        assert_ne!(codes(&without), codes(&with));
    }

    #[test]
    fn paths_outside_the_project_are_refused() {
        let (_dir, project) = project_with(&[("Dockerfile", "FROM a\n")]);
        let error = lint_dockerfile(&project, "../Dockerfile", "FROM a\n").unwrap_err();
        assert_eq!(error.code, "outside_project");
    }
}
