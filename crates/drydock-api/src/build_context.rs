//! The build-context facts the context rules need, read from the Dockerfile's folder (the
//! context `docker build .` would send when run next to it).

use std::fs;
use std::path::{Path, PathBuf};

use drydock_lint::BuildContext;

/// The ignore file BuildKit would use for `dockerfile`: `<name>.dockerignore` next to it,
/// else the context's `.dockerignore`.
pub fn ignore_file(dockerfile: &Path) -> Option<PathBuf> {
    let dir = context_dir(dockerfile);
    let own_ignore = dockerfile.file_name().map(|name| {
        let mut name = name.to_owned();
        name.push(".dockerignore");
        dir.join(name)
    });
    own_ignore
        .into_iter()
        .chain([dir.join(".dockerignore")])
        .find(|path| path.is_file())
}

/// The folder holding `dockerfile` (`.` for a bare file name).
pub fn context_dir(dockerfile: &Path) -> PathBuf {
    match dockerfile.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The context folder's top-level entry names and the text of its ignore file.
pub fn read(dir: &Path, ignore: Option<&Path>) -> BuildContext {
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

/// The build context of a Dockerfile, read afresh.
pub fn of(dockerfile: &Path) -> BuildContext {
    read(&context_dir(dockerfile), ignore_file(dockerfile).as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_the_dockerfiles_own_ignore_file() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| fs::write(dir.path().join(name), text).unwrap();
        write("api.Dockerfile", "FROM a\n");
        write(".dockerignore", ".git\n");
        let shared = of(&dir.path().join("api.Dockerfile"));
        assert_eq!(shared.dockerignore.as_deref(), Some(".git\n"));
        assert_eq!(shared.entries, [".dockerignore", "api.Dockerfile"]);

        write("api.Dockerfile.dockerignore", "node_modules\n");
        let own = of(&dir.path().join("api.Dockerfile"));
        assert_eq!(own.dockerignore.as_deref(), Some("node_modules\n"));
    }

    #[test]
    fn no_ignore_file_is_none() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("Dockerfile"), "FROM a\n").unwrap();
        let context = of(&dir.path().join("Dockerfile"));
        assert_eq!(context.dockerignore, None);
        assert_eq!(context.entries, ["Dockerfile"]);
    }
}
