//! The build-context facts the context rules need, read from the Dockerfile's directory (the
//! context `docker build .` would send when run next to it).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use drydock_api::lint_inputs::{build_context, ignore_file, parent_dir};
use drydock_lint::BuildContext;

/// Build contexts read once per directory and ignore file: a directory of many Dockerfiles
/// would otherwise be listed once per file.
#[derive(Default)]
pub(super) struct Contexts {
    read: HashMap<(PathBuf, Option<PathBuf>), BuildContext>,
}

impl Contexts {
    /// The context of a Dockerfile: its directory's entries and the ignore file BuildKit
    /// would use.
    pub(super) fn of(&mut self, dockerfile: &Path) -> &BuildContext {
        let dir = parent_dir(dockerfile);
        let ignore = ignore_file(dockerfile);
        self.read
            .entry((dir.clone(), ignore.clone()))
            .or_insert_with(|| build_context(&dir, ignore.as_deref()))
    }
}
