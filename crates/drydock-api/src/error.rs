//! Errors as they cross IPC: a stable code the UI can branch on, and a message for people
//! that says what to do.

use std::io;

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

impl ApiError {
    /// An I/O error on `what` (a path as the user knows it): `not_found` and
    /// `permission_denied` get their own codes, anything else is `io`.
    pub fn io(what: &str, error: &io::Error) -> ApiError {
        let code = match error.kind() {
            io::ErrorKind::NotFound => code::NOT_FOUND,
            io::ErrorKind::PermissionDenied => code::PERMISSION_DENIED,
            _ => code::IO,
        };
        ApiError::new(code, format!("{what}: {}", io_reason(error)))
    }
}

/// A lower-case reason for an I/O error, without Rust's "(os error N)" suffix.
pub fn io_reason(error: &io::Error) -> String {
    let text = error.to_string();
    let text = match text.find(" (os error") {
        Some(i) => &text[..i],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => format!("{:?}", error.kind()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_as_lower_case_reasons() {
        let denied = io::Error::from_raw_os_error(13);
        assert_eq!(io_reason(&denied), "permission denied");
        let missing = io::Error::from_raw_os_error(2);
        assert_eq!(io_reason(&missing), "no such file or directory");
        let custom = io::Error::other("Disk on fire");
        assert_eq!(io_reason(&custom), "disk on fire");
    }

    #[test]
    fn io_errors_get_their_codes() {
        let error = |raw| ApiError::io("Dockerfile", &io::Error::from_raw_os_error(raw));
        assert_eq!(
            error(13),
            ApiError::new("permission_denied", "Dockerfile: permission denied")
        );
        assert_eq!(error(2).code, "not_found");
        assert_eq!(error(5).code, "io");
    }
}
