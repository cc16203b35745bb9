//! Drydock's desktop shell: a Tauri window serving `ui/dist`, with one-line command adapters
//! over the core crates. Usage: `drydock-app [PROJECT_FOLDER]`.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod diagnostic;
mod engine_commands;
mod error;
mod project;

use drydock_api::Drydock;
use project::StartFolder;
use tauri::Manager;

fn main() {
    let start = StartFolder::from_args(std::env::args_os().skip(1));
    let title = start.window_title();
    tauri::Builder::default()
        .manage(start)
        .manage(Drydock::from_process())
        .invoke_handler(tauri::generate_handler![
            commands::lint_dockerfile,
            commands::current_project,
            engine_commands::daemon_status,
            engine_commands::start_build,
            engine_commands::start_test,
            engine_commands::cancel,
            engine_commands::history
        ])
        .setup(move |app| {
            if let Some(window) = app.get_webview_window("main") {
                window.set_title(&title)?;
            }
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the Drydock window failed to start");
}
