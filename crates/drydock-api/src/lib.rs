//! Drydock's use cases as the desktop app calls them, and the types that cross its IPC
//! boundary. No Tauri here: `src-tauri` holds one-line adapters over these functions, and the
//! CLI shares the same flows (reading a Dockerfile, its lint config and build context; the
//! build request, build-and-record, test-and-record). Every DTO derives `ts_rs::TS`;
//! `bindings.rs` writes them all into `ui/src/bindings.ts`, and a test fails when the committed
//! file is stale.

pub mod atomic;
pub mod build;
pub mod build_context;
pub mod daemon;
pub mod diagnostic;
pub mod error;
pub mod files;
pub mod follow;
mod guard;
pub mod history;
pub mod lint;
pub mod lint_config;
pub mod names;
mod own_writes;
pub mod project;
pub mod recent;
pub mod rule_doc;
pub mod session;
pub mod slot;
pub mod source;
pub mod test;
mod tree;
pub mod version;
pub mod watch;

#[cfg(test)]
mod bindings;

pub use diagnostic::{Diagnostic, QuickFix, Severity, TextEdit};
pub use error::ApiError;
pub use files::FileText;
pub use lint::LintResult;
pub use project::{Project, ProjectView};
pub use recent::{RecentProject, RecentProjects};
pub use rule_doc::{rule_doc, RuleDoc};
pub use session::Session;
pub use version::FileVersion;
pub use watch::{ChangeKind, FileChange};

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
