// Every IPC command, shared by build.rs (the app manifest that makes tauri-build generate an
// `allow-<command>` permission for each) and the test that checks the capability grants them.
pub const COMMAND_NAMES: &[&str] = &[
    "lint_dockerfile",
    "current_project",
    "daemon_status",
    "start_build",
    "start_test",
    "cancel",
    "history",
];
