//! Errors as they cross IPC: a stable code the UI can branch on, and a message for people.

use serde::Serialize;

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct IpcError {
    pub code: &'static str,
    pub message: String,
}

impl IpcError {
    pub fn new(code: &'static str, message: impl Into<String>) -> IpcError {
        IpcError {
            code,
            message: message.into(),
        }
    }
}
