//! What to lint: the PATH arguments, with directories searched for Dockerfiles.

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use drydock_api::build_context::context_dir;
use drydock_api::names::{is_dockerfile_name, is_skipped_dir};

use super::errors::{io_error, Errors};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// How the input is named in messages and reports: the path as given, without `./`.
    pub(super) fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(path) => path.display().to_string(),
        }
    }

    /// The directory the input's config is looked up from (the current one for stdin).
    pub(super) fn dir(&self) -> PathBuf {
        match self {
            Input::Stdin => PathBuf::from("."),
            Input::File(path) => context_dir(path),
        }
    }
}

/// Expands the PATH arguments, in order, each input once. A file given by name is linted
/// whatever its name; a directory yields the Dockerfiles under it in sorted order.
pub(super) fn collect(paths: &[PathBuf], errors: &mut Errors) -> Vec<Input> {
    let mut found = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            found.push(Input::Stdin);
            continue;
        }
        let path = without_dot_prefix(path);
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                let before = found.len();
                walk(&path, &mut found, errors);
                if found.len() == before {
                    eprintln!("warning: {}: no Dockerfiles found", path.display());
                }
            }
            Ok(_) => found.push(Input::File(path)),
            Err(e) => errors.report(io_error(e).context(path.display().to_string())),
        }
    }
    let mut seen = HashSet::new();
    found.retain(|input| seen.insert(input.clone()));
    found
}

/// Depth-first, entries in name order. Symbolic links to files are followed, those to
/// directories are not (a link cycle would never end).
fn walk(dir: &Path, found: &mut Vec<Input>, errors: &mut Errors) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.report(io_error(e).context(dir.display().to_string()));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let path = without_dot_prefix(&entry.path());
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !is_skipped_dir(&name) {
                walk(&path, found, errors);
            }
        } else if is_dockerfile_name(&name) && (kind.is_file() || path.is_file()) {
            found.push(Input::File(path));
        }
    }
}

/// `./a/Dockerfile` → `a/Dockerfile`, so that names read as the user would write them.
fn without_dot_prefix(path: &Path) -> PathBuf {
    let stripped: PathBuf = path
        .components()
        .skip_while(|c| *c == Component::CurDir)
        .collect();
    if stripped.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        stripped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_drop_the_leading_dot() {
        assert_eq!(
            without_dot_prefix(Path::new("./a/Dockerfile")),
            Path::new("a/Dockerfile")
        );
        assert_eq!(without_dot_prefix(Path::new(".")), Path::new("."));
        assert_eq!(without_dot_prefix(Path::new("../x")), Path::new("../x"));
    }
}
