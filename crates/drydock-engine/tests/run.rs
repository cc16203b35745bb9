//! Test runs against the real daemon: health going each way, smoke checks passing and
//! failing, expectations, budgets, crashes, cancel and panic, and never a container left.

mod common;
mod test_images;

use std::panic::AssertUnwindSafe;
use std::time::Duration;

use drydock_engine::inspect::InspectError;
use drydock_engine::run::{CheckKind, Health, Outcome, RunError, RunEvent, TestPlan, TestReport};
use drydock_engine::Engine;
use futures_util::FutureExt;
use tokio_util::sync::CancellationToken;

use test_images::{assert_removed, build, SERVER};

/// The server with a HEALTHCHECK that passes once httpd answers.
fn healthy_server() -> String {
    format!(
        "{SERVER}HEALTHCHECK --interval=1s --timeout=2s --retries=3 \
         CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1\n"
    )
}

/// Runs `plan`, collecting every event.
async fn test(engine: &Engine, plan: &TestPlan) -> (Result<TestReport, RunError>, Vec<RunEvent>) {
    let mut events = Vec::new();
    let cancel = CancellationToken::new();
    let result = engine
        .test_image(plan, &cancel, &mut |e| events.push(e))
        .await;
    (result, events)
}

fn plan(image: &str, toml: &str) -> TestPlan {
    let project = drydock_project::parse(toml).unwrap_or_else(|e| panic!("{e}"));
    TestPlan::new(image, &project)
}

fn outcome_of(report: &TestReport, kind: CheckKind) -> (Outcome, &str) {
    let check = report
        .check(kind)
        .unwrap_or_else(|| panic!("no {kind:?} check in {report:#?}"));
    (check.outcome, check.detail.as_str())
}

fn run_id_of(events: &[RunEvent]) -> String {
    events
        .iter()
        .find_map(|e| match e {
            RunEvent::Starting { run_id, .. } => Some(run_id.clone()),
            _ => None,
        })
        .expect("a Starting event")
}

#[tokio::test]
async fn a_healthy_confined_server_passes_every_check() {
    let Some(engine) = common::daemon("a_healthy_confined_server_passes_every_check").await else {
        return;
    };
    let image = build(&engine, "healthy", &healthy_server()).await;
    let mut plan = plan(
        &image.image_id,
        r#"
[budget]
max_size_mb = 150
max_build_seconds = 60
[run]
env = { GREETING = "hello" }
ports = [8080]
memory_mb = 64
cpus = 0.5
pids = 32
startup_timeout_s = 30
[[smoke.http]]
port = 8080
path = "/"
expect_body_contains = "drydock ok"
[[smoke.exec]]
command = ["sh", "-c", "echo $GREETING; exit 3"]
expect_exit = 3
expect_stdout_contains = "hello"
[[smoke.exec]]
command = ["sh", "-c", "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes"]
expect_stdout_contains = "67108864"
[[smoke.exec]]
command = ["sh", "-c", "cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max"]
expect_stdout_contains = "32"
[[smoke.exec]]
command = ["grep", "-E", "CapEff|NoNewPrivs", "/proc/self/status"]
expect_stdout_contains = "CapEff:\t0000000000000000\nNoNewPrivs:\t1"
[smoke.expect]
user_not_root = true
healthcheck = "healthy"
exposed_ports = [8080]
"#,
    );
    plan.build_duration_ms = Some(image.duration_ms);
    let (result, events) = test(&engine, &plan).await;
    let report = result.unwrap_or_else(|e| panic!("{e}"));
    assert!(report.passed(), "{report:#?}");
    let kinds: Vec<CheckKind> = report.checks.iter().map(|c| c.kind).collect();
    use CheckKind::*;
    assert_eq!(
        kinds,
        [
            ImageSize,
            BuildTime,
            Healthcheck,
            ExposedPorts,
            Startup,
            UserNotRoot,
            Http,
            Exec,
            Exec,
            Exec,
            Exec,
            StillRunning
        ]
    );
    assert!(outcome_of(&report, Startup).1.starts_with("healthy after"));
    assert_eq!(report.health, Health::Healthy);
    assert_eq!(outcome_of(&report, UserNotRoot).1, "USER app (uid 10001)");
    assert_eq!(
        outcome_of(&report, Http).1,
        "status 200 OK, body contains \"drydock ok\""
    );
    assert!(report.image_id.starts_with("sha256:"));
    let port = report.ports[0];
    assert_eq!(port.container_port, 8080);
    assert!(port.host_port > 0);

    // Live events: started with the port, probes with their exit code, then healthy, and
    // one event per check.
    assert!(matches!(&events[0], RunEvent::Check(c) if c.kind == ImageSize));
    assert!(events
        .iter()
        .any(|e| matches!(e, RunEvent::Starting { ports, .. } if ports == &report.ports)));
    let healthy_at = events
        .iter()
        .position(|e| *e == RunEvent::Healthy)
        .expect("a Healthy event");
    assert!(events[..healthy_at]
        .iter()
        .any(|e| matches!(e, RunEvent::ProbeResult { exit_code: 0, .. })));
    let checks = events
        .iter()
        .filter(|e| matches!(e, RunEvent::Check(_)))
        .count();
    assert_eq!(checks, report.checks.len());
    assert_removed(&report.run_id).await;
}

#[tokio::test]
async fn an_unhealthy_container_reports_its_probe_output() {
    let Some(engine) = common::daemon("an_unhealthy_container_reports_its_probe_output").await
    else {
        return;
    };
    let dockerfile = format!(
        "{SERVER}HEALTHCHECK --interval=1s --timeout=2s --retries=2 \
         CMD echo \"probe: not ready\" && exit 1\n"
    );
    let image = build(&engine, "unhealthy", &dockerfile).await;
    let plan = plan(
        &image.image_id,
        "[run]\nports = [8080]\nstartup_timeout_s = 30\n[[smoke.http]]\nport = 8080\n",
    );
    let (result, events) = test(&engine, &plan).await;
    let report = result.unwrap_or_else(|e| panic!("{e}"));
    assert!(!report.passed());
    assert_eq!(report.health, Health::Unhealthy);
    let (outcome, detail) = outcome_of(&report, CheckKind::Startup);
    assert_eq!(outcome, Outcome::Failed);
    assert!(detail.starts_with("unhealthy after"), "{detail}");
    assert!(
        detail.ends_with("last probe exited 1: \"probe: not ready\""),
        "{detail}"
    );
    assert_eq!(outcome_of(&report, CheckKind::Http).0, Outcome::Skipped);
    assert_eq!(report.check(CheckKind::StillRunning), None);
    // Unhealthy, but running: `id -u` still answers.
    assert_eq!(
        outcome_of(&report, CheckKind::UserNotRoot),
        (Outcome::Passed, "USER app (uid 10001)")
    );
    assert!(events.contains(&RunEvent::ProbeResult {
        exit_code: 1,
        output: "probe: not ready".into()
    }));
    assert!(events.contains(&RunEvent::Unhealthy { failing_streak: 2 }));
    assert_removed(&report.run_id).await;
}

#[tokio::test]
async fn failing_smoke_checks_say_what_differed() {
    let Some(engine) = common::daemon("failing_smoke_checks_say_what_differed").await else {
        return;
    };
    let image = build(&engine, "healthy", &healthy_server()).await;
    let plan = plan(
        &image.image_id,
        r#"
[run]
ports = [8080]
env = { API_TOKEN = "s3cr3t-token-value" }
[[smoke.http]]
port = 8080
path = "/missing"
timeout_s = 1
[[smoke.http]]
port = 8080
expect_body_contains = "nope"
timeout_s = 1
[[smoke.exec]]
command = ["sh", "-c", "echo out; echo err >&2; exit 1"]
[[smoke.exec]]
command = ["echo", "v18.2"]
expect_stdout_contains = "v20"
[[smoke.exec]]
command = ["sh", "-c", "echo token $API_TOKEN; exit 2"]
"#,
    );
    let (result, _) = test(&engine, &plan).await;
    let report = result.unwrap_or_else(|e| panic!("{e}"));
    let failed: Vec<(&str, &str)> = report
        .failed_checks()
        .map(|c| (c.name.as_str(), c.detail.as_str()))
        .collect();
    assert_eq!(failed.len(), 5, "{report:#?}");
    assert_eq!(failed[0].0, "GET /missing on port 8080");
    assert!(
        failed[0]
            .1
            .starts_with("expected status 200, got 404 Not Found"),
        "{}",
        failed[0].1
    );
    assert!(
        failed[0].1.ends_with("(retried for 1.0 s)"),
        "{}",
        failed[0].1
    );
    assert_eq!(failed[1].0, "GET / on port 8080");
    assert!(
        failed[1].1.starts_with(
            "status 200 OK, but the body does not contain \"nope\"; body: \"drydock ok\""
        ),
        "{}",
        failed[1].1
    );
    assert_eq!(
        failed[2],
        (
            "exec sh -c echo out; echo err >&2; exit 1",
            "expected exit 0, got 1; stdout: \"out\"; stderr: \"err\""
        )
    );
    assert_eq!(
        failed[3],
        (
            "exec echo v18.2",
            "exit 0, but stdout does not contain \"v20\"; stdout: \"v18.2\""
        )
    );
    // The env's values never leave the engine.
    assert_eq!(
        failed[4].1,
        "expected exit 0, got 2; stdout: \"token ***\"; stderr: \"\""
    );
    // A failed check is no reason to stop: the container still runs.
    assert_eq!(
        outcome_of(&report, CheckKind::StillRunning).0,
        Outcome::Passed
    );
    assert_removed(&report.run_id).await;
}

#[tokio::test]
async fn image_config_expectations_and_budgets_fail() {
    let Some(engine) = common::daemon("image_config_expectations_and_budgets_fail").await else {
        return;
    };
    // Root, no HEALTHCHECK, nothing exposed.
    let image = build(
        &engine,
        "root-sleeper",
        "FROM drydock-test/busybox:latest\nCMD [\"sleep\", \"300\"]\n",
    )
    .await;
    let mut plan = plan(
        &image.image_id,
        r#"
[budget]
max_size_mb = 0.001
max_build_seconds = 1
[smoke.expect]
healthcheck = "healthy"
exposed_ports = [8080]
"#,
    );
    plan.build_duration_ms = Some(5000);
    let (result, _) = test(&engine, &plan).await;
    let report = result.unwrap_or_else(|e| panic!("{e}"));
    let (size, detail) = outcome_of(&report, CheckKind::ImageSize);
    assert_eq!(size, Outcome::Failed);
    assert!(detail.contains("over the budget of 0.001 MB"), "{detail}");
    assert_eq!(
        outcome_of(&report, CheckKind::BuildTime),
        (Outcome::Failed, "built in 5.0 s, over the budget of 1 s")
    );
    assert_eq!(
        outcome_of(&report, CheckKind::Healthcheck).0,
        Outcome::Failed
    );
    assert_eq!(
        outcome_of(&report, CheckKind::ExposedPorts),
        (
            Outcome::Failed,
            "not exposed: 8080/tcp; the image exposes none"
        )
    );
    assert_eq!(
        outcome_of(&report, CheckKind::UserNotRoot),
        (
            Outcome::Failed,
            "the image sets no USER, so it runs as root"
        )
    );
    // Without a HEALTHCHECK, start-up is a grace period the container survived.
    assert_eq!(
        outcome_of(&report, CheckKind::Startup),
        (
            Outcome::Passed,
            "running after 2.0 s (the image has no HEALTHCHECK)"
        )
    );
    assert_removed(&report.run_id).await;
}

#[tokio::test]
async fn a_container_that_crashes_at_once_is_reported_with_its_output() {
    let Some(engine) = common::daemon("a_container_that_crashes_at_once").await else {
        return;
    };
    let image = build(
        &engine,
        "crash",
        "FROM drydock-test/busybox:latest\nUSER app\nCMD [\"sh\", \"-c\", \"echo boom >&2; exit 3\"]\n",
    )
    .await;
    let plan = plan(
        &image.image_id,
        "[run]\nports = [8080]\n[[smoke.http]]\nport = 8080\n[[smoke.exec]]\ncommand = [\"true\"]\n",
    );
    let (result, events) = test(&engine, &plan).await;
    let report = result.unwrap_or_else(|e| panic!("{e}"));
    let (outcome, detail) = outcome_of(&report, CheckKind::Startup);
    assert_eq!(outcome, Outcome::Failed);
    assert!(
        detail.starts_with("the container exited with code 3 after"),
        "{detail}"
    );
    assert!(detail.ends_with("last output:\nboom"), "{detail}");
    assert_eq!(report.health, Health::None);
    assert!(events.contains(&RunEvent::Exited {
        code: 3,
        oom: false
    }));
    assert_eq!(outcome_of(&report, CheckKind::Http).0, Outcome::Skipped);
    assert_eq!(outcome_of(&report, CheckKind::Exec).0, Outcome::Skipped);
    // The user check falls back on the image's USER when nothing runs to ask.
    assert_eq!(
        outcome_of(&report, CheckKind::UserNotRoot),
        (
            Outcome::Passed,
            "USER app (its uid is unconfirmed: the container is not running)"
        )
    );
    assert_removed(&report.run_id).await;
}

#[tokio::test]
async fn a_missing_command_is_named_by_the_init_process() {
    let Some(engine) = common::daemon("a_missing_command_is_named").await else {
        return;
    };
    let image = build(
        &engine,
        "no-such-command",
        "FROM drydock-test/busybox:latest\nUSER app\nCMD [\"/no/such/server\"]\n",
    )
    .await;
    let plan = plan(&image.image_id, "[[smoke.exec]]\ncommand = [\"true\"]\n");
    let (result, _) = test(&engine, &plan).await;
    let report = result.unwrap_or_else(|e| panic!("{e}"));
    let (outcome, detail) = outcome_of(&report, CheckKind::Startup);
    assert_eq!(outcome, Outcome::Failed);
    // The init process starts, then cannot execute the command: its message says which.
    assert!(
        detail.starts_with("the container exited with code 127 after"),
        "{detail}"
    );
    assert!(
        detail.contains("exec /no/such/server failed: No such file or directory"),
        "{detail}"
    );
    assert_eq!(outcome_of(&report, CheckKind::Exec).0, Outcome::Skipped);
    assert_removed(&report.run_id).await;
}

#[tokio::test]
async fn running_out_of_memory_is_named() {
    let Some(engine) = common::daemon("running_out_of_memory_is_named").await else {
        return;
    };
    let image = build(
        &engine,
        "memory-hog",
        // `tail` keeps the one endless line of /dev/zero in memory: the only large process, so
        // it is the one the OOM killer takes, and the container exits at once. (A shell growing
        // a variable could lose a child instead and keep running.)
        "FROM drydock-test/busybox:latest\nUSER app\nCMD [\"tail\", \"/dev/zero\"]\n",
    )
    .await;
    let plan = plan(&image.image_id, "[run]\nmemory_mb = 8\n");
    let (result, events) = test(&engine, &plan).await;
    let report = result.unwrap_or_else(|e| panic!("{e}"));
    let (outcome, detail) = outcome_of(&report, CheckKind::Startup);
    assert_eq!(outcome, Outcome::Failed, "{detail}");
    assert!(detail.contains("out of memory"), "{detail}");
    assert!(events
        .iter()
        .any(|e| matches!(e, RunEvent::Exited { oom: true, .. })));
    assert_removed(&report.run_id).await;
}

#[tokio::test]
async fn a_container_still_starting_at_the_timeout_fails() {
    let Some(engine) = common::daemon("a_container_still_starting_at_the_timeout").await else {
        return;
    };
    let dockerfile = format!("{SERVER}HEALTHCHECK --interval=60s CMD true\n");
    let image = build(&engine, "slow-health", &dockerfile).await;
    let plan = plan(&image.image_id, "[run]\nstartup_timeout_s = 1\n");
    let (result, _) = test(&engine, &plan).await;
    let report = result.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        outcome_of(&report, CheckKind::Startup),
        (
            Outcome::Failed,
            "not healthy within 1.0 s (still starting); no probe finished"
        )
    );
    assert_eq!(report.health, Health::Starting);
    assert_removed(&report.run_id).await;
}

#[tokio::test]
async fn cancelling_mid_run_removes_the_container() {
    let Some(engine) = common::daemon("cancelling_mid_run_removes_the_container").await else {
        return;
    };
    let dockerfile = format!("{SERVER}HEALTHCHECK --interval=60s CMD true\n");
    let image = build(&engine, "slow-health", &dockerfile).await;
    let plan = plan(&image.image_id, "[run]\nstartup_timeout_s = 120\n");
    let cancel = CancellationToken::new();
    let mut events = Vec::new();
    let started = std::time::Instant::now();
    let result = engine
        .test_image(&plan, &cancel, &mut |e: RunEvent| {
            if matches!(e, RunEvent::Starting { .. }) {
                cancel.cancel();
            }
            events.push(e);
        })
        .await;
    assert!(matches!(result, Err(RunError::Cancelled)), "{result:?}");
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_eq!(events.last(), Some(&RunEvent::Cancelled));
    assert_removed(&run_id_of(&events)).await;
}

#[tokio::test]
async fn a_panicking_sink_still_gets_the_container_removed() {
    let Some(engine) = common::daemon("a_panicking_sink_still_gets_the_container_removed").await
    else {
        return;
    };
    let image = build(&engine, "healthy", &healthy_server()).await;
    let plan = plan(&image.image_id, "[run]\nports = [8080]\n");
    let cancel = CancellationToken::new();
    let mut run_id = None;
    let mut sink = |e: RunEvent| {
        if let RunEvent::Starting { run_id: id, .. } = e {
            run_id = Some(id);
            panic!("the sink fails");
        }
    };
    let run = engine.test_image(&plan, &cancel, &mut sink);
    let caught = AssertUnwindSafe(run).catch_unwind().await;
    assert!(caught.is_err());
    let run_id = run_id.expect("the run started");
    // The removal runs in a task of its own: give it a moment.
    for _ in 0..50 {
        let label = format!("dev.drydock.run={run_id}");
        if test_images::containers_labelled(&label).await.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_removed(&run_id).await;
}

#[tokio::test]
async fn a_missing_image_is_an_error_before_anything_runs() {
    let Some(engine) = common::daemon("a_missing_image_is_an_error").await else {
        return;
    };
    let plan = plan("drydock-test/no-such-image:latest", "");
    let (result, events) = test(&engine, &plan).await;
    match result {
        Err(e @ RunError::Image(InspectError::NotFound(_))) => assert_eq!(
            e.to_string(),
            "no image `drydock-test/no-such-image:latest` on the daemon"
        ),
        other => panic!("{other:?}"),
    }
    assert!(events.is_empty());
}
