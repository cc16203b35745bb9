//! Which lint config applies to a Dockerfile: the nearest `.hadolint.yaml` or `.hadolint.yml`
//! in its folder or above, else the defaults.

use std::fs;
use std::path::{Path, PathBuf};

use drydock_lint::Config;

/// Looked for in each folder, in this order.
pub const FILE_NAMES: [&str; 2] = [".hadolint.yaml", ".hadolint.yml"];

/// The nearest config file at or above `dir`, looking no higher than `top` when given (the
/// editor stays inside the project folder).
pub fn nearest(dir: &Path, top: Option<&Path>) -> Option<PathBuf> {
    let dir = std::path::absolute(dir).ok()?;
    dir.ancestors()
        .take_while(|d| top.is_none_or(|top| d.starts_with(top)))
        .flat_map(|d| FILE_NAMES.iter().map(move |name| d.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Reads and parses a config file; the error says what is wrong with `shown` (the path as the
/// user knows it).
pub fn load(path: &Path, shown: &str) -> Result<Config, String> {
    let text = fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read config {shown}: {}",
            crate::error::io_reason(&e)
        )
    })?;
    Config::from_yaml(&text).map_err(|e| format!("invalid config {shown}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_nearest_file_up_to_the_top() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        fs::create_dir_all(root.join("docker/api")).unwrap();
        fs::write(dir.path().join(".hadolint.yaml"), "ignored: [DL3007]\n").unwrap();
        assert_eq!(nearest(&root.join("docker/api"), Some(&root)), None);
        assert_eq!(
            nearest(&root.join("docker/api"), None),
            Some(dir.path().join(".hadolint.yaml"))
        );
        fs::write(root.join(".hadolint.yml"), "ignored: [DL3008]\n").unwrap();
        assert_eq!(
            nearest(&root.join("docker/api"), Some(&root)),
            Some(root.join(".hadolint.yml"))
        );
    }

    #[test]
    fn a_bad_file_says_which_and_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".hadolint.yaml");
        fs::write(&path, "ignored: [DL3007]\nignore: [DL3008]\n").unwrap();
        let error = load(&path, ".hadolint.yaml").unwrap_err();
        assert!(
            error.starts_with("invalid config .hadolint.yaml: line 2"),
            "{error}"
        );
        let missing = load(&dir.path().join("gone.yaml"), "gone.yaml").unwrap_err();
        assert_eq!(
            missing,
            "cannot read config gone.yaml: no such file or directory"
        );
    }
}
