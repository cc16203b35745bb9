//! The app's build, test, history and daemon status against the real daemon, on copies of
//! the fixture project `tests/fixtures/projects/web` (busybox httpd as a non-root user, with a
//! HEALTHCHECK and a drydock.toml of smoke checks and budgets).
//!
//! They fail, never skip, when no daemon answers, unless `DRYDOCK_SKIP_DOCKER_TESTS=1` is set
//! (and then each says so). Every test builds its own copy with a marker of its own, so no
//! two share a cached layer, keeps its history in its own file and removes its images.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use drydock_api::build::{BuildOutcome, BuildStatus, BuildUpdate};
use drydock_api::error::code;
use drydock_api::history::HistoryFile;
use drydock_api::test::{CheckOutcome, Health, TestUpdate};
use drydock_api::Drydock;
use drydock_engine::{Engine, Environment};
use tokio::sync::{Mutex, MutexGuard};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/projects/web"
);
const FIXTURE_TAG: &str = "tag = \"drydock-test/web:dev\"";

/// `false` (said on stderr) when `DRYDOCK_SKIP_DOCKER_TESTS=1`; panics with what to do when
/// no daemon answers, so a missing daemon fails the suite.
async fn daemon(test: &str) -> bool {
    if std::env::var("DRYDOCK_SKIP_DOCKER_TESTS").as_deref() == Ok("1") {
        // Straight to the stream, past the test harness's capture: a skip must be seen.
        let _ = writeln!(
            std::io::stderr(),
            "{test}: skipped, DRYDOCK_SKIP_DOCKER_TESTS=1"
        );
        return false;
    }
    if let Err(e) = Engine::connect_with(&Environment::from_process()).await {
        panic!(
            "{test}: {e}\n(the live-daemon tests need a daemon: run .ci/dockerd.sh, or set \
             DRYDOCK_SKIP_DOCKER_TESTS=1 to skip them)"
        );
    }
    true
}

/// Held while a test builds. BuildKit before 0.13 (Debian's dockerd 20.10) drops vertex
/// updates of one build when another runs at the same time (moby/buildkit#4330), so
/// concurrent builds would lose steps the tests check.
async fn daemon_turn() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::const_new(());
    TURN.lock().await
}

fn unique(test: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{test}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A copy of the fixture project in a temporary folder, tagged and marked for one test, with
/// a history of its own; its images are removed when it is dropped.
struct Project {
    dir: tempfile::TempDir,
    tag: String,
    marker: String,
}

impl Project {
    fn web(test: &str) -> Project {
        let marker = unique(test);
        let dir = tempfile::tempdir().unwrap();
        let tag = format!("drydock-api-test/{marker}:latest");
        let fixture = |name: &str| std::fs::read_to_string(Path::new(FIXTURE).join(name)).unwrap();
        let toml = fixture("drydock.toml");
        assert!(toml.contains(FIXTURE_TAG), "the fixture's tag line moved");
        let project = Project { dir, tag, marker };
        project.write(
            "drydock.toml",
            &toml.replace(FIXTURE_TAG, &format!("tag = \"{}\"", project.tag)),
        );
        project.write("Dockerfile", &fixture("Dockerfile"));
        project.write("site/index.html", &fixture("site/index.html"));
        // Its own bytes in a COPY: no cached layer is shared with another test.
        project.write("site/marker.txt", &project.marker);
        project
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("web")
    }

    fn drydock(&self) -> Drydock {
        Drydock::new(
            Environment::from_process(),
            HistoryFile::At(self.dir.path().join("history.sqlite3")),
        )
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        // Gone already when the build failed; the base image is never named here.
        let _ = Command::new("docker")
            .args(["rmi", "-f", &self.tag])
            .output();
    }
}

/// Builds the project's Dockerfile, collecting the updates.
async fn build(drydock: &Drydock, project: &Project) -> (BuildOutcome, Vec<BuildUpdate>) {
    let mut updates = Vec::new();
    let outcome = drydock
        .build(&project.root(), "Dockerfile", |u| updates.push(u))
        .await
        .unwrap();
    (outcome, updates)
}

fn steps_of(updates: &[BuildUpdate]) -> Vec<drydock_api::build::StepView> {
    match updates.last() {
        Some(BuildUpdate::Finished { steps, .. }) => steps.clone(),
        other => panic!("the last update is not `finished`: {other:?}\n{updates:#?}"),
    }
}

#[tokio::test]
async fn builds_rebuilds_from_the_cache_and_charts_both() {
    let test = "builds_rebuilds_from_the_cache_and_charts_both";
    if !daemon(test).await {
        return;
    }
    let project = Project::web(test);
    let drydock = project.drydock();
    let _turn = daemon_turn().await;

    let (first, updates) = build(&drydock, &project).await;
    assert_eq!(
        first.status,
        BuildStatus::Succeeded,
        "{first:?}\n{updates:#?}"
    );
    assert!(
        matches!(updates.first(), Some(BuildUpdate::Started { .. })),
        "{updates:#?}"
    );
    let steps = steps_of(&updates);
    let instructions: Vec<&str> = steps.iter().map(|s| s.instruction.as_str()).collect();
    assert_eq!(
        instructions
            .iter()
            .map(|i| i.split(' ').next().unwrap())
            .collect::<Vec<_>>(),
        ["FROM", "WORKDIR", "COPY", "RUN"],
        "every instruction that makes a layer is a step"
    );
    assert!(
        steps.iter().any(|s| !s.cached),
        "a fresh build runs its steps: {steps:#?}"
    );
    assert!(updates
        .iter()
        .any(|u| matches!(u, BuildUpdate::StepStarted { line: Some(_), .. })));

    let (second, updates) = build(&drydock, &project).await;
    assert_eq!(second.status, BuildStatus::Succeeded, "{second:?}");
    let steps = steps_of(&updates);
    assert!(
        steps.iter().all(|s| s.cached),
        "a rebuild takes every step from the cache: {steps:#?}"
    );
    assert_eq!(second.image_id, first.image_id);

    let history = drydock.history(&project.root(), "Dockerfile").unwrap();
    assert_eq!(history.dockerfile, "Dockerfile");
    let ids: Vec<Option<i64>> = history.points.iter().map(|p| Some(p.build_id)).collect();
    assert_eq!(ids, [first.build_id, second.build_id], "oldest first");
    for point in &history.points {
        assert_eq!(point.status, BuildStatus::Succeeded);
        assert!(
            !point.layers.is_empty(),
            "each build has its layers: {point:?}"
        );
        assert_eq!(
            point.layers.iter().map(|l| l.size_bytes).sum::<u64>(),
            point.size_bytes.unwrap(),
            "the layers add up to the image"
        );
        assert_eq!(point.health, None, "not tested");
    }
    assert_eq!(history.points[1].cache_hits, history.points[1].step_count);
    assert_eq!(history.points[1].cache_hit_ratio, Some(1.0));

    project.write("drydock.toml", "[run]\ncpus = -1\n");
    let refused = drydock.build(&project.root(), "Dockerfile", |_| {}).await;
    let refused = refused.unwrap_err();
    assert_eq!(refused.code, code::INVALID_PROJECT);
    assert!(refused.message.contains("line 2: run.cpus"), "{refused:?}");
    let history = drydock.history(&project.root(), "Dockerfile").unwrap();
    assert_eq!(
        history.points.len(),
        2,
        "a bad drydock.toml stops builds, not the history"
    );
}

#[tokio::test]
async fn a_test_turns_healthy_passes_its_smoke_checks_and_is_recorded() {
    let test = "a_test_turns_healthy_passes_its_smoke_checks_and_is_recorded";
    if !daemon(test).await {
        return;
    }
    let project = Project::web(test);
    let drydock = project.drydock();
    let _turn = daemon_turn().await;

    let mut updates = Vec::new();
    let outcome = drydock
        .test(&project.root(), "Dockerfile", |u| updates.push(u))
        .await
        .unwrap();
    assert!(outcome.passed, "{outcome:#?}\n{updates:#?}");
    assert_eq!(outcome.build.status, BuildStatus::Succeeded);
    assert_eq!(outcome.health, Some(Health::Healthy));
    let health: Vec<Health> = updates
        .iter()
        .filter_map(|u| match u {
            TestUpdate::Health { health } => Some(*health),
            _ => None,
        })
        .collect();
    assert_eq!(health, [Health::Starting, Health::Healthy], "{updates:#?}");
    let run_starts = updates
        .iter()
        .position(|u| !matches!(u, TestUpdate::Build { .. }))
        .expect("the image ran");
    assert!(
        matches!(
            &updates[run_starts - 1],
            TestUpdate::Build {
                update: BuildUpdate::Finished { .. }
            }
        ),
        "the build's updates come first, ending in `finished`: {updates:#?}"
    );
    assert!(
        !updates[run_starts..]
            .iter()
            .any(|u| matches!(u, TestUpdate::Build { .. })),
        "then the run's: {updates:#?}"
    );
    assert!(updates
        .iter()
        .any(|u| matches!(u, TestUpdate::ContainerStarted { ports, .. } if ports.len() == 1)));
    for kind in ["http", "exec", "startup", "user_not_root"] {
        let check = outcome.checks.iter().find(|c| c.kind == kind);
        assert_eq!(
            check.map(|c| c.outcome),
            Some(CheckOutcome::Passed),
            "{kind}: {check:?}"
        );
    }
    let checked = updates
        .iter()
        .filter(|u| matches!(u, TestUpdate::Check { .. }))
        .count();
    assert_eq!(
        checked,
        outcome.checks.len(),
        "each check is reported as it ends"
    );

    let history = drydock.history(&project.root(), "Dockerfile").unwrap();
    assert_eq!(history.points.len(), 1);
    assert_eq!(history.points[0].build_id, outcome.build.build_id.unwrap());
    assert_eq!(history.points[0].health, Some(Health::Healthy));
}

#[tokio::test]
async fn cancel_stops_a_running_step_quickly_and_is_recorded() {
    let test = "cancel_stops_a_running_step_quickly_and_is_recorded";
    if !daemon(test).await {
        return;
    }
    let project = Project::web(test);
    project.write(
        "Dockerfile",
        &format!(
            "FROM drydock-test/busybox:latest\nRUN sleep 60 && echo {}\n",
            project.marker
        ),
    );
    let drydock = project.drydock();
    let _turn = daemon_turn().await;

    let root = project.root();
    let (sent, mut received) = tokio::sync::mpsc::unbounded_channel();
    let building = drydock.build(&root, "Dockerfile", move |u| {
        let _ = sent.send(u);
    });
    let cancelling = async {
        let mut seen = Vec::new();
        while let Some(update) = received.recv().await {
            let sleeping = matches!(&update, BuildUpdate::StepStarted { instruction, .. } if instruction.contains("sleep"));
            seen.push(update);
            if sleeping {
                let busy = drydock.build(&root, "Dockerfile", |_| {}).await;
                assert_eq!(busy.unwrap_err().code, code::BUSY, "one build at a time");
                drydock.cancel();
                return (Instant::now(), seen, received);
            }
        }
        panic!("the sleep step never started: {seen:#?}");
    };
    let (outcome, (cancelled_at, mut seen, mut received)) = tokio::join!(building, cancelling);
    let stopped_in = cancelled_at.elapsed();
    let outcome = outcome.unwrap();
    while let Ok(update) = received.try_recv() {
        seen.push(update);
    }
    assert_eq!(
        outcome.status,
        BuildStatus::Cancelled,
        "{outcome:?}\n{seen:#?}"
    );
    assert!(
        stopped_in < Duration::from_secs(10),
        "the build took {stopped_in:?} to stop"
    );
    assert_eq!(seen.last(), Some(&BuildUpdate::Cancelled), "{seen:#?}");

    let history = drydock.history(&project.root(), "Dockerfile").unwrap();
    let statuses: Vec<BuildStatus> = history.points.iter().map(|p| p.status).collect();
    assert_eq!(statuses, [BuildStatus::Cancelled]);
    assert_eq!(Some(history.points[0].build_id), outcome.build_id);
}

#[tokio::test]
async fn a_build_argument_echoed_by_a_step_stays_masked() {
    let test = "a_build_argument_echoed_by_a_step_stays_masked";
    if !daemon(test).await {
        return;
    }
    let project = Project::web(test);
    let secret = format!("s3cr3t-{}", project.marker);
    project.write(
        "drydock.toml",
        &format!(
            "[image]\ntag = \"{}\"\nbuild_args = {{ API_TOKEN = \"{secret}\" }}\n",
            project.tag
        ),
    );
    project.write(
        "Dockerfile",
        "FROM drydock-test/busybox:latest\nARG API_TOKEN\nRUN echo \"token: $API_TOKEN\" | tee /token\n",
    );
    let drydock = project.drydock();
    let _turn = daemon_turn().await;

    let (outcome, updates) = build(&drydock, &project).await;
    assert_eq!(outcome.status, BuildStatus::Succeeded, "{outcome:?}");
    let history = drydock.history(&project.root(), "Dockerfile").unwrap();
    let shown = serde_json::to_string(&(&updates, &history)).unwrap();
    assert!(
        shown.contains("API_TOKEN=***") && shown.contains("token: ***"),
        "the layer's command and the step's output are shown, masked: {shown}"
    );
    assert!(!shown.contains(&secret), "the value is masked: {shown}");
}

#[tokio::test]
async fn the_status_names_the_daemon_that_answers() {
    let test = "the_status_names_the_daemon_that_answers";
    if !daemon(test).await {
        return;
    }
    let status = Drydock::new(Environment::from_process(), HistoryFile::default())
        .daemon_status()
        .await;
    assert!(status.connected, "{status:?}");
    assert!(
        status.version.as_ref().is_some_and(|v| !v.is_empty()),
        "{status:?}"
    );
    assert!(status.api_version.is_some(), "{status:?}");
    assert_eq!((status.message, status.hint), (None, None));
}

/// Needs no daemon: nothing answers at the address.
#[tokio::test]
async fn without_a_daemon_the_status_says_what_to_do_and_builds_refuse() {
    let bogus = Environment {
        docker_host: Some("tcp://127.0.0.1:1".into()),
        ..Environment::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let drydock = Drydock::new(bogus, HistoryFile::At(dir.path().join("history.sqlite3")));
    let status = drydock.daemon_status().await;
    assert!(!status.connected, "{status:?}");
    assert_eq!(status.host, "tcp://127.0.0.1:1");
    assert_eq!(status.version, None);
    let message = status.message.unwrap();
    assert!(message.contains("tcp://127.0.0.1:1"), "{message}");
    let hint = status.hint.unwrap();
    assert!(hint.contains("DOCKER_HOST"), "{hint}");
    assert!(
        !message.contains(&hint),
        "the hint is not repeated in the message"
    );

    std::fs::write(dir.path().join("Dockerfile"), "FROM scratch\n").unwrap();
    let refused = drydock.build(dir.path(), "Dockerfile", |_| {}).await;
    assert_eq!(refused.unwrap_err().code, code::DAEMON_UNAVAILABLE);
    let outside = drydock.build(dir.path(), "../Dockerfile", |_| {}).await;
    assert_eq!(outside.unwrap_err().code, code::OUTSIDE_PROJECT);
}
