use std::path::PathBuf;

use crate::BuildId;

/// What went wrong, one variant per operation; the foreign error is kept as the source.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no place for the build history: set DRYDOCK_HISTORY, XDG_DATA_HOME or HOME")]
    NoDataDir,
    #[error("cannot create the folder for the build history {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the build history {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "the build history {path} needs write-ahead logging, which its file system does not \
         offer (journal mode {mode}); set DRYDOCK_HISTORY to a file on a local disk"
    )]
    NoWal { path: PathBuf, mode: String },
    #[error(
        "the build history {path} has schema version {found}, newer than the {known} this \
         drydock knows: update drydock, or set DRYDOCK_HISTORY to use another file"
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error("cannot upgrade the build history {path} to schema version {version}: {source}")]
    Migrate {
        path: PathBuf,
        version: u32,
        source: rusqlite::Error,
    },
    #[error("cannot write to the build history: {0}")]
    Write(#[source] rusqlite::Error),
    #[error("cannot read the build history: {0}")]
    Read(#[source] rusqlite::Error),
    #[error("no build {0} in the history")]
    NoSuchBuild(BuildId),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
