use drydock_mask::Masker;
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use super::builds::BuildId;

/// One step of a build, in the order the builder reported them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// As the builder showed it, e.g. `RUN npm ci`; masked when stored.
    pub instruction: String,
    /// 1-based Dockerfile line, when the builder tied the step to one.
    pub line: Option<u32>,
    pub cached: bool,
    pub duration_ms: u64,
    /// Size of the layer the step added (0 for metadata-only steps).
    pub size_bytes: u64,
}

pub(crate) fn insert_all(
    conn: &Connection,
    build: BuildId,
    steps: &[Step],
    masker: &Masker,
) -> rusqlite::Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO steps (build_id, position, instruction, line, cached, duration_ms, size_bytes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (position, step) in steps.iter().enumerate() {
        insert.execute(params![
            build.0,
            position,
            masker.mask(&step.instruction),
            step.line,
            step.cached,
            step.duration_ms,
            step.size_bytes
        ])?;
    }
    Ok(())
}

pub(crate) fn of_build(conn: &Connection, build: BuildId) -> rusqlite::Result<Vec<Step>> {
    conn.prepare_cached(
        "SELECT instruction, line, cached, duration_ms, size_bytes
         FROM steps WHERE build_id = ?1 ORDER BY position",
    )?
    .query_map([build.0], from_row)?
    .collect()
}

fn from_row(row: &Row) -> rusqlite::Result<Step> {
    Ok(Step {
        instruction: row.get("instruction")?,
        line: row.get("line")?,
        cached: row.get("cached")?,
        duration_ms: row.get("duration_ms")?,
        size_bytes: row.get("size_bytes")?,
    })
}
