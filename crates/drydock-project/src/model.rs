//! The project's settings as plain data, with every default in [`defaults`].

use std::collections::BTreeMap;
use std::path::PathBuf;

/// Every default of `drydock.toml`, in one place. A key left out of the file (or the whole
/// file missing) means the value here.
pub mod defaults {
    /// `image.dockerfile`, relative to the project folder.
    pub const DOCKERFILE: &str = "Dockerfile";
    /// `image.context`, relative to the project folder.
    pub const CONTEXT: &str = ".";
    /// `run.memory_mb`; the swap limit is the same, so the container cannot swap.
    pub const MEMORY_MB: u64 = 512;
    /// `run.cpus`.
    pub const CPUS: f64 = 1.0;
    /// `run.pids`: enough for a server with worker threads, low enough to stop a fork bomb.
    pub const PIDS: u32 = 256;
    /// `run.startup_timeout_s`: how long the container may take to become healthy.
    pub const STARTUP_TIMEOUT_S: u64 = 60;
    /// `smoke.http[].path`.
    pub const HTTP_PATH: &str = "/";
    /// `smoke.http[].expect_status`.
    pub const HTTP_STATUS: u16 = 200;
    /// `smoke.http[].timeout_s`: how long the check retries before it fails.
    pub const HTTP_TIMEOUT_S: u64 = 10;
    /// `smoke.exec[].expect_exit`.
    pub const EXEC_EXIT: i64 = 0;
    /// `smoke.exec[].timeout_s`.
    pub const EXEC_TIMEOUT_S: u64 = 30;
    /// `smoke.expect.user_not_root`: production images do not run as root.
    pub const USER_NOT_ROOT: bool = true;
    /// `smoke.expect.healthcheck`.
    pub const HEALTHCHECK: super::HealthExpectation = super::HealthExpectation::Any;
}

/// Everything `drydock.toml` says. `Project::default()` is the project without a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Project {
    pub image: ImageSettings,
    pub budget: Budget,
    pub run: RunSettings,
    pub smoke: Smoke,
}

/// `[image]`: what to build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSettings {
    /// Relative to the project folder.
    pub dockerfile: PathBuf,
    /// Relative to the project folder.
    pub context: PathBuf,
    pub tag: Option<String>,
    pub target: Option<String>,
    pub build_args: BTreeMap<String, String>,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            dockerfile: defaults::DOCKERFILE.into(),
            context: defaults::CONTEXT.into(),
            tag: None,
            target: None,
            build_args: BTreeMap::new(),
        }
    }
}

/// `[budget]`: limits the image must stay within. `None` means no limit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Budget {
    /// Megabytes of 1,000,000 bytes, as `docker images` shows sizes.
    pub max_size_mb: Option<f64>,
    pub max_build_seconds: Option<f64>,
}

/// `[run]`: how the test container runs.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSettings {
    pub env: BTreeMap<String, String>,
    /// TCP ports published on 127.0.0.1, each on a random host port. Sorted, distinct.
    pub ports: Vec<u16>,
    /// Mebibytes, as `docker run --memory 256m`.
    pub memory_mb: u64,
    pub cpus: f64,
    pub pids: u32,
    pub startup_timeout_s: u64,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings {
            env: BTreeMap::new(),
            ports: Vec::new(),
            memory_mb: defaults::MEMORY_MB,
            cpus: defaults::CPUS,
            pids: defaults::PIDS,
            startup_timeout_s: defaults::STARTUP_TIMEOUT_S,
        }
    }
}

/// `[smoke]`: the checks run against the started container.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Smoke {
    pub http: Vec<HttpCheck>,
    pub exec: Vec<ExecCheck>,
    pub expect: Expectations,
}

/// `[[smoke.http]]`: a GET against a published port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpCheck {
    /// The container port; one of `run.ports`.
    pub port: u16,
    /// Starts with `/`.
    pub path: String,
    pub expect_status: u16,
    pub expect_body_contains: Option<String>,
    pub timeout_s: u64,
}

/// `[[smoke.exec]]`: a command run inside the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecCheck {
    /// Program and arguments, not empty.
    pub command: Vec<String>,
    pub expect_exit: i64,
    pub expect_stdout_contains: Option<String>,
    pub timeout_s: u64,
}

/// `[smoke.expect]`: what the image's configuration must say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectations {
    pub user_not_root: bool,
    pub healthcheck: HealthExpectation,
    /// Container ports the image must declare with `EXPOSE` (TCP). Empty: not checked.
    pub exposed_ports: Vec<u16>,
}

impl Default for Expectations {
    fn default() -> Self {
        Expectations {
            user_not_root: defaults::USER_NOT_ROOT,
            healthcheck: defaults::HEALTHCHECK,
            exposed_ports: Vec::new(),
        }
    }
}

/// `smoke.expect.healthcheck`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HealthExpectation {
    /// The image must have a HEALTHCHECK and the container must become healthy.
    Healthy,
    /// The image must have no HEALTHCHECK (e.g. a job rather than a service).
    None,
    /// A HEALTHCHECK is not required; when the image has one, the container must still
    /// become healthy before the smoke checks run.
    Any,
}

impl HealthExpectation {
    /// The word used in `drydock.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            HealthExpectation::Healthy => "healthy",
            HealthExpectation::None => "none",
            HealthExpectation::Any => "any",
        }
    }
}
