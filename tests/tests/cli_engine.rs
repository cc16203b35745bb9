//! Black-box tests of `drydock build`, `drydock test` and `drydock history` against the real
//! daemon, on the fixture project `fixtures/projects/web` (busybox httpd as a non-root user,
//! with a HEALTHCHECK and a drydock.toml of smoke checks and budgets).
//!
//! They fail, never skip, when no daemon answers, unless `DRYDOCK_SKIP_DOCKER_TESTS=1` is set
//! (and then each says so). Every test builds its own copy of the project with a marker of
//! its own, so no two share a cached layer, and removes its images afterwards. Each keeps its
//! history in its own temporary file.

mod cli;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use cli::Dir;
use serde_json::Value;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/projects/web");
const FIXTURE_TAG: &str = "tag = \"drydock-test/web:dev\"";

/// `false` (said on stderr) when `DRYDOCK_SKIP_DOCKER_TESTS=1`; panics with what to do when
/// no daemon answers, so a missing daemon fails the suite.
fn daemon(test: &str) -> bool {
    if std::env::var("DRYDOCK_SKIP_DOCKER_TESTS").as_deref() == Ok("1") {
        // Straight to the stream, past the test harness's capture: a skip must be seen.
        let _ = writeln!(
            std::io::stderr(),
            "{test}: skipped, DRYDOCK_SKIP_DOCKER_TESTS=1"
        );
        return false;
    }
    static ANSWERS: OnceLock<Result<(), String>> = OnceLock::new();
    let answers = ANSWERS.get_or_init(|| {
        let output = Command::new("docker")
            .args(["version", "--format", "{{.Server.Version}}"])
            .output()
            .map_err(|e| format!("cannot run the docker CLI: {e}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).into_owned())
        }
    });
    if let Err(e) = answers {
        panic!(
            "{test}: no Docker daemon answers: {e}\n(the live-daemon tests need a daemon: run \
             .ci/dockerd.sh, or set DRYDOCK_SKIP_DOCKER_TESTS=1 to skip them)"
        );
    }
    true
}

/// Held while a `drydock` process talks to the daemon. BuildKit before 0.13 (Debian's
/// dockerd 20.10) drops vertex updates of one build when another runs at the same time
/// (moby/buildkit#4330), so concurrent builds would lose steps the tests check.
fn daemon_turn() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn unique(test: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{test}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A copy of the fixture project in a temporary directory, tagged and marked for one test,
/// with a history of its own; its images are removed when it is dropped.
struct Project {
    dir: Dir,
    tag: String,
    images: Vec<String>,
}

impl Project {
    fn web(test: &str) -> Project {
        let id = unique(test);
        let dir = Dir::new();
        let tag = format!("drydock-cli-test/{id}:latest");
        let fixture = |name: &str| std::fs::read_to_string(Path::new(FIXTURE).join(name)).unwrap();
        let toml = fixture("drydock.toml");
        assert!(toml.contains(FIXTURE_TAG), "the fixture's tag line moved");
        dir.write(
            "web/drydock.toml",
            toml.replace(FIXTURE_TAG, &format!("tag = \"{tag}\"")),
        );
        dir.write("web/Dockerfile", fixture("Dockerfile"));
        dir.write("web/site/index.html", fixture("site/index.html"));
        // Its own bytes in a COPY: no cached layer is shared with another test.
        dir.write("web/site/marker.txt", &id);
        Project {
            dir,
            tag,
            images: Vec::new(),
        }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("web")
    }

    fn history(&self) -> PathBuf {
        self.dir.path().join("history.sqlite3")
    }

    /// `drydock ARGS... <project>` with this project's history; its images are noted.
    fn run(&mut self, args: &[&str]) -> Output {
        let _turn = daemon_turn();
        let output = self.command(args).output().unwrap();
        self.note_images(&output);
        output
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = self.dir.drydock_process();
        command
            .args(args)
            .arg(self.path())
            .env("DRYDOCK_HISTORY", self.history());
        command
    }

    /// The image ids in the output's JSON lines (other output has none).
    fn note_images(&mut self, output: &Output) {
        let stdout = String::from_utf8_lossy(&output.stdout);
        for line in stdout.lines() {
            let Ok(line) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            if let Some(id) = line["image_id"].as_str() {
                self.images.push(id.to_owned());
            }
        }
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let mut images = self.images.clone();
        images.push(self.tag.clone());
        // Gone already when a build failed; the base image is never named here.
        let _ = Command::new("docker")
            .args(["rmi", "-f"])
            .args(&images)
            .output();
    }
}

/// The JSON lines of stdout; panics, showing the output, on a line that is not JSON.
fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}\n{output:?}"))
        })
        .collect()
}

fn of_type<'a>(lines: &'a [Value], kind: &str) -> Vec<&'a Value> {
    lines.iter().filter(|l| l["type"] == kind).collect()
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("an exit code")
}

/// Asserts the exit code, showing stdout and stderr when it differs.
fn assert_code(output: &Output, expected: i32) {
    assert_eq!(
        code(output),
        expected,
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn keys(line: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = line
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    keys
}

#[test]
fn build_json_prints_each_step_and_a_done_line() {
    if !daemon("build_json_prints_each_step_and_a_done_line") {
        return;
    }
    let mut project = Project::web("build-json");
    let output = project.run(&["build", "--json"]);
    assert_code(&output, 0);
    let lines = json_lines(&output);

    let steps = of_type(&lines, "step");
    let at: Vec<(u64, u64)> = steps
        .iter()
        .map(|s| (s["index"].as_u64().unwrap(), s["line"].as_u64().unwrap()))
        .collect();
    // BuildKit reports the steps that make files or run: FROM, WORKDIR, COPY and RUN.
    assert_eq!(at, [(1, 3), (2, 4), (3, 5), (4, 6)], "{steps:?}");
    for step in &steps {
        assert_eq!(
            keys(step),
            [
                "cached",
                "duration_ms",
                "index",
                "instruction",
                "line",
                "size_bytes",
                "total",
                "type"
            ]
        );
        assert_eq!(step["total"], 4);
    }
    assert_eq!(steps[2]["instruction"], "COPY site/ /srv/");
    assert_eq!(steps[2]["cached"], false);
    let site_bytes = std::fs::metadata(project.path().join("site/index.html"))
        .unwrap()
        .len()
        + std::fs::metadata(project.path().join("site/marker.txt"))
            .unwrap()
            .len();
    assert_eq!(
        steps[2]["size_bytes"], site_bytes,
        "the COPY's layer holds the site"
    );

    let done = lines.last().unwrap();
    assert_eq!(done["type"], "done", "{lines:?}");
    assert_eq!(
        keys(done),
        [
            "cache_hits",
            "duration_ms",
            "image_id",
            "size_bytes",
            "steps",
            "type"
        ]
    );
    assert!(done["image_id"].as_str().unwrap().starts_with("sha256:"));
    assert!(done["size_bytes"].as_u64().unwrap() > 1_000_000);
    assert_eq!(done["steps"], 4);
    let cached = steps.iter().filter(|s| s["cached"] == true).count();
    assert_eq!(done["cache_hits"], cached);
    assert!(of_type(&lines, "log").iter().all(|l| l["text"].is_string()));
}

#[test]
fn a_second_build_has_every_step_cached() {
    if !daemon("a_second_build_has_every_step_cached") {
        return;
    }
    let mut project = Project::web("rebuild");
    assert_code(&project.run(&["build", "--json"]), 0);
    let output = project.run(&["build", "--json"]);
    assert_code(&output, 0);
    let lines = json_lines(&output);
    let done = lines.last().unwrap();
    assert_eq!(done["type"], "done");
    assert_eq!(done["cache_hits"], done["steps"], "{lines:?}");
    assert!(of_type(&lines, "step").iter().all(|s| s["cached"] == true));
}

#[test]
fn a_failing_build_names_the_step_and_line() {
    if !daemon("a_failing_build_names_the_step_and_line") {
        return;
    }
    for builder in ["buildkit", "classic"] {
        let mut project = Project::web("failing");
        // The failing RUN comes right after FROM, so the classic builder commits no image.
        let marker = unique("fails");
        project.dir.write(
            "web/Dockerfile",
            format!(
                "FROM drydock-test/busybox:latest\n\n\
                 RUN echo {marker} && exit 3\nCOPY site/ /srv/\n"
            ),
        );
        let output = project.run(&["build", "--json", "--builder", builder]);
        assert_code(&output, 1);
        let lines = json_lines(&output);
        let error = lines.last().unwrap();
        assert_eq!(error["type"], "error", "{builder}: {lines:?}");
        assert_eq!(keys(error), ["line", "message", "step", "type"]);
        assert_eq!(error["step"], 2, "{builder}: {error}");
        assert_eq!(error["line"], 3, "{builder}: {error}");
        assert!(
            error["message"].as_str().unwrap().contains('3'),
            "{builder}: the exit code is in {error}"
        );
        let logs = of_type(&lines, "log");
        assert!(
            logs.iter()
                .any(|l| l["text"].as_str().unwrap().contains(&marker)),
            "{builder}: the step's output is shown: {logs:?}"
        );
    }
}

#[test]
fn test_passes_with_the_container_healthy() {
    if !daemon("test_passes_with_the_container_healthy") {
        return;
    }
    let mut project = Project::web("test-pass");
    let output = project.run(&["test", "--json"]);
    assert_code(&output, 0);
    let lines = json_lines(&output);

    let done = of_type(&lines, "done");
    assert_eq!(done.len(), 1, "the build comes first: {lines:?}");
    let health: Vec<&str> = of_type(&lines, "health")
        .iter()
        .map(|h| h["status"].as_str().unwrap())
        .collect();
    assert_eq!(health, ["starting", "healthy"]);
    assert!(!of_type(&lines, "probe").is_empty());

    let checks = of_type(&lines, "check");
    for check in &checks {
        assert_eq!(
            keys(check),
            [
                "detail",
                "duration_ms",
                "kind",
                "name",
                "outcome",
                "passed",
                "type"
            ]
        );
        assert_eq!(check["passed"], true, "{check}");
    }
    let kinds: Vec<&str> = checks.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    for kind in [
        "image_size",
        "build_time",
        "startup",
        "user_not_root",
        "http",
        "exec",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }

    let test = lines.last().unwrap();
    assert_eq!(test["type"], "test");
    assert_eq!(test["passed"], true);
    assert_eq!(test["health"], "healthy");
    assert_eq!(test["checks"]["passed"], checks.len());
    assert_eq!(test["checks"]["failed"], 0);
}

#[test]
fn an_exceeded_budget_fails_the_test() {
    if !daemon("an_exceeded_budget_fails_the_test") {
        return;
    }
    let mut project = Project::web("budget");
    let toml = project.dir.read("web/drydock.toml");
    // The image is about 2 MB.
    project.dir.write(
        "web/drydock.toml",
        toml.replace("max_size_mb = 50", "max_size_mb = 1"),
    );
    let output = project.run(&["test", "--json"]);
    assert_code(&output, 1);
    let lines = json_lines(&output);
    let size = of_type(&lines, "check")
        .into_iter()
        .find(|c| c["kind"] == "image_size")
        .expect("a size check");
    assert_eq!(size["passed"], false, "{size}");
    assert!(size["detail"].as_str().unwrap().contains("1 MB"), "{size}");
    let test = lines.last().unwrap();
    assert_eq!(test["passed"], false);
    assert_eq!(test["checks"]["failed"], 1);
}

#[test]
fn history_lists_the_builds_newest_first() {
    if !daemon("history_lists_the_builds_newest_first") {
        return;
    }
    let mut project = Project::web("history");
    assert_code(&project.run(&["build", "--json"]), 0);
    assert_code(&project.run(&["test", "--json"]), 0);

    let output = project.run(&["history", "--json"]);
    assert_code(&output, 0);
    let builds: Value = serde_json::from_slice(&output.stdout).unwrap();
    let builds = builds.as_array().unwrap();
    assert_eq!(builds.len(), 2, "{builds:?}");
    let (newest, oldest) = (&builds[0], &builds[1]);
    assert!(newest["id"].as_i64() > oldest["id"].as_i64());
    for build in builds {
        assert_eq!(build["status"], "succeeded");
        assert_eq!(build["tag"], project.tag.as_str());
        assert_eq!(build["dockerfile"], "Dockerfile");
        assert_eq!(build["steps"], 4);
    }
    assert_eq!(newest["cache_hits"], 4, "the second build is all cached");
    assert_eq!(newest["size_delta_bytes"], 0);
    assert_eq!(
        oldest["size_delta_bytes"],
        Value::Null,
        "nothing to compare with"
    );
    assert_eq!(newest["image_id"], oldest["image_id"]);

    let output = project.run(&["history", "--limit", "1"]);
    assert_code(&output, 0);
    let table = String::from_utf8(output.stdout).unwrap();
    let rows: Vec<&str> = table.lines().collect();
    assert_eq!(rows.len(), 2, "a header and one build: {table}");
    assert!(rows[0].starts_with("BUILD  WHEN"), "{table}");
    assert!(
        rows[1].contains("succeeded") && rows[1].contains(&project.tag),
        "{table}"
    );
}

#[test]
fn ctrl_c_cancels_the_build_on_the_daemon_and_records_it() {
    if !daemon("ctrl_c_cancels_the_build_on_the_daemon_and_records_it") {
        return;
    }
    let mut project = Project::web("cancel");
    let marker = unique("sleeps");
    project.dir.write(
        "web/Dockerfile",
        format!("FROM drydock-test/busybox:latest\nRUN echo {marker} && sleep 60\n"),
    );
    let turn = daemon_turn();
    let mut child = project
        .command(&["build", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut seen = Vec::new();
    let started = Instant::now();
    // Wait until the step runs: its output names the marker.
    loop {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "ended early: {seen:?}"
        );
        seen.push(line.clone());
        if line.contains(&marker) {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "{seen:?}");
    }
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    let status = child.wait().unwrap();
    drop(turn);
    assert_eq!(status.code(), Some(130), "{seen:?} {rest}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "stopped long before the sleep"
    );
    let last: Value = serde_json::from_str(rest.lines().last().unwrap()).unwrap();
    assert_eq!(last["type"], "error");
    assert_eq!(last["message"], "the build was cancelled");
    assert_eq!(last["line"], 2);

    let output = project.run(&["history", "--json"]);
    let builds: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(builds[0]["status"], "cancelled", "{builds}");
}

/// Needs no daemon: the connection fails before anything else happens.
#[test]
fn an_unreachable_daemon_exits_2_saying_what_to_do() {
    let mut project = Project::web("no-daemon");
    for args in [&["build"][..], &["build", "--json"], &["test"]] {
        let output = project
            .command(args)
            .env("DOCKER_HOST", "unix:///nonexistent")
            .output()
            .unwrap();
        project.note_images(&output);
        assert_code(&output, 2);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("no Docker daemon answers at unix:///nonexistent")
                && stderr.contains("start the daemon"),
            "{args:?}: {stderr}"
        );
    }
    let output = project
        .command(&["build", "--json"])
        .env("DOCKER_HOST", "unix:///nonexistent")
        .output()
        .unwrap();
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["type"], "error");
    assert!(
        !project.history().exists(),
        "nothing was built, nothing recorded"
    );
}

/// Needs no daemon: a bad drydock.toml stops the run before it connects.
#[test]
fn a_bad_drydock_toml_runs_nothing() {
    let mut project = Project::web("bad-toml");
    project
        .dir
        .write("web/drydock.toml", "[run]\nports = [8080]\ncpus = -1\n");
    let output = project.run(&["test"]);
    assert_code(&output, 2);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("drydock.toml"), "{stderr}");
    assert!(stderr.contains("line 3: run.cpus:"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing ran");
    assert!(!project.history().exists(), "nothing was recorded");
}
