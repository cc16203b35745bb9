//! What the subcommands that talk to Docker share: the runtime, the connection, and Ctrl+C.

use anyhow::{anyhow, Context as _};
use drydock_engine::Engine;
use tokio_util::sync::CancellationToken;

/// One thread is plenty: the work is waiting on the daemon.
pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// The daemon, as the docker CLI would find it; the error says what to do (and already
/// names the cause, so the error chain is not repeated).
pub(crate) async fn connect() -> anyhow::Result<Engine> {
    Engine::connect().await.map_err(|e| anyhow!(e.to_string()))
}

/// A token cancelled by the first Ctrl+C, so the work in progress stops on the daemon and
/// is reported. A second Ctrl+C ends the process at once, for a daemon that does not answer.
pub(crate) fn cancel_on_ctrl_c() -> CancellationToken {
    let token = CancellationToken::new();
    let cancel = token.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            cancel.cancel();
            if tokio::signal::ctrl_c().await.is_ok() {
                std::process::exit(crate::Status::Cancelled as i32);
            }
        }
    });
    token
}
