//! Shared by the live-daemon tests: the gate that makes them fail (never silently skip) when
//! no daemon answers, and throw-away build contexts and tags.

#![allow(dead_code)] // each test binary uses its own part of this module

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use drydock_engine::{Engine, Environment};

/// The local base image every test builds FROM (see `.ci/busybox-image.sh`).
pub const BASE_IMAGE: &str = "drydock-test/busybox:latest";

/// The daemon from the environment, or `None` when `DRYDOCK_SKIP_DOCKER_TESTS=1` (said on
/// stderr). Panics with the connection's message otherwise, so a missing daemon fails CI.
pub async fn daemon(test: &str) -> Option<Engine> {
    if std::env::var("DRYDOCK_SKIP_DOCKER_TESTS").as_deref() == Ok("1") {
        eprintln!("{test}: skipped, DRYDOCK_SKIP_DOCKER_TESTS=1");
        return None;
    }
    match Engine::connect_with(&Environment::from_process()).await {
        Ok(engine) => Some(engine),
        Err(e) => panic!(
            "{test}: {e}\n(the live-daemon tests need a daemon: run .ci/dockerd.sh, or set \
             DRYDOCK_SKIP_DOCKER_TESTS=1 to skip them)"
        ),
    }
}

/// Where `.ci/docker-tls.sh` keeps the loopback endpoint's certificates.
pub fn tls_dir() -> PathBuf {
    let cache = std::env::var_os("DRYDOCK_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(&std::env::var_os("HOME").unwrap()).join(".cache/drydock"));
    cache.join("tls")
}

/// A name unique to this process and call, for tags, directories and marker strings.
pub fn unique(test: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{test}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A temporary directory removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(test: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("drydock-engine-{}", unique(test)));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// Writes a file (creating parent directories) and returns the directory for chaining.
    pub fn file(&self, relative: &str, text: &str) -> &TempDir {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
