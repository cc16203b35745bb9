//! A process killed in the middle of a write leaves every committed build intact and nothing
//! of the half-written one. The child is this test binary run again with [`CHILD_VAR`] set.

use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use drydock_history::{History, Page};
use rusqlite::Connection;

use crate::support::{sample_build, step};

/// Holds the history path when this test runs as the child that gets killed.
const CHILD_VAR: &str = "DRYDOCK_HISTORY_CRASH_CHILD";
const COMMITTED: &str = "first build committed";
/// Steps of the build being written when the child is killed: tens of MB, far more than
/// SQLite's page cache holds, so uncommitted pages spill into the log before the kill.
const HUGE_STEPS: u32 = 200_000;
/// Log growth that proves the second transaction is mid-way: about a tenth of its size.
const SPILLED_BYTES: u64 = 6 << 20;

#[test]
fn killed_writer_keeps_committed_builds_only() {
    if let Some(path) = std::env::var_os(CHILD_VAR) {
        write_until_killed(Path::new(&path));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash::killed_writer_keeps_committed_builds_only",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_VAR, &path)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the child starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    // The harness prints `test NAME ... ` without a newline just before the child's line.
    assert!(
        lines.any(|line| line.is_ok_and(|line| line.ends_with(COMMITTED))),
        "the child reports its first commit"
    );

    let wal = wal_path(&path);
    let committed_len = wal.metadata().map_or(0, |meta| meta.len());
    let deadline = Instant::now() + Duration::from_secs(120);
    while wal.metadata().map_or(0, |meta| meta.len()) < committed_len + SPILLED_BYTES {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the child is still writing when it is killed"
        );
        assert!(
            Instant::now() < deadline,
            "the second transaction reaches the log in time"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    let status = child.wait().unwrap();
    assert_eq!(
        status.signal(),
        Some(9),
        "the child died by SIGKILL, mid-write"
    );

    let raw = Connection::open(&path).unwrap();
    let integrity: String = raw
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let steps: u32 = raw
        .query_row("SELECT count(*) FROM steps", [], |row| row.get(0))
        .unwrap();
    assert_eq!(steps, 3, "no step of the half-written build");
    drop(raw);

    let history = History::open(&path).expect("reopens after the crash");
    let project = history
        .project("/work/app")
        .unwrap()
        .expect("the committed project")
        .id;
    let builds = history
        .builds(project, "Dockerfile", Page::first(10))
        .unwrap();
    assert_eq!(builds.len(), 1, "the committed build and nothing else");
    let build = history.build(builds[0].id).unwrap().unwrap();
    let expected = sample_build(1);
    assert_eq!(
        (build.steps, build.layers),
        (expected.steps, expected.layers),
        "committed rows are intact"
    );
}

/// The child: commits one build, then records a huge one until the parent kills it.
fn write_until_killed(path: &Path) -> ! {
    let mut history = History::open(path).expect("child opens");
    history.record_build(&sample_build(1)).expect("first build");
    println!("{COMMITTED}");
    let mut huge = sample_build(2);
    let padding = "x".repeat(200);
    huge.steps = (0..HUGE_STEPS)
        .map(|n| step(&format!("RUN echo {n} {padding}"), n, false))
        .collect();
    history.record_build(&huge).expect("second build");
    // Not reached unless the parent failed to kill in time; it then reports that.
    std::process::exit(0)
}

fn wal_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}
