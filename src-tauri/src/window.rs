//! The main window: its title names the open project, and closing it with unsaved changes
//! asks first. The UI reports whether its buffer is dirty (`set_dirty`); a dirty window's
//! close is held back and the UI gets `close-requested`, shows its own prompt, and calls
//! `close_window` once the user confirmed.

use std::sync::atomic::{AtomicBool, Ordering};

use drydock_api::{ApiError, ProjectView};
use tauri::{Emitter, Manager, State, Window, WindowEvent};

/// The event a dirty window's close request becomes.
pub const CLOSE_REQUESTED: &str = "close-requested";

/// Whether the editor holds unsaved changes.
#[derive(Default)]
pub struct Dirty(AtomicBool);

pub fn set_title(window: &Window, project: Option<&ProjectView>) {
    let title = match project {
        Some(project) => format!("{} — Drydock", project.name),
        None => "Drydock".to_owned(),
    };
    // A title that cannot be set leaves the old one: nothing the user could act on.
    let _ = window.set_title(&title);
}

pub fn on_window_event(window: &Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        if window.state::<Dirty>().0.load(Ordering::SeqCst) {
            api.prevent_close();
            let _ = window.emit_to(window.label(), CLOSE_REQUESTED, ());
        }
    }
}

#[tauri::command]
pub fn set_dirty(state: State<'_, Dirty>, dirty: bool) {
    state.0.store(dirty, Ordering::SeqCst);
}

/// Closes the window without asking again (the user confirmed, or there is nothing to lose).
#[tauri::command]
pub fn close_window(window: Window) -> Result<(), ApiError> {
    window
        .destroy()
        .map_err(|e| ApiError::new(drydock_api::error::code::IO, e.to_string()))
}
