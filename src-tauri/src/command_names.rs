// Every IPC command, shared by build.rs (the app manifest that makes tauri-build generate an
// `allow-<command>` permission for each) and the test that checks the capability grants them.
pub const COMMAND_NAMES: &[&str] = &[
    "start_project",
    "open_project",
    "recent_projects",
    "read_dockerfile",
    "save_dockerfile",
    "lint_dockerfile",
    "rule_doc",
    "watch_project",
    "daemon_status",
    "start_build",
    "start_test",
    "cancel",
    "history",
    "set_dirty",
    "close_window",
];
