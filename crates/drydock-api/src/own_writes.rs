//! What the editor itself last wrote to each file, so the watcher can tell our saves from
//! someone else's edits.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::version::FileVersion;

#[derive(Debug, Default)]
pub struct OwnWrites(Mutex<HashMap<PathBuf, FileVersion>>);

impl OwnWrites {
    /// Records a write, before it happens: the watcher may see the file before the save
    /// returns.
    pub fn record(&self, path: &Path, version: FileVersion) {
        self.lock().insert(path.to_owned(), version);
    }

    /// Whether `path` holds what we last wrote to it.
    pub fn is_ours(&self, path: &Path, version: &FileVersion) -> bool {
        self.lock()
            .get(path)
            .is_some_and(|ours| ours.same_content(version))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, FileVersion>> {
        // A panic elsewhere cannot leave the map half-updated: inserts are single calls.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
