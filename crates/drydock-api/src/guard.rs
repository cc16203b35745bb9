//! The path guard: every path the UI sends is relative to the project folder and must stay
//! inside it, through `..`, absolute paths and symbolic links alike.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::error::{code, ApiError};

/// `relative` resolved inside `root` (canonical), symbolic links followed. A file that does
/// not exist yet resolves too, as long as its folder does (a save may create it).
pub fn resolve(root: &Path, relative: &str) -> Result<PathBuf, ApiError> {
    let outside = || {
        ApiError::new(
            code::OUTSIDE_PROJECT,
            format!("{relative} is not inside the project folder"),
        )
    };
    let path = Path::new(relative);
    if relative.is_empty() {
        return Err(ApiError::new(code::NOT_FOUND, "no file name given"));
    }
    if !path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(outside());
    }
    let joined = root.join(path);
    let resolved = match fs::canonicalize(&joined) {
        Ok(real) => real,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let (Some(dir), Some(name)) = (joined.parent(), joined.file_name()) else {
                return Err(outside());
            };
            let dir = fs::canonicalize(dir).map_err(|e| ApiError::io(relative, &e))?;
            dir.join(name)
        }
        Err(e) => return Err(ApiError::io(relative, &e)),
    };
    if resolved.starts_with(root) && resolved != root {
        Ok(resolved)
    } else {
        Err(outside())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        fs::create_dir_all(root.join("docker")).unwrap();
        fs::write(root.join("Dockerfile"), "FROM a\n").unwrap();
        fs::write(dir.path().join("secret"), "x\n").unwrap();
        let root = fs::canonicalize(root).unwrap();
        (dir, root)
    }

    fn code_of(root: &Path, relative: &str) -> String {
        resolve(root, relative).unwrap_err().code
    }

    #[test]
    fn resolves_files_inside_and_new_files_in_existing_folders() {
        let (_dir, root) = project();
        assert_eq!(
            resolve(&root, "Dockerfile").unwrap(),
            root.join("Dockerfile")
        );
        assert_eq!(
            resolve(&root, "./docker/api.Dockerfile").unwrap(),
            root.join("docker/api.Dockerfile")
        );
        assert_eq!(code_of(&root, "missing/Dockerfile"), "not_found");
        assert_eq!(code_of(&root, ""), "not_found");
    }

    #[test]
    fn refuses_parent_components_and_absolute_paths() {
        let (_dir, root) = project();
        assert_eq!(code_of(&root, "../secret"), "outside_project");
        assert_eq!(code_of(&root, "docker/../Dockerfile"), "outside_project");
        assert_eq!(code_of(&root, "/etc/passwd"), "outside_project");
        assert_eq!(code_of(&root, "."), "outside_project");
        let absolute_inside = root.join("Dockerfile").display().to_string();
        assert_eq!(code_of(&root, &absolute_inside), "outside_project");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_that_lead_outside() {
        let (dir, root) = project();
        std::os::unix::fs::symlink(dir.path().join("secret"), root.join("linked")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
        std::os::unix::fs::symlink(root.join("Dockerfile"), root.join("inside")).unwrap();
        assert_eq!(code_of(&root, "linked"), "outside_project");
        assert_eq!(code_of(&root, "up/secret"), "outside_project");
        assert_eq!(code_of(&root, "up/new.Dockerfile"), "outside_project");
        assert_eq!(resolve(&root, "inside").unwrap(), root.join("Dockerfile"));
    }
}
