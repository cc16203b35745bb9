//! The recently opened projects, newest first, in a small JSON file in the user's data dir.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::ApiError;

/// How many projects the list keeps.
pub const MAX_RECENT: usize = 10;

/// Overrides the data dir (tests, CI, a portable setup).
pub const DATA_DIR_VAR: &str = "DRYDOCK_DATA_DIR";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecentProject {
    pub name: String,
    /// The folder's canonical path.
    pub root: String,
    /// When it was last opened, in milliseconds since the Unix epoch.
    pub opened_at_ms: u64,
}

/// The list's file; `None` when the user has no data dir, and then nothing is remembered.
#[derive(Debug, Clone)]
pub struct RecentProjects {
    file: Option<PathBuf>,
}

impl RecentProjects {
    pub fn at(file: PathBuf) -> RecentProjects {
        RecentProjects { file: Some(file) }
    }

    /// `$DRYDOCK_DATA_DIR/recent.json`, else `recent.json` in the platform's data dir under
    /// `drydock` (`~/.local/share/drydock` on Linux).
    pub fn in_data_dir() -> RecentProjects {
        let dir = std::env::var_os(DATA_DIR_VAR)
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from)
            .or_else(|| dirs::data_dir().map(|dir| dir.join("drydock")));
        RecentProjects {
            file: dir.map(|dir| dir.join("recent.json")),
        }
    }

    /// Newest first, without folders that are gone. An unreadable or damaged file is an empty
    /// list: it only saves the user a few clicks, and the next open rewrites it.
    pub fn list(&self) -> Vec<RecentProject> {
        let Some(file) = &self.file else {
            return Vec::new();
        };
        let mut projects: Vec<RecentProject> = fs::read(file)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        projects.retain(|p| Path::new(&p.root).is_dir());
        projects.sort_by_key(|p| std::cmp::Reverse(p.opened_at_ms));
        projects.truncate(MAX_RECENT);
        projects
    }

    /// Puts a project at the top of the list.
    pub fn remember(&self, project: RecentProject) -> Result<(), ApiError> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        let mut projects = self.list();
        projects.retain(|p| p.root != project.root);
        projects.insert(0, project);
        projects.truncate(MAX_RECENT);
        let shown = file.display().to_string();
        if let Some(dir) = file.parent() {
            fs::create_dir_all(dir).map_err(|e| ApiError::io(&shown, &e))?;
        }
        let json = serde_json::to_vec_pretty(&projects).expect("plain data serializes");
        crate::atomic::write_atomically(file, &json).map_err(|e| ApiError::io(&shown, &e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(root: &Path, opened_at_ms: u64) -> RecentProject {
        RecentProject {
            name: root.file_name().unwrap().to_string_lossy().into_owned(),
            root: root.display().to_string(),
            opened_at_ms,
        }
    }

    #[test]
    fn newest_first_each_folder_once_at_most_ten() {
        let dir = tempfile::tempdir().unwrap();
        let recent = RecentProjects::at(dir.path().join("data/recent.json"));
        assert_eq!(recent.list(), []);
        let folders: Vec<PathBuf> = (0..12).map(|i| dir.path().join(format!("p{i}"))).collect();
        for (i, folder) in folders.iter().enumerate() {
            fs::create_dir(folder).unwrap();
            recent.remember(entry(folder, i as u64)).unwrap();
        }
        recent.remember(entry(&folders[5], 100)).unwrap();
        let roots: Vec<String> = recent.list().into_iter().map(|p| p.name).collect();
        assert_eq!(
            roots,
            ["p5", "p11", "p10", "p9", "p8", "p7", "p6", "p4", "p3", "p2"]
        );
    }

    #[test]
    fn folders_that_are_gone_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let recent = RecentProjects::at(dir.path().join("recent.json"));
        let (kept, gone) = (dir.path().join("kept"), dir.path().join("gone"));
        fs::create_dir(&kept).unwrap();
        fs::create_dir(&gone).unwrap();
        recent.remember(entry(&kept, 1)).unwrap();
        recent.remember(entry(&gone, 2)).unwrap();
        fs::remove_dir(&gone).unwrap();
        assert_eq!(recent.list(), [entry(&kept, 1)]);
    }

    #[test]
    fn a_damaged_file_is_an_empty_list_and_gets_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("recent.json");
        fs::write(&file, "{not json").unwrap();
        let recent = RecentProjects::at(file.clone());
        assert_eq!(recent.list(), []);
        recent.remember(entry(dir.path(), 7)).unwrap();
        assert_eq!(recent.list(), [entry(dir.path(), 7)]);
        let text = fs::read_to_string(&file).unwrap();
        assert!(text.contains("\"openedAtMs\": 7"), "{text}");
    }
}
