//! The build, test, history and daemon commands: one-line adapters over `drydock_api::Drydock`,
//! which connects to the daemon when first needed (and again after it went away), runs one
//! build or test at a time (`busy` otherwise) and cancels it on request. Streams of updates
//! go over a channel the UI passes.

use std::path::PathBuf;

use drydock_api::build::{BuildOutcome, BuildUpdate};
use drydock_api::daemon::DaemonStatus;
use drydock_api::error::code;
use drydock_api::history::HistoryView;
use drydock_api::test::{TestOutcome, TestUpdate};
use drydock_api::{ApiError, Drydock};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use crate::project::StartFolder;

/// The open project's folder; every path the UI sends is relative to it.
fn project_root(app: &AppHandle) -> Result<PathBuf, ApiError> {
    app.state::<StartFolder>()
        .folder()
        .map(ToOwned::to_owned)
        .ok_or_else(|| ApiError::new(code::NOT_FOUND, "no project is open"))
}

/// Sends each update to the UI; a window that has gone cannot be told, and the work goes on
/// to be recorded all the same.
fn sender<T: tauri::ipc::IpcResponse + Sync>(channel: &Channel<T>) -> impl FnMut(T) + Send + '_ {
    move |update| {
        let _ = channel.send(update);
    }
}

#[tauri::command]
pub async fn daemon_status(drydock: State<'_, Drydock>) -> Result<DaemonStatus, ApiError> {
    Ok(drydock.daemon_status().await)
}

#[tauri::command]
pub async fn start_build(
    path: String,
    on_event: Channel<BuildUpdate>,
    drydock: State<'_, Drydock>,
    app: AppHandle,
) -> Result<BuildOutcome, ApiError> {
    drydock
        .build(&project_root(&app)?, &path, sender(&on_event))
        .await
}

#[tauri::command]
pub async fn start_test(
    path: String,
    on_event: Channel<TestUpdate>,
    drydock: State<'_, Drydock>,
    app: AppHandle,
) -> Result<TestOutcome, ApiError> {
    drydock
        .test(&project_root(&app)?, &path, sender(&on_event))
        .await
}

#[tauri::command]
pub fn cancel(drydock: State<'_, Drydock>) {
    drydock.cancel();
}

/// Reads the history file: off the main thread.
#[tauri::command(async)]
pub fn history(
    path: String,
    drydock: State<'_, Drydock>,
    app: AppHandle,
) -> Result<HistoryView, ApiError> {
    drydock.history(&project_root(&app)?, &path)
}
