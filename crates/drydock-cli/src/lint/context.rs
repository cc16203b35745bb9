//! The build-context facts the context rules need (see `drydock_api::build_context`), read
//! once per folder and ignore file: a folder of many Dockerfiles would otherwise be listed
//! once per file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use drydock_api::build_context::{context_dir, ignore_file, read};
use drydock_lint::BuildContext;

#[derive(Default)]
pub(super) struct Contexts {
    read: HashMap<(PathBuf, Option<PathBuf>), BuildContext>,
}

impl Contexts {
    pub(super) fn of(&mut self, dockerfile: &Path) -> &BuildContext {
        let dir = context_dir(dockerfile);
        let ignore = ignore_file(dockerfile);
        self.read
            .entry((dir.clone(), ignore.clone()))
            .or_insert_with(|| read(&dir, ignore.as_deref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn reads_each_folder_once() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("api.Dockerfile"), "FROM a\n").unwrap();
        fs::write(dir.path().join("Dockerfile"), "FROM a\n").unwrap();
        let mut contexts = Contexts::default();
        contexts.of(&dir.path().join("Dockerfile"));
        fs::write(dir.path().join("late"), "").unwrap();
        // Same folder, same (absent) ignore file: the listing read first is kept.
        let entries = &contexts.of(&dir.path().join("api.Dockerfile")).entries;
        assert_eq!(entries, &["Dockerfile", "api.Dockerfile"]);
    }
}
