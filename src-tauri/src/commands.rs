//! The IPC surface for project files and lint: each command is a one-line adapter over
//! `drydock_api::Session`. Every command here is named in `command_names.rs` and granted in
//! `capabilities/default.json`. The ones that touch the disk run off the main thread
//! (`async`), so a slow disk never freezes the window.

use std::path::Path;

use drydock_api::watch::FileChange;
use drydock_api::{
    ApiError, FileText, FileVersion, LintResult, ProjectView, RecentProject, RuleDoc, Session,
};
use tauri::ipc::Channel;
use tauri::{State, Window};

use crate::window::set_title;

#[tauri::command(async)]
pub fn start_project(
    session: State<'_, Session>,
    window: Window,
) -> Result<Option<ProjectView>, ApiError> {
    session
        .start_project()
        .inspect(|view| set_title(&window, view.as_ref()))
}

#[tauri::command(async)]
pub fn open_project(
    session: State<'_, Session>,
    window: Window,
    path: String,
) -> Result<ProjectView, ApiError> {
    session
        .open_project(Path::new(&path))
        .inspect(|view| set_title(&window, Some(view)))
}

#[tauri::command(async)]
pub fn recent_projects(session: State<'_, Session>) -> Result<Vec<RecentProject>, ApiError> {
    Ok(session.recent_projects())
}

#[tauri::command(async)]
pub fn read_dockerfile(session: State<'_, Session>, path: String) -> Result<FileText, ApiError> {
    session.read_dockerfile(&path)
}

#[tauri::command(async)]
pub fn save_dockerfile(
    session: State<'_, Session>,
    path: String,
    text: String,
    base_version: Option<FileVersion>,
    force: bool,
) -> Result<FileVersion, ApiError> {
    session.save_dockerfile(&path, &text, base_version.as_ref(), force)
}

#[tauri::command(async)]
pub fn lint_dockerfile(
    session: State<'_, Session>,
    path: String,
    source: String,
) -> Result<LintResult, ApiError> {
    session.lint_dockerfile(&path, &source)
}

#[tauri::command]
pub fn rule_doc(code: String) -> Result<RuleDoc, ApiError> {
    drydock_api::rule_doc(&code)
}

/// Streams the open project's external file changes; replaces any earlier watch.
#[tauri::command(async)]
pub fn watch_project(
    session: State<'_, Session>,
    on_change: Channel<FileChange>,
) -> Result<(), ApiError> {
    session.watch_project(move |change| drop(on_change.send(change)))
}

#[cfg(test)]
mod tests {
    include!("command_names.rs");

    /// Granted besides the app's own commands: the folder picker, opening a rule's page in
    /// the browser, and listening to the `close-requested` event.
    const PLUGIN_PERMISSIONS: [&str; 4] = [
        "dialog:allow-open",
        "opener:allow-open-url",
        "core:event:allow-listen",
        "core:event:allow-unlisten",
    ];

    fn capability() -> serde_json::Value {
        serde_json::from_str(include_str!("../capabilities/default.json")).unwrap()
    }

    #[test]
    fn the_main_window_is_granted_every_command_and_nothing_else() {
        let capability = capability();
        let granted: Vec<&str> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|permission| {
                permission
                    .as_str()
                    .or_else(|| permission["identifier"].as_str())
                    .unwrap()
            })
            .collect();
        let mut expected: Vec<String> = COMMAND_NAMES
            .iter()
            .map(|name| format!("allow-{}", name.replace('_', "-")))
            .collect();
        expected.extend(PLUGIN_PERMISSIONS.map(str::to_owned));
        assert_eq!(granted, expected);
    }

    #[test]
    fn only_rule_documentation_pages_may_be_opened() {
        let capability = capability();
        let opener = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["identifier"] == "opener:allow-open-url")
            .expect("the opener is scoped");
        let urls: Vec<&str> = opener["allow"]
            .as_array()
            .unwrap()
            .iter()
            .map(|scope| scope["url"].as_str().unwrap())
            .collect();
        let hadolint = "https://github.com/hadolint/hadolint/wiki/*".to_owned();
        let ours = drydock_api::rule_doc::docs_page("*");
        assert_eq!(urls, [hadolint.as_str(), ours.as_str()]);
    }
}
