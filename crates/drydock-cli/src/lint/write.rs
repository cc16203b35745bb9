//! Writing a fixed Dockerfile atomically: a temporary file in the same directory (so the rename
//! stays on one file system), with the original's permissions, flushed to disk, then renamed
//! over the original. A crash leaves the old file or the new one, never half of either.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

use super::errors::io_error;

pub(super) fn replace(path: &Path, contents: &str) -> anyhow::Result<()> {
    write_atomically(path, contents).map_err(io_error)
}

fn write_atomically(path: &Path, contents: &str) -> io::Result<()> {
    // Through a symbolic link to its target: renaming over the link would replace the link.
    let target = fs::canonicalize(path)?;
    let meta = fs::metadata(&target)?;
    let dir = match target.parent() {
        Some(dir) if meta.is_file() => dir,
        _ => {
            return Err(io::Error::other(
                "not a regular file, so it cannot be fixed in place",
            ))
        }
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".drydock-fix-")
        .tempfile_in(dir)?;
    temp.write_all(contents.as_bytes())?;
    let file = temp.as_file();
    file.set_permissions(meta.permissions())?;
    keep_owner(file, &meta);
    file.sync_all()?;
    temp.persist(&target)?;
    // The rename is durable only once the directory entry is on disk too.
    File::open(dir)?.sync_all()?;
    Ok(())
}

/// Gives the new file the original's owner. Only root may give a file away; anyone else
/// keeps their own ownership, which is what a plain write would leave too.
#[cfg(unix)]
fn keep_owner(file: &File, meta: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_: &File, _: &fs::Metadata) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_leaves_no_temp_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Dockerfile");
        fs::write(&path, "FROM a\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        replace(&path, "FROM b\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "FROM b\n");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["Dockerfile"]);
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symbolic_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.Dockerfile");
        let link = dir.path().join("Dockerfile");
        fs::write(&real, "FROM a\n").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        replace(&link, "FROM b\n").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "FROM b\n");
    }
}
