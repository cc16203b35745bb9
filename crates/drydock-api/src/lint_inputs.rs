//! What the linter reads besides the Dockerfile: the nearest `.hadolint.yaml`, and the build
//! context's ignore file and top-level entries. `drydock lint` reads them with its own
//! caching and error reports; a build reads them to count the findings of what it built.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use drydock_history::LintCounts;
use drydock_lint::{BuildContext, Config, LintOptions, Severity};

use crate::error::{code, ApiError};

/// Config files looked for in each directory, in this order.
pub const CONFIG_FILE_NAMES: [&str; 2] = [".hadolint.yaml", ".hadolint.yml"];

/// The directory holding `path` (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The nearest config file at or above `dir`.
pub fn nearest_config(dir: &Path) -> Option<PathBuf> {
    let dir = std::path::absolute(dir).ok()?;
    dir.ancestors()
        .flat_map(|d| CONFIG_FILE_NAMES.iter().map(move |name| d.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The ignore file BuildKit would use for a Dockerfile: `<name>.dockerignore` next to a
/// Dockerfile called `<name>`, else the context's `.dockerignore`.
pub fn ignore_file(dockerfile: &Path) -> Option<PathBuf> {
    let dir = parent_dir(dockerfile);
    let own = dockerfile.file_name().map(|name| {
        let mut name = name.to_owned();
        name.push(".dockerignore");
        dir.join(name)
    });
    own.into_iter()
        .chain([dir.join(".dockerignore")])
        .find(|path| path.is_file())
}

/// The build context the context rules see: the ignore file's text and the sorted names of
/// the directory's entries.
pub fn build_context(dir: &Path, ignore: Option<&Path>) -> BuildContext {
    let mut entries: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    entries.sort();
    BuildContext {
        dockerignore: ignore.and_then(|path| fs::read_to_string(path).ok()),
        entries,
    }
}

/// Runs the linter so that a bug in one rule fails one file rather than the whole process.
pub fn without_panics<T>(lint: impl FnOnce() -> T) -> Result<T, ApiError> {
    panic::catch_unwind(AssertUnwindSafe(lint)).map_err(|_| {
        ApiError::new(
            code::IO,
            "internal error: the linter crashed on this file (a bug in drydock)",
        )
    })
}

/// How many findings of each severity `drydock lint` would report for a Dockerfile about to
/// be built, with its config and build context (the default config when the file is bad: a
/// build does not fail on that).
pub fn counts_before_build(dockerfile: &Path, text: &str) -> LintCounts {
    let config = nearest_config(&parent_dir(dockerfile))
        .and_then(|path| Config::from_yaml(&fs::read_to_string(path).ok()?).ok())
        .unwrap_or_default();
    let context = build_context(&parent_dir(dockerfile), ignore_file(dockerfile).as_deref());
    let options = LintOptions {
        config: Some(&config),
        build_context: Some(&context),
    };
    let mut counts = LintCounts::default();
    let Ok(findings) = without_panics(|| drydock_lint::lint(text, &options)) else {
        return counts;
    };
    for finding in findings {
        match finding.severity {
            Severity::Error => counts.error += 1,
            Severity::Warning => counts.warning += 1,
            Severity::Info => counts.info += 1,
            Severity::Style => counts.style += 1,
            Severity::Ignore => {}
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_the_dockerfiles_own_ignore_file() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| fs::write(dir.path().join(name), text).unwrap();
        let dockerfile = dir.path().join("api.Dockerfile");
        write("api.Dockerfile", "FROM a\n");
        write(".dockerignore", ".git\n");
        let shared = build_context(dir.path(), ignore_file(&dockerfile).as_deref());
        assert_eq!(shared.dockerignore.as_deref(), Some(".git\n"));
        assert_eq!(shared.entries, [".dockerignore", "api.Dockerfile"]);

        write("api.Dockerfile.dockerignore", "node_modules\n");
        let own = build_context(dir.path(), ignore_file(&dockerfile).as_deref());
        assert_eq!(own.dockerignore.as_deref(), Some("node_modules\n"));
    }

    #[test]
    fn no_ignore_file_is_none() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("Dockerfile"), "FROM a\n").unwrap();
        assert_eq!(ignore_file(&dir.path().join("Dockerfile")), None);
    }

    #[test]
    fn counts_follow_the_nearest_config() {
        let dir = tempfile::tempdir().unwrap();
        let dockerfile = dir.path().join("app/Dockerfile");
        fs::create_dir(dir.path().join("app")).unwrap();
        let text = "FROM debian:latest\n";
        fs::write(&dockerfile, text).unwrap();
        let everything = counts_before_build(&dockerfile, text);
        fs::write(dir.path().join(".hadolint.yaml"), "ignored: [DL3007]\n").unwrap();
        let without_latest = counts_before_build(&dockerfile, text);
        assert_eq!(
            without_latest.warning + 1,
            everything.warning,
            "the config above the Dockerfile's folder turns DL3007 off"
        );
        assert_eq!(without_latest.info, everything.info);
    }
}
