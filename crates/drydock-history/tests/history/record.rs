use drydock_history::{
    BuildArg, BuildError, BuildId, BuildStatus, Builder, Check, Error, Health, Healthcheck,
    ImageConfig, Page, TestRun,
};

use crate::support::{sample_build, step, temp_history};

#[test]
fn build_with_steps_layers_and_test_runs_reads_back() {
    let (_dir, _path, mut history) = temp_history();
    let mut new = sample_build(1_700_000_000_000);
    new.build_args = vec![BuildArg {
        name: "NODE_ENV".into(),
        value: "production".into(),
    }];
    new.target = Some("runtime".into());
    new.builder = Builder::Classic;
    new.image_config = Some(ImageConfig {
        user: Some("app".into()),
        workdir: Some("/app".into()),
        cmd: Some(vec!["node".into(), "server.js".into()]),
        env: vec!["PORT=3000".into()],
        exposed_ports: vec!["3000/tcp".into()],
        healthcheck: Some(Healthcheck {
            test: vec!["CMD".into(), "true".into()],
            retries: Some(3),
            ..Default::default()
        }),
        ..Default::default()
    });
    let id = history.record_build(&new).unwrap();

    let first_run = TestRun {
        started_at_ms: new.started_at_ms + 20_000,
        duration_ms: 4_000,
        passed: false,
        health: Health::Unhealthy,
        checks: vec![
            Check {
                name: "GET /health".into(),
                kind: "http".into(),
                passed: false,
                duration_ms: 120,
                detail: "503".into(),
            },
            Check {
                name: "user".into(),
                kind: "config".into(),
                passed: true,
                duration_ms: 0,
                detail: "app".into(),
            },
        ],
    };
    let second_run = TestRun {
        started_at_ms: first_run.started_at_ms + 60_000,
        passed: true,
        health: Health::Healthy,
        checks: Vec::new(),
        ..first_run.clone()
    };
    // Recorded out of order: runs read back by start time.
    let second_id = history.record_test_run(id, &second_run).unwrap();
    let first_id = history.record_test_run(id, &first_run).unwrap();

    let build = history.build(id).unwrap().expect("the recorded build");
    let summary = &build.summary;
    assert_eq!(summary.id, id);
    assert_eq!(summary.dockerfile_path, new.dockerfile_path);
    assert_eq!(
        (summary.tag.as_deref(), summary.target.as_deref()),
        (Some("app:dev"), Some("runtime"))
    );
    assert_eq!(summary.platform.as_deref(), Some("linux/amd64"));
    assert_eq!(summary.builder, Builder::Classic);
    assert_eq!(
        (summary.started_at_ms, summary.duration_ms),
        (new.started_at_ms, new.duration_ms)
    );
    assert_eq!(summary.status, BuildStatus::Succeeded);
    assert_eq!(summary.error, None);
    assert_eq!(
        (summary.image_id.as_ref(), summary.size_bytes),
        (new.image_id.as_ref(), new.size_bytes)
    );
    assert_eq!(
        (summary.step_count, summary.cache_hits, summary.layer_count),
        (3, 1, 2),
        "counts come from the rows"
    );
    assert_eq!(summary.cache_hit_ratio(), Some(1.0 / 3.0));
    assert_eq!(summary.lint, new.lint);
    assert_eq!(build.dockerfile_text, new.dockerfile_text);
    assert_eq!(
        build.build_args,
        [BuildArg {
            name: "NODE_ENV".into(),
            value: "***".into()
        }],
        "value masked, name kept"
    );
    assert_eq!(
        build.image_config, new.image_config,
        "nothing secret in this config, so it is unchanged"
    );
    assert_eq!(build.steps, new.steps);
    assert_eq!(build.layers, new.layers);
    let runs: Vec<_> = build
        .test_runs
        .iter()
        .map(|recorded| (recorded.id, &recorded.run))
        .collect();
    assert_eq!(
        runs,
        [(first_id, &first_run), (second_id, &second_run)],
        "test runs with their checks, oldest first"
    );
}

#[test]
fn failed_build_keeps_its_error() {
    let (_dir, _path, mut history) = temp_history();
    let mut new = sample_build(1);
    new.status = BuildStatus::Failed;
    new.error = Some(BuildError {
        message: "exit code: 127".into(),
        step: Some(1),
        line: Some(2),
    });
    new.image_id = None;
    new.size_bytes = None;
    new.layers.clear();
    new.steps.truncate(2);
    let id = history.record_build(&new).unwrap();

    let build = history.build(id).unwrap().unwrap();
    assert_eq!(build.summary.status, BuildStatus::Failed);
    assert_eq!(build.summary.error, new.error);
    assert_eq!(
        (build.summary.size_bytes, build.summary.layer_count),
        (None, 0),
        "no image"
    );
}

#[test]
fn unknown_build_is_none_and_takes_no_test_run() {
    let (_dir, _path, mut history) = temp_history();
    assert_eq!(history.build(BuildId(42)).unwrap(), None);
    let run = TestRun {
        started_at_ms: 0,
        duration_ms: 0,
        passed: true,
        health: Health::None,
        checks: Vec::new(),
    };
    let error = history
        .record_test_run(BuildId(42), &run)
        .expect_err("no build 42");
    assert!(
        matches!(error, Error::NoSuchBuild(BuildId(42))),
        "{error:?}"
    );
    assert_eq!(error.to_string(), "no build 42 in the history");
}

#[test]
fn failing_write_records_nothing() {
    let (_dir, _path, mut history) = temp_history();
    let mut new = sample_build(1);
    // SQLite integers are signed 64-bit: the last step cannot be stored, after the build
    // row and the other steps were written.
    new.steps.push(step("RUN huge", 4, false));
    new.steps.last_mut().unwrap().size_bytes = u64::MAX;
    let error = history
        .record_build(&new)
        .expect_err("an unstorable size fails the write");
    assert!(matches!(error, Error::Write(_)), "{error:?}");

    assert_eq!(
        history.project("/work/app").unwrap(),
        None,
        "the project row was rolled back too"
    );
    assert_eq!(history.build(BuildId(1)).unwrap(), None, "no partial build");
    new.steps.pop();
    let id = history
        .record_build(&new)
        .expect("the connection is usable afterwards");
    let project = history.project("/work/app").unwrap().unwrap();
    assert_eq!(
        history
            .builds(project.id, "Dockerfile", Page::first(5))
            .unwrap()
            .len(),
        1
    );
    assert_eq!(history.build(id).unwrap().unwrap().steps.len(), 3);
}
