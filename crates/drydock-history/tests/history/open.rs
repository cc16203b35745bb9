use std::thread;

use drydock_history::{Error, History, Page, SCHEMA_VERSION};
use rusqlite::Connection;

use crate::support::{sample_build, temp_history};

#[test]
fn fresh_file_is_migrated_to_the_current_schema() {
    let (_dir, path, history) = temp_history();
    drop(history);
    let raw = Connection::open(&path).expect("raw connection");
    let version: u32 = raw
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(
        version, SCHEMA_VERSION,
        "every embedded migration is applied"
    );
    let mode: String = raw
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal", "write-ahead logging is stored in the file");
    let tables: Vec<String> = raw
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        tables,
        [
            "builds",
            "checks",
            "layers",
            "projects",
            "steps",
            "test_runs"
        ],
        "one table per module"
    );
}

#[test]
fn open_creates_missing_folders() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data/drydock/history.sqlite3");
    let history = History::open(&path).expect("opens under folders that do not exist yet");
    assert_eq!(history.path(), path);
    assert!(path.is_file(), "the file is created");
}

#[test]
fn reopening_keeps_data_and_migrates_nothing_twice() {
    let (_dir, path, mut history) = temp_history();
    let id = history.record_build(&sample_build(1_000)).unwrap();
    drop(history);

    let history = History::open(&path).expect("reopens");
    let project = history
        .project("/work/app")
        .unwrap()
        .expect("project survives");
    let builds = history
        .builds(project.id, "Dockerfile", Page::first(10))
        .unwrap();
    assert_eq!(builds.len(), 1, "the build survives");
    assert_eq!(builds[0].id, id);
    let build = history.build(id).unwrap().expect("details survive");
    assert_eq!(build.steps.len(), 3, "steps survive");
}

#[test]
fn empty_sqlite_file_from_elsewhere_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE unrelated (x);")
        .unwrap();
    let mut history = History::open(&path).expect("a version-0 file is migrated");
    history
        .record_build(&sample_build(1))
        .expect("and written to");
}

#[test]
fn newer_schema_is_refused_and_left_untouched() {
    let (_dir, path, history) = temp_history();
    drop(history);
    let newer = SCHEMA_VERSION + 1;
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", newer)
        .unwrap();

    let error = History::open(&path)
        .err()
        .expect("a newer schema is refused");
    assert!(
        matches!(error, Error::TooNew { found, known, .. } if found == newer && known == SCHEMA_VERSION),
        "refused as too new: {error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains(&path.display().to_string()),
        "the message names the file: {message}"
    );
    assert!(
        message.contains("update drydock"),
        "the message says what to do: {message}"
    );

    let raw = Connection::open(&path).unwrap();
    let version: u32 = raw
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, newer, "the newer file is not downgraded");
}

#[test]
fn many_connections_opening_a_fresh_file_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    let openers: Vec<_> = (0..4)
        .map(|i| {
            let path = path.clone();
            thread::spawn(move || {
                let mut history = History::open(&path).expect("concurrent open and migrate");
                history
                    .record_build(&sample_build(i))
                    .expect("write after concurrent open")
            })
        })
        .collect();
    for opener in openers {
        opener.join().expect("opener thread");
    }
    let history = History::open(&path).unwrap();
    let project = history.project("/work/app").unwrap().unwrap();
    assert_eq!(
        history
            .builds(project.id, "Dockerfile", Page::first(10))
            .unwrap()
            .len(),
        4,
        "all four recorded"
    );
}
