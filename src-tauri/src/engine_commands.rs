//! The build, test, history and daemon commands: one-line adapters over `drydock_api::Drydock`,
//! which connects to the daemon when first needed (and again after it went away), runs one
//! build or test at a time (`busy` otherwise) and cancels it on request. Streams of updates
//! go over a channel the UI passes.

use std::path::PathBuf;

use drydock_api::build::{BuildOutcome, BuildUpdate};
use drydock_api::daemon::DaemonStatus;
use drydock_api::history::HistoryView;
use drydock_api::test::{TestOutcome, TestUpdate};
use drydock_api::{ApiError, Drydock, Session};
use tauri::ipc::Channel;
use tauri::State;

/// The open project's folder; every path the UI sends is relative to it.
fn project_root(session: &Session) -> Result<PathBuf, ApiError> {
    Ok(session.project()?.root.clone())
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
    session: State<'_, Session>,
) -> Result<BuildOutcome, ApiError> {
    drydock
        .build(&project_root(&session)?, &path, sender(&on_event))
        .await
}

#[tauri::command]
pub async fn start_test(
    path: String,
    on_event: Channel<TestUpdate>,
    drydock: State<'_, Drydock>,
    session: State<'_, Session>,
) -> Result<TestOutcome, ApiError> {
    drydock
        .test(&project_root(&session)?, &path, sender(&on_event))
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
    session: State<'_, Session>,
) -> Result<HistoryView, ApiError> {
    drydock.history(&project_root(&session)?, &path)
}
