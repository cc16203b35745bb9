//! What the subcommands that talk to Docker share: the runtime, the connection, and Ctrl+C.

use std::future::Future;
use std::time::Duration;

use anyhow::{anyhow, Context as _};
use drydock_engine::Engine;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// How often a live view redraws its spinners and clocks.
const TICK: Duration = Duration::from_millis(100);

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

/// Receives what a piece of work reports while it runs.
pub(crate) trait Follower<E> {
    fn event(&mut self, event: E);
    /// A few times a second, for spinners and clocks.
    fn tick(&mut self);
}

/// Runs `work` to its end, handing the follower each event the work sends through the
/// channel as it comes (the engine calls its sinks from inside its futures, so they send
/// here) and ticking it in between.
pub(crate) async fn follow<E, T>(
    work: impl Future<Output = T>,
    events: &mut mpsc::UnboundedReceiver<E>,
    follower: &mut dyn Follower<E>,
) -> T {
    tokio::pin!(work);
    let mut ticker = tokio::time::interval(TICK);
    let result = loop {
        tokio::select! {
            biased;
            Some(event) = events.recv() => follower.event(event),
            result = &mut work => break result,
            _ = ticker.tick() => follower.tick(),
        }
    };
    while let Ok(event) = events.try_recv() {
        follower.event(event);
    }
    result
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
