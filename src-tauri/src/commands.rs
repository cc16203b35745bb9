//! The IPC surface: each command is a one-line adapter from JSON arguments to the core crates.
//! Every command here is named in `command_names.rs` and granted in `capabilities/default.json`.

use crate::diagnostic::{self, Diagnostic};
use crate::error::IpcError;
use crate::project::{Project, StartFolder};

#[tauri::command]
pub fn lint_dockerfile(source: String) -> Vec<Diagnostic> {
    diagnostic::from_findings(&source, drydock_lint::lint(&source, &Default::default()))
}

/// The project folder the app was started with, or `None` when it was started without one.
#[tauri::command]
pub fn current_project(start: tauri::State<StartFolder>) -> Result<Option<Project>, IpcError> {
    start.load()
}

#[cfg(test)]
mod tests {
    include!("command_names.rs");

    #[test]
    fn the_main_window_is_granted_every_command_and_nothing_else() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).unwrap();
        let granted: Vec<&str> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|permission| permission.as_str().unwrap())
            .collect();
        let commands: Vec<String> = COMMAND_NAMES
            .iter()
            .map(|name| format!("allow-{}", name.replace('_', "-")))
            .collect();
        assert_eq!(granted, commands);
    }
}
