//! Connecting to the daemon: resolve the endpoint, open a bollard client, and ask the daemon
//! who it is.

mod endpoint;
mod error;

use std::time::Duration;

use bollard::Docker;

pub use endpoint::{Endpoint, Environment, Origin, TlsFiles, DEFAULT_HOST};
pub use error::{ConnectError, ConnectErrorKind};

/// How long the first requests may take: long enough for a busy daemon, short enough that a
/// black-holed address does not hang the app for bollard's default two minutes.
const HANDSHAKE_TIMEOUT_S: u64 = 10;
/// bollard's default; it covers a request up to its response headers, not a stream.
const REQUEST_TIMEOUT_S: u64 = 120;
/// The API version that brought BuildKit builds with a session (Docker 18.09).
const BUILDKIT_MIN_API: (u32, u32) = (1, 39);

/// Who answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaemonInfo {
    /// The engine's version, e.g. `20.10.24+dfsg1`.
    pub version: String,
    /// The newest API version the daemon speaks, e.g. `1.41`.
    pub api_version: String,
    pub os: String,
    pub arch: String,
    /// The daemon can build with BuildKit (through a session).
    pub buildkit: bool,
}

/// A connected daemon. Cheap to clone: bollard's client is reference-counted.
#[derive(Debug, Clone)]
pub struct Engine {
    docker: Docker,
    endpoint: Endpoint,
    daemon: DaemonInfo,
}

impl Engine {
    /// Connects as the docker CLI would from the process environment.
    pub async fn connect() -> Result<Engine, ConnectError> {
        Engine::connect_with(&Environment::from_process()).await
    }

    /// Connects as the docker CLI would from the given environment.
    pub async fn connect_with(env: &Environment) -> Result<Engine, ConnectError> {
        Engine::connect_to(Endpoint::resolve(env)?).await
    }

    /// Connects to an endpoint and asks for the daemon's version.
    ///
    /// No API version is negotiated: bollard 0.21 sends its requests without the `/vX.Y`
    /// prefix, so the daemon answers in its own version whatever was agreed, and the daemon's
    /// `/version` is slow to answer (5 to 15 ms here), a cost each CLI run would pay twice.
    pub async fn connect_to(endpoint: Endpoint) -> Result<Engine, ConnectError> {
        let fail = |e| ConnectError::from_bollard(e, &endpoint, HANDSHAKE_TIMEOUT_S);
        let docker = open(&endpoint).map_err(fail)?;
        docker.ping().await.map_err(fail)?;
        let version = docker.version().await.map_err(fail)?;
        Ok(Engine {
            docker: docker.with_timeout(Duration::from_secs(REQUEST_TIMEOUT_S)),
            endpoint,
            daemon: daemon_info(version),
        })
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    pub fn daemon(&self) -> &DaemonInfo {
        &self.daemon
    }

    /// The bollard client, for the modules of this crate.
    pub(crate) fn docker(&self) -> &Docker {
        &self.docker
    }

    /// Checks that the daemon still answers, e.g. for the app's engine status.
    pub async fn ping(&self) -> Result<(), ConnectError> {
        let probe = self
            .docker
            .clone()
            .with_timeout(Duration::from_secs(HANDSHAKE_TIMEOUT_S));
        match probe.ping().await {
            Ok(_) => Ok(()),
            Err(e) => Err(ConnectError::from_bollard(
                e,
                &self.endpoint,
                HANDSHAKE_TIMEOUT_S,
            )),
        }
    }
}

/// Opens a client for the endpoint's scheme. Only `connect_with_host` would read the TLS
/// files from the process environment, so each scheme is dispatched here.
fn open(endpoint: &Endpoint) -> Result<Docker, bollard::errors::Error> {
    let version = bollard::API_DEFAULT_VERSION;
    let timeout = HANDSHAKE_TIMEOUT_S;
    let host = endpoint.host.as_str();
    match (&endpoint.tls, host.split_once("://")) {
        (_, Some(("unix", _))) => Docker::connect_with_unix(host, timeout, version),
        (Some(tls), Some(("tcp" | "https", _))) => {
            Docker::connect_with_ssl(host, &tls.key, &tls.cert, &tls.ca, timeout, version)
        }
        (None, Some(("tcp" | "http", _))) => Docker::connect_with_http(host, timeout, version),
        _ => Err(bollard::errors::Error::UnsupportedURISchemeError {
            uri: host.to_owned(),
        }),
    }
}

fn daemon_info(version: bollard::models::SystemVersion) -> DaemonInfo {
    let api_version = version.api_version.unwrap_or_default();
    let os = version.os.unwrap_or_default();
    // Podman answers BuildKit requests with buildah and no BuildKit events.
    let podman = version
        .components
        .unwrap_or_default()
        .iter()
        .any(|c| c.name.to_ascii_lowercase().contains("podman"));
    let buildkit = os == "linux" && !podman && api_at_least(&api_version, BUILDKIT_MIN_API);
    DaemonInfo {
        version: version.version.unwrap_or_default(),
        api_version,
        os,
        arch: version.arch.unwrap_or_default(),
        buildkit,
    }
}

fn api_at_least(api: &str, (major, minor): (u32, u32)) -> bool {
    let mut parts = api.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let have = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    have >= (major, minor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_versions_compare_numerically() {
        assert!(api_at_least("1.41", (1, 39)));
        assert!(api_at_least("1.39", (1, 39)));
        assert!(!api_at_least("1.38", (1, 39)));
        assert!(api_at_least("2.0", (1, 39)));
        assert!(!api_at_least("", (1, 39)));
    }

    #[test]
    fn ssh_and_pipes_are_unsupported_schemes() {
        for host in [
            "ssh://me@host",
            "npipe:////./pipe/docker_engine",
            "localhost:2375",
        ] {
            let endpoint = Endpoint::plain(host);
            assert!(matches!(
                open(&endpoint),
                Err(bollard::errors::Error::UnsupportedURISchemeError { .. })
            ));
        }
    }
}
