use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use super::builds::BuildId;
use super::checks::Check;
use crate::sql_types::word_enum;

/// A test run's row id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TestRunId(pub i64);

word_enum! {
    /// The container's health status when the test run ended.
    pub enum Health {
        /// The image has no healthcheck.
        None = "none",
        Starting = "starting",
        Healthy = "healthy",
        Unhealthy = "unhealthy",
    }
}

/// One run of a built image with its smoke checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestRun {
    pub started_at_ms: i64,
    pub duration_ms: u64,
    /// The verdict of the whole run (checks, health, budgets, timeouts).
    pub passed: bool,
    pub health: Health,
    pub checks: Vec<Check>,
}

/// A test run as the history holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordedTestRun {
    pub id: TestRunId,
    #[serde(flatten)]
    pub run: TestRun,
}

pub(crate) fn insert(
    conn: &Connection,
    build: BuildId,
    run: &TestRun,
) -> rusqlite::Result<TestRunId> {
    conn.prepare_cached(
        "INSERT INTO test_runs (build_id, started_at_ms, duration_ms, passed, health)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
    )?
    .query_row(
        params![
            build.0,
            run.started_at_ms,
            run.duration_ms,
            run.passed,
            run.health
        ],
        |row| row.get(0).map(TestRunId),
    )
}

/// A build's test runs, oldest first, without their checks.
pub(crate) fn of_build(
    conn: &Connection,
    build: BuildId,
) -> rusqlite::Result<Vec<RecordedTestRun>> {
    conn.prepare_cached(
        "SELECT id, started_at_ms, duration_ms, passed, health
         FROM test_runs WHERE build_id = ?1 ORDER BY started_at_ms, id",
    )?
    .query_map([build.0], from_row)?
    .collect()
}

fn from_row(row: &Row) -> rusqlite::Result<RecordedTestRun> {
    Ok(RecordedTestRun {
        id: TestRunId(row.get("id")?),
        run: TestRun {
            started_at_ms: row.get("started_at_ms")?,
            duration_ms: row.get("duration_ms")?,
            passed: row.get("passed")?,
            health: row.get("health")?,
            checks: Vec::new(),
        },
    })
}
