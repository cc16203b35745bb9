//! Errors as they cross IPC: a stable code the UI can branch on, and a message for people
//! that says what to do.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    /// One of the `code` constants below.
    pub code: String,
    pub message: String,
}

impl ApiError {
    pub fn new(code: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

/// The error codes the UI knows.
pub mod code {
    pub const NOT_FOUND: &str = "not_found";
    pub const OUTSIDE_PROJECT: &str = "outside_project";
    pub const NOT_A_FOLDER: &str = "not_a_folder";
    pub const BINARY: &str = "binary";
    pub const TOO_LARGE: &str = "too_large";
    pub const PERMISSION_DENIED: &str = "permission_denied";
    pub const NOT_UTF8: &str = "not_utf8";
    pub const CHANGED_ON_DISK: &str = "changed_on_disk";
    pub const INVALID_PROJECT: &str = "invalid_project";
    pub const DAEMON_UNAVAILABLE: &str = "daemon_unavailable";
    pub const BUSY: &str = "busy";
    pub const HISTORY: &str = "history";
    pub const IO: &str = "io";
}
