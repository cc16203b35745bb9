use drydock_history::{
    BuildId, BuildStatus, History, NewBuild, Page, ProjectId, RegressionThresholds, TrendPoint,
};

use crate::support::{sample_build, temp_history, MB};

fn record(history: &mut History, build: NewBuild) -> BuildId {
    history.record_build(&build).expect("records")
}

fn app_project(history: &History) -> ProjectId {
    history
        .project("/work/app")
        .unwrap()
        .expect("the app project")
        .id
}

#[test]
fn pages_list_one_dockerfile_newest_first() {
    let (_dir, _path, mut history) = temp_history();
    // Start times out of insertion order, with ties, so the order is by time then id.
    let mut expected = Vec::new();
    for i in 0..25_i64 {
        let started_at_ms = (i * 7919) % 25 / 2 * 1_000;
        expected.push((
            started_at_ms,
            record(&mut history, sample_build(started_at_ms)),
        ));
    }
    let mut other_dockerfile = sample_build(99_000);
    other_dockerfile.dockerfile_path = "docker/Dockerfile.dev".into();
    record(&mut history, other_dockerfile);
    let mut other_project = sample_build(99_000);
    other_project.project_path = "/work/other".into();
    record(&mut history, other_project);
    expected.sort_by(|a, b| b.cmp(a));
    let expected: Vec<BuildId> = expected.into_iter().map(|(_, id)| id).collect();

    let project = app_project(&history);
    let mut listed = Vec::new();
    let mut page = Page::first(10);
    let mut sizes = Vec::new();
    loop {
        let builds = history.builds(project, "Dockerfile", page).unwrap();
        sizes.push(builds.len());
        let Some(last) = builds.last() else { break };
        page = page.after(last);
        listed.extend(builds.iter().map(|build| build.id));
    }
    assert_eq!(
        sizes,
        [10, 10, 5, 0],
        "full pages, a partial one, then nothing"
    );
    assert_eq!(
        listed, expected,
        "every build of this Dockerfile once, newest first"
    );
    assert_eq!(
        history.dockerfiles(project).unwrap(),
        ["Dockerfile", "docker/Dockerfile.dev"]
    );
    let paths: Vec<String> = history
        .projects()
        .unwrap()
        .into_iter()
        .map(|project| project.path)
        .collect();
    assert_eq!(paths, ["/work/app", "/work/other"]);
}

#[test]
fn project_name_follows_the_latest_build() {
    let (_dir, _path, mut history) = temp_history();
    record(&mut history, sample_build(1));
    let mut renamed = sample_build(2);
    renamed.project_name = "app (renamed)".into();
    record(&mut history, renamed);
    let projects = history.projects().unwrap();
    assert_eq!(projects.len(), 1, "the path identifies the project");
    assert_eq!(projects[0].name, "app (renamed)");
}

fn build(started_at_ms: i64, status: BuildStatus, size_mb: f64, duration_ms: u64) -> NewBuild {
    let mut build = sample_build(started_at_ms);
    build.status = status;
    build.duration_ms = duration_ms;
    build.size_bytes = (status == BuildStatus::Succeeded).then_some((size_mb * MB as f64) as u64);
    build
}

fn flags(point: &TrendPoint) -> (bool, bool) {
    (point.size_regression, point.duration_regression)
}

#[test]
fn trend_flags_jumps_against_the_previous_successful_build() {
    let (_dir, _path, mut history) = temp_history();
    use BuildStatus::{Cancelled, Failed, Succeeded};
    let ids = [
        record(&mut history, build(1, Succeeded, 100.0, 10_000)),
        record(&mut history, build(2, Failed, 0.0, 60_000)),
        record(&mut history, build(3, Succeeded, 112.0, 11_000)), // +12% size; +10% time
        record(&mut history, build(4, Succeeded, 112.5, 14_000)), // +0.4% size; +27% and +3 s
        record(&mut history, build(5, Cancelled, 0.0, 1_000)),
        record(&mut history, build(6, Succeeded, 100.0, 10_000)), // shrank, faster
        record(&mut history, build(7, Succeeded, 100.9, 11_900)), // +0.9 MB; +1.9 s: under the minimums
    ];
    let project = app_project(&history);
    let points = history
        .trend(project, "Dockerfile", 50, &RegressionThresholds::default())
        .unwrap();

    let listed: Vec<BuildId> = points.iter().map(|point| point.build_id).collect();
    assert_eq!(listed, ids, "every build, oldest first");
    let baselines: Vec<Option<BuildId>> = points.iter().map(|point| point.baseline).collect();
    assert_eq!(
        baselines,
        [
            None,
            None,
            Some(ids[0]),
            Some(ids[2]),
            None,
            Some(ids[3]),
            Some(ids[5])
        ],
        "successful builds compare with the previous successful one, skipping failures"
    );
    let all_flags: Vec<(bool, bool)> = points.iter().map(flags).collect();
    assert_eq!(
        all_flags,
        [
            (false, false),
            (false, false),
            (true, false),
            (false, true),
            (false, false),
            (false, false),
            (false, false)
        ]
    );
    assert_eq!(points[2].size_delta_bytes, Some(12 * MB as i64));
    assert_eq!(points[3].duration_delta_ms, Some(3_000));
    assert_eq!(
        points[5].size_delta_bytes,
        Some(-12_500_000),
        "shrinking shows as a negative delta"
    );
    assert_eq!(
        (points[1].size_bytes, points[1].size_delta_bytes),
        (None, None),
        "a failed build has no size"
    );
    assert_eq!(points[0].cache_hit_ratio, Some(1.0 / 3.0));
    assert_eq!(points[4].status, BuildStatus::Cancelled);

    let window = history
        .trend(project, "Dockerfile", 2, &RegressionThresholds::default())
        .unwrap();
    let window: Vec<(BuildId, Option<BuildId>)> = window
        .iter()
        .map(|point| (point.build_id, point.baseline))
        .collect();
    assert_eq!(
        window,
        [(ids[5], Some(ids[3])), (ids[6], Some(ids[5]))],
        "a baseline may lie before the window"
    );

    let lenient = RegressionThresholds {
        size_ratio: 0.5,
        duration_ratio: 0.5,
        ..RegressionThresholds::default()
    };
    let points = history.trend(project, "Dockerfile", 50, &lenient).unwrap();
    assert!(
        points.iter().all(|point| flags(point) == (false, false)),
        "thresholds are parameters"
    );
    let strict = RegressionThresholds {
        size_ratio: 0.005,
        size_min_bytes: 0,
        duration_ratio: 0.1,
        duration_min_ms: 0,
    };
    let points = history.trend(project, "Dockerfile", 50, &strict).unwrap();
    assert_eq!(
        flags(&points[6]),
        (true, true),
        "+0.9% and +19% count once the minimums are gone"
    );
}

#[test]
fn latest_successful_build_skips_failures_and_other_dockerfiles() {
    let (_dir, _path, mut history) = temp_history();
    use BuildStatus::{Failed, Succeeded};
    let project_less = history.project("/work/app").unwrap();
    assert_eq!(project_less, None, "nothing recorded yet");
    record(&mut history, build(1, Succeeded, 90.0, 9_000));
    let wanted = record(&mut history, build(2, Succeeded, 95.0, 9_000));
    record(&mut history, build(3, Failed, 0.0, 2_000));
    let mut other = build(4, Succeeded, 10.0, 1_000);
    other.dockerfile_path = "Dockerfile.test".into();
    record(&mut history, other);

    let project = app_project(&history);
    let latest = history
        .latest_successful_build(project, "Dockerfile")
        .unwrap()
        .expect("a successful build");
    assert_eq!(latest.summary.id, wanted);
    assert_eq!(latest.steps.len(), 3, "with its details");
    assert_eq!(
        history
            .latest_successful_build(project, "missing/Dockerfile")
            .unwrap(),
        None
    );
}
