//! Shared by the live-daemon tests: the gate that makes them fail (never silently skip) when
//! no daemon answers, and throw-away build contexts and tags.

#![allow(dead_code)] // each test binary uses its own part of this module

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use drydock_engine::build::{BuildError, BuildEvent, BuildSink, BuildSummary, BuilderChoice};
use drydock_engine::{BuildOptions, Engine, Environment};

/// The local base image every test builds FROM (see `.ci/busybox-image.sh`).
pub const BASE_IMAGE: &str = "drydock-test/busybox:latest";

/// The daemon from the environment, or `None` when `DRYDOCK_SKIP_DOCKER_TESTS=1` (said on
/// stderr). Panics with the connection's message otherwise, so a missing daemon fails CI.
pub async fn daemon(test: &str) -> Option<Engine> {
    if std::env::var("DRYDOCK_SKIP_DOCKER_TESTS").as_deref() == Ok("1") {
        // Straight to the stream, past the test harness's capture: a skip must be seen.
        let _ = writeln!(
            std::io::stderr(),
            "{test}: skipped, DRYDOCK_SKIP_DOCKER_TESTS=1"
        );
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

/// A name unique to this process and call, for tags, directories and marker strings. Tests
/// put one in their Dockerfiles too: a build then shares no cached image with another test
/// (or another run of the suite) that might remove it while it is in use.
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

/// Waits until no container's command and no process's command line mentions `marker`,
/// which a cancelled build must not leave behind. `Err` describes what is still there.
pub async fn wait_until_gone(marker: &str, timeout: Duration) -> Result<(), String> {
    let deadline = Instant::now() + timeout;
    loop {
        let left = [containers_mentioning(marker), processes_mentioning(marker)].concat();
        if left.is_empty() {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(left.join("; "));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// `docker ps -a` rows whose command mentions the marker.
fn containers_mentioning(marker: &str) -> Vec<String> {
    let output = Command::new("docker")
        .args([
            "ps",
            "-a",
            "--no-trunc",
            "--format",
            "{{.ID}} {{.Status}} {{.Command}}",
        ])
        .output()
        .expect("the docker CLI runs");
    assert!(output.status.success(), "docker ps -a failed: {output:?}");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|row| row.contains(marker))
        .map(|row| format!("container {row}"))
        .collect()
}

/// Local processes whose command line mentions the marker (a build's RUN runs on this host).
fn processes_mentioning(marker: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .bytes()
                .all(|b| b.is_ascii_digit())
        })
        .filter_map(|e| {
            let cmdline = std::fs::read(e.path().join("cmdline")).ok()?;
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            cmdline
                .contains(marker)
                .then(|| format!("process {}: {cmdline}", e.file_name().to_string_lossy()))
        })
        .collect()
}

/// Collects the events, and every image id the daemon reported (final, other stages,
/// committed steps of a failed classic build), to remove them afterwards. Prints the raw
/// stream when a test fails while it is alive, to replay it.
#[derive(Default)]
pub struct Recorder {
    pub events: Vec<BuildEvent>,
    pub images: Vec<String>,
    pub raw: Vec<String>,
}

impl Drop for Recorder {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("raw stream:\n{}", self.raw.join("\n"));
        }
    }
}

impl BuildSink for Recorder {
    fn event(&mut self, event: BuildEvent) {
        self.events.push(event);
    }

    fn raw_line(&mut self, line: &str) {
        self.raw.push(line.to_owned());
        let item: serde_json::Value = serde_json::from_str(line).unwrap();
        if let Some(id) = item.pointer("/info/aux/ID").and_then(|v| v.as_str()) {
            self.images.push(id.to_owned());
        }
        let stream = item.pointer("/info/stream").and_then(|v| v.as_str());
        if let Some(id) = stream.and_then(|s| s.trim().strip_prefix("---> ")) {
            if id.len() == 12 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
                self.images.push(id.to_owned());
            }
        }
    }
}

/// Builds once with a fresh recorder, then removes the images the build made, whatever the
/// outcome: the result and the recorded events are left for the test to check.
pub async fn build_once(
    engine: &Engine,
    options: &BuildOptions,
) -> (Result<BuildSummary, BuildError>, Recorder) {
    let mut recorder = Recorder::default();
    let cancel = tokio_util::sync::CancellationToken::new();
    let result = build(engine, options, &cancel, &mut recorder).await;
    recorder.clean_up(engine).await;
    (result, recorder)
}

/// Builds while no other test of this binary builds. BuildKit before 0.13 (Debian's
/// dockerd 20.10) drops vertex updates of one build when another runs at the same time
/// (moby/buildkit#4330), so concurrent builds would lose steps the tests check.
pub async fn build(
    engine: &Engine,
    options: &BuildOptions,
    cancel: &tokio_util::sync::CancellationToken,
    sink: &mut dyn BuildSink,
) -> Result<BuildSummary, BuildError> {
    static ONE_BUILD_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _turn = ONE_BUILD_AT_A_TIME.lock().await;
    engine.build(options, cancel, sink).await
}

impl Recorder {
    /// Removes the images, newest first so that parents are free when their turn comes;
    /// the base image (the classic builder reports its id for `FROM`) stays.
    pub async fn clean_up(&self, engine: &Engine) {
        let base = engine.inspect_image(BASE_IMAGE).await.unwrap().id;
        let base = base.trim_start_matches("sha256:");
        for image in self.images.iter().rev() {
            if base.starts_with(image.trim_start_matches("sha256:")) {
                continue;
            }
            // Already gone, or still the parent of an image another test uses.
            let _ = engine.remove_image(image).await;
        }
    }

    pub fn started(&self) -> Vec<(usize, Option<u32>, String)> {
        self.events
            .iter()
            .filter_map(|e| match e {
                BuildEvent::StepStarted {
                    index,
                    line,
                    instruction,
                    ..
                } => Some((*index, *line, instruction.clone())),
                _ => None,
            })
            .collect()
    }

    pub fn logs(&self) -> Vec<&str> {
        self.events
            .iter()
            .filter_map(|e| match e {
                BuildEvent::StepLog { text, .. } | BuildEvent::Log { text } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// Options for a build of `context` with a tag unique to the test.
pub fn options(context: &TempDir, builder: BuilderChoice, test: &str) -> BuildOptions {
    let mut options = BuildOptions::new(context.path());
    options.builder = builder;
    options.tag = Some(format!("drydock-engine-test/{}:latest", unique(test)));
    options
}

/// `{id}` makes each test's build its own, so that one test removing its images never takes
/// away another's cache.
pub const MULTISTAGE: &str = "\
ARG BASE=drydock-test/busybox:latest
FROM ${BASE} AS build
WORKDIR /src/{id}
COPY hello.txt .
RUN cat hello.txt > out.txt && \\
    echo built
FROM build AS unused
RUN echo never needed by BuildKit
FROM drydock-test/busybox:latest
COPY --from=build /src/{id}/out.txt /app/out.txt
USER app
EXPOSE 8080/tcp
HEALTHCHECK --interval=30s --timeout=3s --retries=2 CMD test -f /app/out.txt
LABEL org.opencontainers.image.title=engine-test
ENV GREETING=hi
CMD [\"cat\", \"/app/out.txt\"]
";

/// A context with [`MULTISTAGE`] and its `hello.txt`.
pub fn multistage_context(test: &str) -> TempDir {
    let dir = TempDir::new(test);
    let dockerfile = MULTISTAGE.replace("{id}", &unique(test));
    dir.file("Dockerfile", &dockerfile)
        .file("hello.txt", "hello\n");
    dir
}
