//! Where the daemon is: `DOCKER_HOST`, else `DOCKER_CONTEXT`, else the docker CLI's current
//! context, else the default socket, resolved the way the docker CLI does. bollard knows nothing
//! of contexts, so they are read here.

use std::fmt;
use std::path::{Path, PathBuf};

use super::error::{ConnectError, ConnectErrorKind};

/// The default daemon address on Linux and macOS.
pub const DEFAULT_HOST: &str = "unix:///var/run/docker.sock";

/// The environment the docker CLI reads, captured once so that tests can pass their own
/// instead of mutating the process environment.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// `DOCKER_HOST`; empty counts as unset.
    pub docker_host: Option<String>,
    /// `DOCKER_CONTEXT`; empty counts as unset.
    pub docker_context: Option<String>,
    /// `DOCKER_TLS_VERIFY` is set to a non-empty value.
    pub tls_verify: bool,
    /// `DOCKER_CERT_PATH`: the directory holding `ca.pem`, `cert.pem` and `key.pem`.
    pub cert_path: Option<PathBuf>,
    /// `DOCKER_CONFIG`, else `~/.docker`: holds `config.json` and `contexts/`.
    pub config_dir: Option<PathBuf>,
}

impl Environment {
    /// Reads the variables of the current process.
    pub fn from_process() -> Environment {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let home = var("HOME").map(PathBuf::from);
        Environment {
            docker_host: var("DOCKER_HOST"),
            docker_context: var("DOCKER_CONTEXT"),
            tls_verify: var("DOCKER_TLS_VERIFY").is_some(),
            cert_path: var("DOCKER_CERT_PATH").map(PathBuf::from),
            config_dir: var("DOCKER_CONFIG")
                .map(PathBuf::from)
                .or_else(|| home.map(|h| h.join(".docker"))),
        }
    }
}

/// The client certificate files for a TLS endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub ca: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl TlsFiles {
    /// `ca.pem`, `cert.pem` and `key.pem` in `dir`, the layout of `DOCKER_CERT_PATH` and of a
    /// context's TLS directory.
    pub fn in_dir(dir: &Path) -> TlsFiles {
        TlsFiles {
            ca: dir.join("ca.pem"),
            cert: dir.join("cert.pem"),
            key: dir.join("key.pem"),
        }
    }
}

/// What chose the endpoint; named in error messages so the user knows what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    DockerHost,
    /// A docker context, and whether `DOCKER_CONTEXT` (rather than `config.json`) named it.
    Context {
        name: String,
        from_env: bool,
    },
    Default,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::DockerHost => f.write_str("DOCKER_HOST"),
            Origin::Context { name, .. } => write!(f, "docker context `{name}`"),
            Origin::Default => f.write_str("the default address"),
        }
    }
}

/// A resolved daemon address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `unix:///path`, `tcp://host:port`, ...
    pub host: String,
    /// Present when the connection uses TLS.
    pub tls: Option<TlsFiles>,
    pub origin: Origin,
}

impl Endpoint {
    /// An explicit address without TLS, e.g. from a command-line flag.
    pub fn plain(host: impl Into<String>) -> Endpoint {
        Endpoint {
            host: host.into(),
            tls: None,
            origin: Origin::DockerHost,
        }
    }

    /// Resolves the endpoint as the docker CLI does.
    pub fn resolve(env: &Environment) -> Result<Endpoint, ConnectError> {
        if let Some(host) = &env.docker_host {
            return Ok(Endpoint {
                host: host.clone(),
                tls: tls_from_env(env),
                origin: Origin::DockerHost,
            });
        }
        let (name, from_env) = match &env.docker_context {
            Some(name) => (Some(name.clone()), true),
            None => (current_context(env)?, false),
        };
        match name {
            Some(name) if name != "default" => context_endpoint(env, &name, from_env),
            // The `default` context is DOCKER_HOST's world: the default socket, plus TLS when
            // the variables ask for it.
            _ => Ok(Endpoint {
                host: DEFAULT_HOST.to_owned(),
                tls: tls_from_env(env),
                origin: Origin::Default,
            }),
        }
    }

    /// Whether the address is a TCP one (the CLI's `tcp://`, or `http(s)://`).
    pub(crate) fn is_tcp(&self) -> bool {
        ["tcp://", "http://", "https://"]
            .iter()
            .any(|scheme| self.host.starts_with(scheme))
    }
}

/// TLS as the CLI enables it from the environment: `DOCKER_TLS_VERIFY` or `DOCKER_CERT_PATH`,
/// with the certificates in `DOCKER_CERT_PATH`, else in the config directory. The server is
/// always verified: bollard has no switch to skip it.
fn tls_from_env(env: &Environment) -> Option<TlsFiles> {
    if !env.tls_verify && env.cert_path.is_none() {
        return None;
    }
    let dir = env.cert_path.clone().or_else(|| env.config_dir.clone())?;
    Some(TlsFiles::in_dir(&dir))
}

/// `currentContext` from `config.json`; a missing file or key means the default context.
fn current_context(env: &Environment) -> Result<Option<String>, ConnectError> {
    let Some(dir) = &env.config_dir else {
        return Ok(None);
    };
    let path = dir.join("config.json");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(&path, &e.to_string())),
    };
    let config: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| unreadable(&path, &e.to_string()))?;
    Ok(config
        .get("currentContext")
        .and_then(|v| v.as_str())
        .filter(|v| !v.is_empty())
        .map(str::to_owned))
}

/// Finds the context by `Name` in `contexts/meta/*/meta.json` (the directory names are digests
/// of the names, so they are scanned rather than computed).
fn context_endpoint(
    env: &Environment,
    name: &str,
    from_env: bool,
) -> Result<Endpoint, ConnectError> {
    let origin = Origin::Context {
        name: name.to_owned(),
        from_env,
    };
    let contexts = env
        .config_dir
        .as_ref()
        .map(|d| d.join("contexts"))
        .unwrap_or_default();
    let meta_dir = contexts.join("meta");
    let entries = std::fs::read_dir(&meta_dir).into_iter().flatten().flatten();
    for entry in entries {
        let path = entry.path().join("meta.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let meta: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| unreadable(&path, &e.to_string()))?;
        if meta.get("Name").and_then(|v| v.as_str()) != Some(name) {
            continue;
        }
        let host = meta
            .pointer("/Endpoints/docker/Host")
            .and_then(|v| v.as_str())
            .filter(|h| !h.is_empty())
            .ok_or_else(|| unreadable(&path, "it has no Endpoints.docker.Host"))?;
        let tls_dir = contexts.join("tls").join(entry.file_name()).join("docker");
        let tls = tls_dir.is_dir().then(|| TlsFiles::in_dir(&tls_dir));
        return Ok(Endpoint {
            host: host.to_owned(),
            tls,
            origin,
        });
    }
    let unset = if from_env {
        "unset DOCKER_CONTEXT"
    } else {
        "run `docker context use default`"
    };
    Err(ConnectError::new(
        ConnectErrorKind::Context,
        name,
        format!(
            "docker context `{name}` was not found in {}",
            meta_dir.display()
        ),
        Some(format!("run `docker context ls`, or {unset}")),
    ))
}

fn unreadable(path: &Path, reason: &str) -> ConnectError {
    ConnectError::new(
        ConnectErrorKind::Context,
        path.display().to_string(),
        format!("cannot read {}: {reason}", path.display()),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("drydock-endpoint-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// A config directory with a context `remote` on TCP with TLS files, and one `bare`.
    fn config_with_contexts(name: &str, current: &str) -> PathBuf {
        let dir = temp_dir(name);
        write(
            &dir.join("config.json"),
            &format!(r#"{{"auths":{{}},"currentContext":"{current}"}}"#),
        );
        write(
            &dir.join("contexts/meta/abc123/meta.json"),
            r#"{"Name":"remote","Metadata":{},"Endpoints":{"docker":{"Host":"tcp://10.0.0.5:2376","SkipTLSVerify":false}}}"#,
        );
        write(&dir.join("contexts/tls/abc123/docker/ca.pem"), "");
        write(
            &dir.join("contexts/meta/def456/meta.json"),
            r#"{"Name":"bare","Endpoints":{"docker":{"Host":"unix:///run/user/1000/docker.sock"}}}"#,
        );
        dir
    }

    #[test]
    fn docker_host_wins_over_contexts() {
        let config = config_with_contexts("host-wins", "remote");
        let env = Environment {
            docker_host: Some("tcp://127.0.0.1:2375".into()),
            docker_context: Some("bare".into()),
            config_dir: Some(config),
            ..Environment::default()
        };
        let endpoint = Endpoint::resolve(&env).unwrap();
        assert_eq!(endpoint.host, "tcp://127.0.0.1:2375");
        assert_eq!(endpoint.tls, None);
        assert_eq!(endpoint.origin, Origin::DockerHost);
    }

    #[test]
    fn tls_verify_takes_certificates_from_cert_path() {
        let env = Environment {
            docker_host: Some("tcp://127.0.0.1:2376".into()),
            tls_verify: true,
            cert_path: Some("/certs".into()),
            config_dir: Some("/home/u/.docker".into()),
            ..Environment::default()
        };
        let tls = Endpoint::resolve(&env).unwrap().tls.unwrap();
        assert_eq!(tls.ca, Path::new("/certs/ca.pem"));
        assert_eq!(tls.cert, Path::new("/certs/cert.pem"));
        assert_eq!(tls.key, Path::new("/certs/key.pem"));
    }

    #[test]
    fn tls_verify_without_cert_path_uses_the_config_dir() {
        let env = Environment {
            docker_host: Some("tcp://127.0.0.1:2376".into()),
            tls_verify: true,
            config_dir: Some("/home/u/.docker".into()),
            ..Environment::default()
        };
        let tls = Endpoint::resolve(&env).unwrap().tls.unwrap();
        assert_eq!(tls.key, Path::new("/home/u/.docker/key.pem"));
    }

    #[test]
    fn docker_context_variable_wins_over_config() {
        let config = config_with_contexts("ctx-env", "remote");
        let env = Environment {
            docker_context: Some("bare".into()),
            config_dir: Some(config),
            ..Environment::default()
        };
        let endpoint = Endpoint::resolve(&env).unwrap();
        assert_eq!(endpoint.host, "unix:///run/user/1000/docker.sock");
        assert_eq!(endpoint.tls, None);
        assert_eq!(
            endpoint.origin,
            Origin::Context {
                name: "bare".into(),
                from_env: true
            }
        );
    }

    #[test]
    fn current_context_from_config_with_tls_files() {
        let config = config_with_contexts("ctx-config", "remote");
        let env = Environment {
            config_dir: Some(config.clone()),
            ..Environment::default()
        };
        let endpoint = Endpoint::resolve(&env).unwrap();
        assert_eq!(endpoint.host, "tcp://10.0.0.5:2376");
        let tls = endpoint.tls.unwrap();
        assert_eq!(tls.ca, config.join("contexts/tls/abc123/docker/ca.pem"));
    }

    #[test]
    fn default_context_and_missing_config_mean_the_default_socket() {
        let config = config_with_contexts("ctx-default", "default");
        for config_dir in [Some(config), Some(temp_dir("no-config")), None] {
            let env = Environment {
                config_dir,
                ..Environment::default()
            };
            let endpoint = Endpoint::resolve(&env).unwrap();
            assert_eq!(endpoint.host, DEFAULT_HOST);
            assert_eq!(endpoint.origin, Origin::Default);
        }
    }

    #[test]
    fn unknown_context_says_what_to_do() {
        let config = config_with_contexts("ctx-unknown", "remote");
        let env = Environment {
            docker_context: Some("nope".into()),
            config_dir: Some(config),
            ..Environment::default()
        };
        let err = Endpoint::resolve(&env).unwrap_err();
        assert_eq!(err.kind, ConnectErrorKind::Context);
        let message = err.to_string();
        assert!(message.starts_with("docker context `nope` was not found in "));
        assert!(message.ends_with("run `docker context ls`, or unset DOCKER_CONTEXT"));
    }
}
