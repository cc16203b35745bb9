//! The build-context facts the context rules need, read from the Dockerfile's directory (the
//! context `docker build .` would send when run next to it).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use drydock_lint::BuildContext;

use super::inputs::parent_dir;

/// Build contexts read once per directory and ignore file: a directory of many Dockerfiles
/// would otherwise be listed once per file.
#[derive(Default)]
pub(super) struct Contexts {
    read: HashMap<(PathBuf, Option<PathBuf>), BuildContext>,
}

impl Contexts {
    /// The ignore file BuildKit would use (`<name>.dockerignore` next to a Dockerfile called
    /// `<name>`, else the context's `.dockerignore`) and the context's top-level entry names.
    pub(super) fn of(&mut self, dockerfile: &Path) -> &BuildContext {
        let dir = parent_dir(dockerfile);
        let own_ignore = dockerfile.file_name().map(|name| {
            let mut name = name.to_owned();
            name.push(".dockerignore");
            dir.join(name)
        });
        let ignore = own_ignore
            .into_iter()
            .chain([dir.join(".dockerignore")])
            .find(|path| path.is_file());
        self.read
            .entry((dir.clone(), ignore.clone()))
            .or_insert_with(|| read(&dir, ignore.as_deref()))
    }
}

fn read(dir: &Path, ignore: Option<&Path>) -> BuildContext {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_the_dockerfiles_own_ignore_file() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| fs::write(dir.path().join(name), text).unwrap();
        write("api.Dockerfile", "FROM a\n");
        write(".dockerignore", ".git\n");
        let shared = Contexts::default()
            .of(&dir.path().join("api.Dockerfile"))
            .clone();
        assert_eq!(shared.dockerignore.as_deref(), Some(".git\n"));
        assert_eq!(shared.entries, [".dockerignore", "api.Dockerfile"]);

        write("api.Dockerfile.dockerignore", "node_modules\n");
        let own = Contexts::default()
            .of(&dir.path().join("api.Dockerfile"))
            .clone();
        assert_eq!(own.dockerignore.as_deref(), Some("node_modules\n"));
    }

    #[test]
    fn no_ignore_file_is_none() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("Dockerfile"), "FROM a\n").unwrap();
        let context = Contexts::default()
            .of(&dir.path().join("Dockerfile"))
            .clone();
        assert_eq!(context.dockerignore, None);
        assert_eq!(context.entries, ["Dockerfile"]);
    }
}
