//! Drydock's desktop shell: a Tauri window serving `ui/dist`, with one-line command adapters
//! over `drydock-api`. Usage: `drydock-app [PROJECT_FOLDER]`.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod engine_commands;
mod window;

use std::path::PathBuf;

use drydock_api::{Drydock, RecentProjects, Session};

fn main() {
    #[cfg(target_os = "linux")]
    prefer_software_compositing();
    let start_folder = std::env::args_os().nth(1).map(PathBuf::from);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(Session::new(start_folder, RecentProjects::in_data_dir()))
        .manage(window::Dirty::default())
        .manage(Drydock::from_process())
        .invoke_handler(tauri::generate_handler![
            commands::start_project,
            commands::open_project,
            commands::recent_projects,
            commands::read_dockerfile,
            commands::save_dockerfile,
            commands::lint_dockerfile,
            commands::rule_doc,
            commands::watch_project,
            engine_commands::daemon_status,
            engine_commands::start_build,
            engine_commands::start_test,
            engine_commands::cancel,
            engine_commands::history,
            window::set_dirty,
            window::close_window,
        ])
        .on_window_event(window::on_window_event)
        .run(tauri::generate_context!())
        .expect("the Drydock window failed to start");
}

/// WebKitGTK's accelerated compositing costs its web process about 110 MB (measured with the
/// app benchmark: 243 MB PSS with it, 133 MB without) and gives nothing an editor, a timeline
/// and SVG charts need. A user who sets the variable keeps their choice.
#[cfg(target_os = "linux")]
fn prefer_software_compositing() {
    const VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(VARIABLE).is_none() {
        // Before any thread starts, so no other thread reads the environment meanwhile.
        std::env::set_var(VARIABLE, "1");
    }
}
