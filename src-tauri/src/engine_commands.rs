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
use tauri::State;

use crate::project::StartFolder;

/// The open project's folder; every path the UI sends is relative to it.
fn project_root(start: &StartFolder) -> Result<PathBuf, ApiError> {
    start
        .folder()
        .map(ToOwned::to_owned)
        .ok_or_else(|| ApiError::new(code::NOT_FOUND, "no project is open"))
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
    start: State<'_, StartFolder>,
) -> Result<BuildOutcome, ApiError> {
    let send = |update| drop(on_event.send(update));
    drydock.build(&project_root(&start)?, &path, send).await
}

#[tauri::command]
pub async fn start_test(
    path: String,
    on_event: Channel<TestUpdate>,
    drydock: State<'_, Drydock>,
    start: State<'_, StartFolder>,
) -> Result<TestOutcome, ApiError> {
    let send = |update| drop(on_event.send(update));
    drydock.test(&project_root(&start)?, &path, send).await
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
    start: State<'_, StartFolder>,
) -> Result<HistoryView, ApiError> {
    drydock.history(&project_root(&start)?, &path)
}
