use drydock_mask::mask_secrets;
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use super::test_runs::TestRunId;

/// One check of a test run: a smoke check, the health wait, a budget or an image-config check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub name: String,
    /// What kind of check, as the engine names it (e.g. `http`, `exec`, `health`, `budget`).
    pub kind: String,
    pub passed: bool,
    pub duration_ms: u64,
    /// What was seen, e.g. the status and body excerpt; masked when stored.
    pub detail: String,
}

pub(crate) fn insert_all(
    conn: &Connection,
    run: TestRunId,
    checks: &[Check],
) -> rusqlite::Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO checks (test_run_id, position, name, kind, passed, duration_ms, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (position, check) in checks.iter().enumerate() {
        insert.execute(params![
            run.0,
            position,
            mask_secrets(&check.name),
            check.kind,
            check.passed,
            check.duration_ms,
            mask_secrets(&check.detail)
        ])?;
    }
    Ok(())
}

pub(crate) fn of_test_run(conn: &Connection, run: TestRunId) -> rusqlite::Result<Vec<Check>> {
    conn.prepare_cached(
        "SELECT name, kind, passed, duration_ms, detail
         FROM checks WHERE test_run_id = ?1 ORDER BY position",
    )?
    .query_map([run.0], from_row)?
    .collect()
}

fn from_row(row: &Row) -> rusqlite::Result<Check> {
    Ok(Check {
        name: row.get("name")?,
        kind: row.get("kind")?,
        passed: row.get("passed")?,
        duration_ms: row.get("duration_ms")?,
        detail: row.get("detail")?,
    })
}
