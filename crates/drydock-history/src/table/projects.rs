use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// A project's row id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProjectId(pub i64);

/// A project folder (a build context) that has been built at least once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub id: ProjectId,
    /// The folder, absolute, as the caller normalised it; unique.
    pub path: String,
    pub name: String,
}

/// The project at `path`, created or renamed to `name`.
pub(crate) fn upsert(conn: &Connection, path: &str, name: &str) -> rusqlite::Result<ProjectId> {
    conn.query_row(
        "INSERT INTO projects (path, name) VALUES (?1, ?2)
         ON CONFLICT (path) DO UPDATE SET name = excluded.name
         RETURNING id",
        params![path, name],
        |row| row.get(0).map(ProjectId),
    )
}

pub(crate) fn find(conn: &Connection, path: &str) -> rusqlite::Result<Option<Project>> {
    conn.query_row(
        "SELECT id, path, name FROM projects WHERE path = ?1",
        [path],
        from_row,
    )
    .optional()
}

/// Every project, by path.
pub(crate) fn all(conn: &Connection) -> rusqlite::Result<Vec<Project>> {
    conn.prepare_cached("SELECT id, path, name FROM projects ORDER BY path")?
        .query_map([], from_row)?
        .collect()
}

fn from_row(row: &Row) -> rusqlite::Result<Project> {
    Ok(Project {
        id: ProjectId(row.get("id")?),
        path: row.get("path")?,
        name: row.get("name")?,
    })
}
