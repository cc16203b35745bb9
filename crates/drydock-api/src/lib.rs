//! Drydock's use cases as the desktop app calls them, and the types that cross its IPC
//! boundary. No Tauri here: `src-tauri` holds one-line adapters over these functions, and the
//! CLI shares the same flows (the project folder, the build request, build-and-record,
//! test-and-record). Every DTO derives `ts_rs::TS`; `bindings.rs` writes them all into
//! `ui/src/bindings.ts`, and a test fails when the committed file is stale.

pub mod build;
pub mod daemon;
pub mod error;
pub mod follow;
pub mod history;
pub mod lint_inputs;
pub mod project;
pub mod slot;
pub mod test;

#[cfg(test)]
mod bindings;

pub use error::ApiError;

use drydock_engine::Environment;

use daemon::Daemon;
use history::HistoryFile;
use slot::WorkSlot;

/// The app's side of the daemon and the history: one per app, shared by its commands.
pub struct Drydock {
    daemon: Daemon,
    history: HistoryFile,
    /// The build or test running, one at a time.
    work: WorkSlot,
}

impl Drydock {
    /// `env` says where the daemon is, as the docker CLI would read it.
    pub fn new(env: Environment, history: HistoryFile) -> Drydock {
        Drydock {
            daemon: Daemon::new(env),
            history,
            work: WorkSlot::default(),
        }
    }

    /// The daemon the docker CLI would use from this process's environment, and the history
    /// where `drydock` keeps it.
    pub fn from_process() -> Drydock {
        Drydock::new(Environment::from_process(), HistoryFile::Default)
    }

    /// Cancels the running build or test, if any.
    pub fn cancel(&self) {
        self.work.cancel();
    }
}
