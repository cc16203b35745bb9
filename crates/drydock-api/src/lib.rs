//! Drydock's use cases as the desktop app calls them, and the types that cross its IPC
//! boundary. No Tauri here: `src-tauri` holds one-line adapters over these functions, and the
//! CLI shares the same flows (reading a Dockerfile, its lint config and build context).
//! Every DTO derives `ts_rs::TS`; `bindings.rs` writes them all into `ui/src/bindings.ts`, and a
//! test fails when the committed file is stale.

pub mod atomic;
pub mod build_context;
pub mod diagnostic;
pub mod error;
pub mod files;
mod guard;
pub mod lint;
pub mod lint_config;
pub mod names;
mod own_writes;
pub mod project;
pub mod recent;
pub mod rule_doc;
pub mod session;
pub mod source;
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
