use drydock_mask::Masker;
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use super::builds::BuildId;

/// One layer of the built image, base first (the reverse of `docker history`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layer {
    /// Content digest or id, when the daemon gave one; a compare aligns layers by it.
    pub digest: Option<String>,
    pub size_bytes: u64,
    /// The history's `created_by`, masked when stored: it spells out build-arg values.
    pub created_by: String,
}

pub(crate) fn insert_all(
    conn: &Connection,
    build: BuildId,
    layers: &[Layer],
    masker: &Masker,
) -> rusqlite::Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO layers (build_id, position, digest, size_bytes, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, layer) in layers.iter().enumerate() {
        insert.execute(params![
            build.0,
            position,
            layer.digest,
            layer.size_bytes,
            masker.mask(&layer.created_by)
        ])?;
    }
    Ok(())
}

pub(crate) fn of_build(conn: &Connection, build: BuildId) -> rusqlite::Result<Vec<Layer>> {
    conn.prepare_cached(
        "SELECT digest, size_bytes, created_by FROM layers WHERE build_id = ?1 ORDER BY position",
    )?
    .query_map([build.0], from_row)?
    .collect()
}

fn from_row(row: &Row) -> rusqlite::Result<Layer> {
    Ok(Layer {
        digest: row.get("digest")?,
        size_bytes: row.get("size_bytes")?,
        created_by: row.get("created_by")?,
    })
}
