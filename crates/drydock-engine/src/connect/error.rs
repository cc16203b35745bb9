//! Why a connection failed, classified from the error's type and its `source()` chain (never
//! from message text), and a message that says what to do about it.

use std::error::Error as StdError;
use std::io;

use bollard::errors::Error as BollardError;

use super::endpoint::{Endpoint, Origin};

/// What went wrong, for callers that react differently (the app offers to retry on
/// `NoDaemon`, a CI run just prints the message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectErrorKind {
    /// Nothing listens on the socket: the daemon is not running.
    NoDaemon,
    /// The socket exists but this user may not open it.
    PermissionDenied,
    /// A TCP address that refuses or cannot be routed to.
    Unreachable,
    /// No answer in time.
    Timeout,
    /// Certificates missing or unreadable, or the TLS handshake failed.
    Tls,
    /// Something answered, but not as a Docker daemon.
    WrongHost,
    /// An address scheme drydock cannot use (`ssh://`, `npipe://`, ...).
    UnsupportedScheme,
    /// The docker context or its files could not be read.
    Context,
    Other,
}

/// A failed connection: its kind, the address tried, what went wrong and what to do about
/// it. Shown as `<problem>: <fix>`.
#[derive(Debug, thiserror::Error)]
#[error("{problem}{}", fix.as_ref().map(|fix| format!(": {fix}")).unwrap_or_default())]
pub struct ConnectError {
    pub kind: ConnectErrorKind,
    /// The address (or file) involved.
    pub host: String,
    problem: String,
    fix: Option<String>,
    /// Boxed: the error is returned often and bollard's is large.
    #[source]
    source: Option<Box<BollardError>>,
}

impl ConnectError {
    pub(crate) fn new(
        kind: ConnectErrorKind,
        host: impl Into<String>,
        problem: String,
        fix: Option<String>,
    ) -> Self {
        ConnectError {
            kind,
            host: host.into(),
            problem,
            fix,
            source: None,
        }
    }

    /// Classifies a bollard error met while connecting to `endpoint`.
    pub(crate) fn from_bollard(error: BollardError, endpoint: &Endpoint, timeout_s: u64) -> Self {
        let (kind, detail) = classify(&error, endpoint);
        let (problem, fix) = message(kind, endpoint, &detail, timeout_s);
        ConnectError {
            kind,
            host: endpoint.host.clone(),
            problem,
            fix,
            source: Some(Box::new(error)),
        }
    }

    /// What went wrong, without the fix.
    pub fn problem(&self) -> &str {
        &self.problem
    }

    /// What to do about it, when drydock knows.
    pub fn fix(&self) -> Option<&str> {
        self.fix.as_deref()
    }
}

/// The kind, and the most telling underlying message (e.g. "Connection refused (os error 111)").
fn classify(error: &BollardError, endpoint: &Endpoint) -> (ConnectErrorKind, String) {
    use ConnectErrorKind::*;
    match error {
        BollardError::SocketNotFoundError(path) => (NoDaemon, format!("{path} does not exist")),
        BollardError::CertPathError { path } | BollardError::CertParseError { path } => {
            (Tls, format!("cannot read {}", path.display()))
        }
        BollardError::CertMultipleKeys { path, count } => {
            (Tls, format!("{} holds {count} keys", path.display()))
        }
        BollardError::NoNativeCertsError { .. } | BollardError::LoadNativeCertsErrors { .. } => (
            Tls,
            "the system's root certificates cannot be loaded".into(),
        ),
        BollardError::UnsupportedURISchemeError { uri } => (UnsupportedScheme, uri.clone()),
        BollardError::RequestTimeoutError => (Timeout, String::new()),
        BollardError::DockerResponseServerError {
            status_code,
            message,
        } => (WrongHost, http_detail(*status_code, message)),
        BollardError::JsonDataError { .. } | BollardError::APIVersionParseError {} => {
            (WrongHost, "its answer is not the Docker API".into())
        }
        _ => classify_chain(error, endpoint),
    }
}

/// Walks the error's causes down to the IO or TLS error that says what happened.
fn classify_chain(error: &BollardError, endpoint: &Endpoint) -> (ConnectErrorKind, String) {
    let mut current: Option<&(dyn StdError + 'static)> = Some(error);
    let mut innermost = error.to_string();
    while let Some(e) = current {
        innermost = e.to_string();
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return (ConnectErrorKind::Tls, tls.to_string());
        }
        if let Some(kind) = e
            .downcast_ref::<io::Error>()
            .and_then(|io| io_kind(io.kind(), endpoint))
        {
            return (kind, innermost);
        }
        current = cause(e);
    }
    (ConnectErrorKind::Other, innermost)
}

/// The next error in the chain. `source()` skips what an `io::Error` wraps (hyper-rustls
/// wraps rustls's error twice), and bollard's transparent `IOError` skips the `io::Error`.
fn cause<'a>(e: &'a (dyn StdError + 'static)) -> Option<&'a (dyn StdError + 'static)> {
    if let Some(BollardError::IOError { err }) = e.downcast_ref::<BollardError>() {
        return Some(err);
    }
    match e.downcast_ref::<io::Error>().and_then(io::Error::get_ref) {
        Some(inner) => Some(inner),
        None => e.source(),
    }
}

fn http_detail(status_code: u16, message: &str) -> String {
    match message.trim() {
        "" => format!("HTTP {status_code}"),
        message => format!("HTTP {status_code}: {message}"),
    }
}

fn io_kind(kind: io::ErrorKind, endpoint: &Endpoint) -> Option<ConnectErrorKind> {
    use io::ErrorKind as K;
    Some(match kind {
        K::PermissionDenied => ConnectErrorKind::PermissionDenied,
        K::TimedOut => ConnectErrorKind::Timeout,
        // A refused socket is a stale one left by a daemon that stopped.
        K::ConnectionRefused | K::NotFound if !endpoint.is_tcp() => ConnectErrorKind::NoDaemon,
        K::ConnectionRefused
        | K::HostUnreachable
        | K::NetworkUnreachable
        | K::AddrNotAvailable
        | K::NotFound => ConnectErrorKind::Unreachable,
        K::ConnectionReset | K::ConnectionAborted | K::UnexpectedEof | K::BrokenPipe
            if endpoint.tls.is_some() =>
        {
            // The server hung up during the handshake: it refused our certificate.
            ConnectErrorKind::Tls
        }
        _ => return None,
    })
}

/// The problem and its fix.
fn message(
    kind: ConnectErrorKind,
    endpoint: &Endpoint,
    detail: &str,
    timeout_s: u64,
) -> (String, Option<String>) {
    use ConnectErrorKind::*;
    let host = &endpoint.host;
    let via = match &endpoint.origin {
        Origin::Default => String::new(),
        origin => format!(" (from {origin})"),
    };
    let set_host = match &endpoint.origin {
        Origin::Context { from_env: true, .. } => "set DOCKER_HOST or DOCKER_CONTEXT",
        Origin::Context { .. } => "set DOCKER_HOST or `docker context use` another context",
        _ => "set DOCKER_HOST",
    };
    let (problem, fix) = match kind {
        NoDaemon if endpoint.origin == Origin::Default => (
            format!("no Docker daemon answers at {host}"),
            format!("start it with `sudo systemctl start docker` or {set_host}"),
        ),
        NoDaemon => (
            format!("no Docker daemon answers at {host}{via} ({detail})"),
            format!("start the daemon there or {set_host}"),
        ),
        PermissionDenied => (
            format!("permission denied on {host}{via}"),
            "add your user to the `docker` group (`sudo usermod -aG docker $USER`, then log \
             in again) or run as root"
                .to_owned(),
        ),
        Unreachable => (
            format!("cannot reach a Docker daemon at {host}{via} ({detail})"),
            format!("check that the daemon listens there, or {set_host}"),
        ),
        Timeout => (
            format!("the Docker daemon at {host}{via} did not answer within {timeout_s}s"),
            "check the address and the network".to_owned(),
        ),
        Tls => (
            format!("TLS with the Docker daemon at {host}{via} failed ({detail})"),
            "check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) and DOCKER_TLS_VERIFY".to_owned(),
        ),
        WrongHost if endpoint.is_tcp() && endpoint.tls.is_none() => (
            format!("{host}{via} answered, but not as a Docker daemon ({detail})"),
            format!(
                "if it expects TLS, set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH; otherwise \
                 {set_host}"
            ),
        ),
        WrongHost => (
            format!("{host}{via} answered, but not as a Docker daemon ({detail})"),
            format!("{set_host} to the daemon's address"),
        ),
        UnsupportedScheme => (
            format!("cannot connect to {host}{via}"),
            format!("drydock supports unix:// and tcp:// addresses, {set_host} to one"),
        ),
        Context | Other => {
            return (
                format!("cannot talk to the Docker daemon at {host}{via}: {detail}"),
                None,
            )
        }
    };
    (problem, Some(fix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connect::endpoint::TlsFiles;

    fn endpoint(host: &str, origin: Origin) -> Endpoint {
        Endpoint {
            host: host.into(),
            tls: None,
            origin,
        }
    }

    #[test]
    fn missing_default_socket_says_how_to_start_docker() {
        let e = ConnectError::from_bollard(
            BollardError::SocketNotFoundError("/var/run/docker.sock".into()),
            &endpoint("unix:///var/run/docker.sock", Origin::Default),
            10,
        );
        assert_eq!(e.kind, ConnectErrorKind::NoDaemon);
        assert_eq!(
            e.to_string(),
            "no Docker daemon answers at unix:///var/run/docker.sock: start it with \
             `sudo systemctl start docker` or set DOCKER_HOST"
        );
    }

    #[test]
    fn io_errors_deep_in_the_chain_are_classified() {
        let unix = endpoint("unix:///run/docker.sock", Origin::DockerHost);
        let tcp = endpoint("tcp://127.0.0.1:1", Origin::DockerHost);
        let cases = [
            (
                io::ErrorKind::PermissionDenied,
                &unix,
                ConnectErrorKind::PermissionDenied,
            ),
            (
                io::ErrorKind::ConnectionRefused,
                &unix,
                ConnectErrorKind::NoDaemon,
            ),
            (
                io::ErrorKind::ConnectionRefused,
                &tcp,
                ConnectErrorKind::Unreachable,
            ),
            (io::ErrorKind::TimedOut, &tcp, ConnectErrorKind::Timeout),
        ];
        for (io_kind, endpoint, expected) in cases {
            let error = BollardError::IOError {
                err: io::Error::new(io_kind, "boom"),
            };
            assert_eq!(classify(&error, endpoint).0, expected, "{io_kind:?}");
        }
    }

    #[test]
    fn rustls_errors_inside_nested_io_errors_are_tls_errors() {
        // hyper-rustls wraps tokio-rustls's io::Error, which wraps rustls's error.
        let error = BollardError::IOError {
            err: io::Error::other(io::Error::new(
                io::ErrorKind::InvalidData,
                rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
            )),
        };
        let mut tls = endpoint("tcp://127.0.0.1:2376", Origin::DockerHost);
        tls.tls = Some(TlsFiles::in_dir("/certs".as_ref()));
        let (kind, detail) = classify(&error, &tls);
        assert_eq!(kind, ConnectErrorKind::Tls);
        assert!(detail.contains("UnknownIssuer"), "{detail}");
    }

    #[test]
    fn plain_http_answered_with_an_error_hints_at_tls() {
        let e = ConnectError::from_bollard(
            BollardError::DockerResponseServerError {
                status_code: 400,
                message: "Client sent an HTTP request to an HTTPS server.\n".into(),
            },
            &endpoint("tcp://127.0.0.1:2376", Origin::DockerHost),
            10,
        );
        assert_eq!(e.kind, ConnectErrorKind::WrongHost);
        assert!(
            e.to_string()
                .contains("if it expects TLS, set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH"),
            "{e}"
        );
    }
}
