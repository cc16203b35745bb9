//! The Docker daemon as the app sees it: connected on first use, and again whenever the last
//! connection stops answering (the daemon may start after the app, or restart under it).

use drydock_engine::{ConnectError, Engine, Environment};
use serde::Serialize;
use tokio::sync::Mutex;
use ts_rs::TS;

use crate::error::{code, ApiError};
use crate::Drydock;

/// For a failure drydock has no specific advice on.
const GENERIC_HINT: &str =
    "check that the Docker daemon runs and that DOCKER_HOST or the docker context points to it";

pub struct Daemon {
    /// Where to look for the daemon, as the docker CLI would.
    env: Environment,
    /// The last connection made.
    engine: Mutex<Option<Engine>>,
}

/// The daemon's state for the app's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DaemonStatus {
    pub connected: bool,
    /// The engine's version, e.g. `20.10.24+dfsg1`.
    pub version: Option<String>,
    pub api_version: Option<String>,
    /// Builds use BuildKit.
    pub buildkit: bool,
    /// The address tried (or the docker context or file that could not be read).
    pub host: String,
    /// When not connected: what went wrong.
    pub message: Option<String>,
    /// When not connected: what to do about it.
    pub hint: Option<String>,
}

impl Daemon {
    pub fn new(env: Environment) -> Daemon {
        Daemon {
            env,
            engine: Mutex::new(None),
        }
    }

    /// A connection that answers: the last one while it does, else a new one.
    pub async fn engine(&self) -> Result<Engine, ApiError> {
        self.connect()
            .await
            .map_err(|e| ApiError::new(code::DAEMON_UNAVAILABLE, e.to_string()))
    }

    async fn connect(&self) -> Result<Engine, ConnectError> {
        let mut last = self.engine.lock().await;
        if let Some(engine) = last.as_ref() {
            if engine.ping().await.is_ok() {
                return Ok(engine.clone());
            }
        }
        *last = None;
        let engine = Engine::connect_with(&self.env).await?;
        *last = Some(engine.clone());
        Ok(engine)
    }

    pub async fn status(&self) -> DaemonStatus {
        match self.connect().await {
            Ok(engine) => {
                let daemon = engine.daemon();
                DaemonStatus {
                    connected: true,
                    version: Some(daemon.version.clone()),
                    api_version: Some(daemon.api_version.clone()),
                    buildkit: daemon.buildkit,
                    host: engine.endpoint().host.clone(),
                    message: None,
                    hint: None,
                }
            }
            Err(e) => DaemonStatus {
                connected: false,
                version: None,
                api_version: None,
                buildkit: false,
                host: e.host.clone(),
                message: Some(e.problem().to_owned()),
                hint: Some(e.fix().unwrap_or(GENERIC_HINT).to_owned()),
            },
        }
    }
}

impl Drydock {
    /// Connects (again) if need be and says whether the daemon answers.
    pub async fn daemon_status(&self) -> DaemonStatus {
        self.daemon.status().await
    }
}
