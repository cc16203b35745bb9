//! The schema, as plain SQL files in `migrations/` embedded in the binary and applied in order.
//! `PRAGMA user_version` holds how many have been applied.
//!
//! Migrations only add (tables, nullable or defaulted columns, indexes) and never drop or
//! rewrite what users recorded: the history is years of measurements that nothing can
//! rebuild. A file is never edited once released; a change is a new file at the end of
//! [`MIGRATIONS`].

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::{Error, Result};

/// `(file name, SQL)`, in the order they apply; a test checks this matches `migrations/`.
const MIGRATIONS: &[(&str, &str)] =
    &[("0001_init.sql", include_str!("../migrations/0001_init.sql"))];

/// The schema version this code reads and writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings the database to [`SCHEMA_VERSION`], refusing one that is newer.
///
/// Two processes may open a fresh file at once: the version is read again under the write
/// lock, so the second one waits and then finds nothing to do.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    if applied_version(conn, path)? == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|source| Error::Open {
            path: path.to_owned(),
            source,
        })?;
    let applied = applied_version(&tx, path)?;
    for (version, (_, sql)) in (1..).zip(MIGRATIONS).skip(applied as usize) {
        let migrate_error = |source| Error::Migrate {
            path: path.to_owned(),
            version,
            source,
        };
        tx.execute_batch(sql).map_err(migrate_error)?;
        tx.pragma_update(None, "user_version", version)
            .map_err(migrate_error)?;
    }
    tx.commit().map_err(|source| Error::Migrate {
        path: path.to_owned(),
        version: SCHEMA_VERSION,
        source,
    })
}

/// The applied version, or [`Error::TooNew`] for a file a newer drydock wrote.
fn applied_version(conn: &Connection, path: &Path) -> Result<u32> {
    let found: u32 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|source| Error::Open {
            path: path.to_owned(),
            source,
        })?;
    if found > SCHEMA_VERSION {
        return Err(Error::TooNew {
            path: path.to_owned(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_matches_the_migrations_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .expect("migrations folder is readable")
            .map(|entry| {
                entry
                    .expect("entry is readable")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        files.sort();
        let embedded: Vec<&str> = MIGRATIONS.iter().map(|(name, _)| *name).collect();
        assert_eq!(
            files, embedded,
            "every file in migrations/ is embedded, in order"
        );
        for (number, name) in (1..).zip(&embedded) {
            assert!(
                name.starts_with(&format!("{number:04}_")),
                "{name} is numbered {number:04} so the order is the file order"
            );
        }
    }
}
