//! Watching a project for changes made outside the editor: Dockerfiles, ignore files,
//! `drydock.toml` and the lint config. The folders the Dockerfile search visits are watched one
//! by one (never `node_modules` and its thousands of folders), folders created later join in,
//! and events are debounced: a burst of writes is one change. A file's change is reported only
//! when its content differs from what was seen before and from what the editor itself wrote.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{code, ApiError};
use crate::names::is_watched_name;
use crate::own_writes::OwnWrites;
use crate::project::Project;
use crate::tree;
use crate::version::FileVersion;

/// How long the files must stay quiet before their changes are reported.
const QUIET: Duration = Duration::from_millis(100);
/// A file written without pause is still reported this often.
const MAX_DELAY: Duration = Duration::from_millis(500);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FileChange {
    /// Relative to the project folder, with `/`.
    pub path: String,
    pub kind: ChangeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    Modified,
    Removed,
    Created,
}

/// A running watch; dropping it stops it.
pub struct ProjectWatch {
    signals: Sender<Signal>,
    thread: Option<JoinHandle<()>>,
}

enum Signal {
    Fs(notify::Result<notify::Event>),
    Stop,
}

/// Starts watching `project`; `sink` gets every change, on the watch's own thread.
pub fn watch(
    project: &Project,
    sink: impl FnMut(FileChange) + Send + 'static,
) -> Result<ProjectWatch, ApiError> {
    let (signals, receiver) = mpsc::channel();
    let events = signals.clone();
    let watcher = notify::recommended_watcher(move |event| {
        let _ = events.send(Signal::Fs(event));
    })
    .map_err(watch_error)?;
    let mut state = WatchState {
        root: project.root.clone(),
        watcher,
        watched_dirs: HashSet::new(),
        known: HashMap::new(),
        own_writes: Arc::clone(&project.own_writes),
        sink: Box::new(sink),
    };
    let tree = tree::scan(&state.root, &state.root);
    state.add_dirs(&tree.dirs)?;
    for file in tree.files {
        if let Ok(Some(version)) = FileVersion::read(&file) {
            state.known.insert(file, version);
        }
    }
    let thread = thread::Builder::new()
        .name("drydock-watch".to_owned())
        .spawn(move || state.run(receiver))
        .map_err(|e| ApiError::io("cannot start the file watcher", &e))?;
    Ok(ProjectWatch {
        signals,
        thread: Some(thread),
    })
}

impl Drop for ProjectWatch {
    fn drop(&mut self) {
        let _ = self.signals.send(Signal::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn has_watched_name(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| is_watched_name(&name.to_string_lossy()))
}

fn watch_error(error: notify::Error) -> ApiError {
    ApiError::new(
        code::IO,
        format!("cannot watch the project folder: {error}"),
    )
}

struct WatchState {
    root: PathBuf,
    watcher: RecommendedWatcher,
    watched_dirs: HashSet<PathBuf>,
    /// The watched files and the content last seen in each.
    known: HashMap<PathBuf, FileVersion>,
    own_writes: Arc<OwnWrites>,
    sink: Box<dyn FnMut(FileChange) + Send>,
}

impl WatchState {
    fn run(mut self, signals: Receiver<Signal>) {
        let mut pending = BTreeSet::new();
        let mut first_pending = Instant::now();
        loop {
            let signal = if pending.is_empty() {
                signals.recv().map_err(|_| RecvTimeoutError::Disconnected)
            } else {
                let left = MAX_DELAY.saturating_sub(first_pending.elapsed());
                signals.recv_timeout(QUIET.min(left))
            };
            match signal {
                Ok(Signal::Fs(Ok(event))) => {
                    if pending.is_empty() {
                        first_pending = Instant::now();
                    }
                    if event.need_rescan() {
                        pending.extend(self.known.keys().cloned());
                        pending.insert(self.root.clone());
                    }
                    // Opening a file to read it is no change (and the watch reads files itself).
                    if !matches!(event.kind, EventKind::Access(_)) {
                        pending.extend(event.paths);
                    }
                }
                // A failing watch (an unreadable folder, a full event queue) drops its event;
                // the next event on the same files still reports them.
                Ok(Signal::Fs(Err(_))) => {}
                Err(RecvTimeoutError::Timeout) => self.flush(std::mem::take(&mut pending)),
                Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    fn flush(&mut self, paths: BTreeSet<PathBuf>) {
        for path in paths {
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => self.folder_appeared(&path),
                // Only regular files: reading a named pipe would block the watch for good.
                Ok(meta) if meta.is_file() && has_watched_name(&path) => self.file_changed(&path),
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => self.gone(&path),
                Err(_) => {}
            }
        }
    }

    /// A folder created or moved in: watched (if the search visits it), with its files.
    fn folder_appeared(&mut self, dir: &Path) {
        let tree = tree::scan(&self.root, dir);
        let _ = self.add_dirs(&tree.dirs);
        for file in tree.files {
            self.file_changed(&file);
        }
    }

    /// A file or folder deleted or moved out: every known file at or under it is removed.
    fn gone(&mut self, path: &Path) {
        self.watched_dirs.retain(|dir| !dir.starts_with(path));
        let mut removed: Vec<PathBuf> = self
            .known
            .keys()
            .filter(|known| known.starts_with(path))
            .cloned()
            .collect();
        removed.sort();
        for file in removed {
            self.known.remove(&file);
            self.report(&file, ChangeKind::Removed);
        }
    }

    fn file_changed(&mut self, path: &Path) {
        let Ok(Some(now)) = FileVersion::read(path) else {
            return;
        };
        let before = self.known.insert(path.to_owned(), now.clone());
        let unchanged = before.as_ref().is_some_and(|b| b.same_content(&now));
        if unchanged || self.own_writes.is_ours(path, &now) {
            return;
        }
        let kind = if before.is_some() {
            ChangeKind::Modified
        } else {
            ChangeKind::Created
        };
        self.report(path, kind);
    }

    fn report(&mut self, path: &Path, kind: ChangeKind) {
        if let Some(path) = tree::relative(&self.root, path) {
            (self.sink)(FileChange { path, kind });
        }
    }

    fn add_dirs(&mut self, dirs: &[PathBuf]) -> Result<(), ApiError> {
        for dir in dirs {
            if self.watched_dirs.insert(dir.clone()) {
                self.watcher
                    .watch(dir, RecursiveMode::NonRecursive)
                    .map_err(watch_error)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::Receiver;

    /// Generous: the watch itself reports within ~100 ms, but a loaded machine is slow.
    const DEADLINE: Duration = Duration::from_secs(5);

    struct Watched {
        dir: tempfile::TempDir,
        project: Project,
        changes: Receiver<FileChange>,
        _watch: ProjectWatch,
    }

    fn watched(files: &[(&str, &str)]) -> Watched {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            write(dir.path(), name, text);
        }
        let project = Project::open(dir.path()).unwrap();
        let (sender, changes) = mpsc::channel();
        let watch = watch(&project, move |change| {
            let _ = sender.send(change);
        })
        .unwrap();
        Watched {
            dir,
            project,
            changes,
            _watch: watch,
        }
    }

    fn write(root: &Path, name: &str, text: &str) {
        let path = root.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn change(path: &str, kind: ChangeKind) -> FileChange {
        FileChange {
            path: path.to_owned(),
            kind,
        }
    }

    impl Watched {
        /// The next `n` changes, sorted by path, then checks that no other follows.
        fn next(&self, n: usize) -> Vec<FileChange> {
            let mut seen: Vec<FileChange> = (0..n)
                .map(|i| {
                    self.changes
                        .recv_timeout(DEADLINE)
                        .unwrap_or_else(|_| panic!("change {} of {n} never came", i + 1))
                })
                .collect();
            seen.sort_by(|a, b| a.path.cmp(&b.path));
            let extra = self.changes.recv_timeout(Duration::from_millis(300));
            assert!(extra.is_err(), "after {seen:?}, also {extra:?}");
            seen
        }

        /// Writes a marker file and returns every change reported up to the marker's: changes
        /// made before the marker come first, so whatever is wrongly reported shows up here.
        fn up_to_marker(&self) -> Vec<FileChange> {
            write(self.dir.path(), "marker.Dockerfile", "FROM marker\n");
            let mut seen = Vec::new();
            while seen.last() != Some(&change("marker.Dockerfile", ChangeKind::Created)) {
                let next = self.changes.recv_timeout(DEADLINE);
                seen.push(next.unwrap_or_else(|_| panic!("no marker after {seen:?}")));
            }
            seen.pop();
            seen
        }
    }

    #[test]
    fn reports_an_external_edit_of_a_dockerfile() {
        let watched = watched(&[("Dockerfile", "FROM a\n")]);
        write(watched.dir.path(), "Dockerfile", "FROM b\n");
        assert_eq!(
            watched.next(1),
            [change("Dockerfile", ChangeKind::Modified)]
        );
    }

    #[test]
    fn does_not_report_our_own_save() {
        let watched = watched(&[("Dockerfile", "FROM a\n")]);
        let project = &watched.project;
        let base = crate::files::read_dockerfile(project, "Dockerfile")
            .unwrap()
            .version;
        crate::files::save_dockerfile(project, "Dockerfile", "FROM ours\n", Some(&base), false)
            .unwrap();
        crate::files::save_dockerfile(project, "new.Dockerfile", "FROM ours\n", None, false)
            .unwrap();
        assert_eq!(watched.up_to_marker(), []);
        // Someone else's edit after ours is still theirs.
        write(watched.dir.path(), "Dockerfile", "FROM theirs\n");
        assert_eq!(
            watched.next(1),
            [change("Dockerfile", ChangeKind::Modified)]
        );
    }

    #[test]
    fn reports_created_and_removed_files_that_matter_only() {
        let watched = watched(&[
            ("Dockerfile", "FROM a\n"),
            ("docker/api.Dockerfile", "FROM a\n"),
        ]);
        let root = watched.dir.path();
        write(root, ".hadolint.yaml", "ignored: [DL3007]\n");
        write(root, "README.md", "# x\n");
        write(root, "node_modules/x/Dockerfile", "FROM a\n");
        write(root, "services/web/Dockerfile", "FROM a\n");
        assert_eq!(
            watched.next(2),
            [
                change(".hadolint.yaml", ChangeKind::Created),
                change("services/web/Dockerfile", ChangeKind::Created),
            ]
        );
        fs::remove_dir_all(root.join("docker")).unwrap();
        write(root, "services/web/Dockerfile", "FROM b\n");
        assert_eq!(
            watched.next(2),
            [
                change("docker/api.Dockerfile", ChangeKind::Removed),
                change("services/web/Dockerfile", ChangeKind::Modified),
            ]
        );
    }

    #[test]
    fn a_touch_without_new_content_is_no_change() {
        let watched = watched(&[("Dockerfile", "FROM a\n")]);
        write(watched.dir.path(), "Dockerfile", "FROM a\n");
        assert_eq!(watched.up_to_marker(), []);
    }
}
