//! Walking a project folder: the folders searched for Dockerfiles (and watched), and the files
//! in them that matter. Symbolic links to folders are not followed (a link cycle would never
//! end, and the link may lead out of the project).

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::names::{is_skipped_dir, is_watched_name};

/// How many folders deep a project is searched: `a/b/c/d/Dockerfile` is found,
/// `a/b/c/d/e/Dockerfile` is not.
pub const MAX_DEPTH: usize = 4;

/// The folders searched under `root` and the watched files in them, as absolute paths.
#[derive(Debug, Default)]
pub struct Tree {
    pub dirs: Vec<PathBuf>,
    pub files: Vec<PathBuf>,
}

/// Scans `start` (the project's `root` or a folder in it) down to [`MAX_DEPTH`] below `root`.
pub fn scan(root: &Path, start: &Path) -> Tree {
    let mut tree = Tree::default();
    if let Some(depth) = searched_depth(root, start) {
        walk(root, start, depth, &mut tree);
    }
    tree
}

/// How deep `dir` lies below `root` when it is a folder the search visits.
pub fn searched_depth(root: &Path, dir: &Path) -> Option<usize> {
    let relative = dir.strip_prefix(root).ok()?;
    let mut depth = 0;
    for component in relative.components() {
        match component {
            Component::Normal(name) if !is_skipped_dir(&name.to_string_lossy()) => depth += 1,
            _ => return None,
        }
    }
    (depth <= MAX_DEPTH).then_some(depth)
}

fn walk(root: &Path, dir: &Path, depth: usize, tree: &mut Tree) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    tree.dirs.push(dir.to_owned());
    for entry in entries.filter_map(Result::ok) {
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            if depth < MAX_DEPTH && !is_skipped_dir(&name) {
                walk(root, &path, depth + 1, tree);
            }
        } else if is_watched_name(&name) && (kind.is_file() || is_file_inside(root, &path)) {
            tree.files.push(path);
        }
    }
}

/// Whether a symbolic link leads to a file inside the project.
fn is_file_inside(root: &Path, link: &Path) -> bool {
    fs::canonicalize(link).is_ok_and(|target| target.starts_with(root) && target.is_file())
}

/// `path` relative to `root` with `/` separators, as the UI names files.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    Some(parts?.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_folders_below_the_root() {
        let root = Path::new("/p");
        assert_eq!(searched_depth(root, Path::new("/p")), Some(0));
        assert_eq!(searched_depth(root, Path::new("/p/a/b/c/d")), Some(4));
        assert_eq!(searched_depth(root, Path::new("/p/a/b/c/d/e")), None);
        assert_eq!(searched_depth(root, Path::new("/p/node_modules/x")), None);
        assert_eq!(searched_depth(root, Path::new("/p/.git")), None);
        assert_eq!(searched_depth(root, Path::new("/elsewhere")), None);
    }

    #[test]
    fn relative_paths_use_slashes() {
        let root = Path::new("/p");
        assert_eq!(
            relative(root, Path::new("/p/docker/api.Dockerfile")).as_deref(),
            Some("docker/api.Dockerfile")
        );
        assert_eq!(relative(root, Path::new("/q/Dockerfile")), None);
    }
}
