//! Which version of a file the editor holds: enough to tell, before a save, whether someone
//! else changed the file since it was read, and to tell our own writes from theirs.

use std::fs;
use std::io;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FileVersion {
    /// Last modification, in milliseconds since the Unix epoch.
    pub modified_ms: u64,
    /// Size in bytes.
    pub len: u64,
    /// FNV-1a 64 of the contents, 16 hex digits: stable across builds and platforms.
    pub hash: String,
}

impl FileVersion {
    /// The version of `contents` as the file at `path` holds them now.
    pub fn of(path: &Path, contents: &[u8]) -> io::Result<FileVersion> {
        let modified = fs::metadata(path)?.modified()?;
        Ok(FileVersion {
            modified_ms: modified
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
            len: contents.len() as u64,
            hash: content_hash(contents),
        })
    }

    /// The file's version now, read in full; `None` when it does not exist.
    pub fn read(path: &Path) -> io::Result<Option<FileVersion>> {
        match fs::read(path) {
            Ok(contents) => FileVersion::of(path, &contents).map(Some),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Whether both hold the same bytes. The time is left out: a `touch` or a save of the
    /// same text changes nothing the user could lose.
    pub fn same_content(&self, other: &FileVersion) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

/// FNV-1a, 64 bits, as 16 hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let hash = bytes.iter().fold(OFFSET_BASIS, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(content_hash(b""), "cbf29ce484222325");
        assert_eq!(content_hash(b"a"), "af63dc4c8601ec8c");
        assert_eq!(content_hash(b"foobar"), "85944171f73967e8");
    }

    #[test]
    fn same_content_ignores_the_time() {
        let version = |modified_ms, text: &str| FileVersion {
            modified_ms,
            len: text.len() as u64,
            hash: content_hash(text.as_bytes()),
        };
        assert!(version(1, "FROM a\n").same_content(&version(2, "FROM a\n")));
        assert!(!version(1, "FROM a\n").same_content(&version(1, "FROM b\n")));
    }
}
