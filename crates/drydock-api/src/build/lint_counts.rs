//! The lint findings of the Dockerfile text a build is about to build, by severity, as the
//! history records them with the build.

use std::path::Path;

use drydock_history::LintCounts;
use drydock_lint::{LintOptions, Severity};

use crate::build_context;
use crate::lint::without_panics;
use crate::lint_config;

/// How many findings of each severity `drydock lint` would report, with the Dockerfile's
/// config and build context (the default config when its file is bad: a build does not fail
/// on that).
pub(crate) fn counts_before_build(dockerfile: &Path, text: &str) -> LintCounts {
    let config = lint_config::nearest(&build_context::context_dir(dockerfile), None)
        .and_then(|path| lint_config::load(&path, "").ok())
        .unwrap_or_default();
    let context = build_context::of(dockerfile);
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
    use std::fs;

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
