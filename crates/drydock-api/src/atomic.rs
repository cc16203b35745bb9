//! Writing a file atomically: a temporary file in the same folder (so the rename stays on one
//! file system), with the original's permissions and owner, flushed to disk, then renamed over
//! the original. A crash leaves the old file or the new one, never half of either.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Temporary files start with this (hidden, and never taken for a Dockerfile).
const TEMP_PREFIX: &str = ".drydock-";

/// Replaces (or creates) `path` with `contents`. An existing file keeps its permissions and
/// owner, and a symbolic link keeps pointing at its target, which gets the new contents.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let (target, existing) = match fs::canonicalize(path) {
        Ok(target) => {
            let meta = fs::metadata(&target)?;
            if !meta.is_file() {
                return Err(io::Error::other(
                    "not a regular file, so it cannot be written in place",
                ));
            }
            (target, Some(meta))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => (new_file_path(path)?, None),
        Err(e) => return Err(e),
    };
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    if existing.is_none() {
        // The temporary file's own 0600 would hide a new Dockerfile from other users.
        set_new_file_permissions(&mut builder);
    }
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(contents)?;
    let file = temp.as_file();
    if let Some(meta) = &existing {
        file.set_permissions(meta.permissions())?;
        keep_owner(file, meta);
    }
    file.sync_all()?;
    temp.persist(&target).map_err(|e| e.error)?;
    // The rename is durable only once the folder entry is on disk too.
    File::open(dir)?.sync_all()?;
    Ok(())
}

/// Where a file that does not exist yet goes: its folder resolved, its name kept.
fn new_file_path(path: &Path) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => fs::canonicalize(dir)?,
        _ => std::env::current_dir()?,
    };
    Ok(dir.join(name))
}

/// What a plain file creation gives: read-write for all, less the umask (which the system
/// applies when the file is created).
#[cfg(unix)]
fn set_new_file_permissions(builder: &mut tempfile::Builder) {
    use std::os::unix::fs::PermissionsExt;
    builder.permissions(fs::Permissions::from_mode(0o666));
}

#[cfg(not(unix))]
fn set_new_file_permissions(_: &mut tempfile::Builder) {}

/// Gives the new file the original's owner. Only root may give a file away; anyone else
/// keeps their own ownership, which is what a plain write would leave too.
#[cfg(unix)]
fn keep_owner(file: &File, meta: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_: &File, _: &fs::Metadata) {}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn keeps_permissions_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Dockerfile");
        fs::write(&path, "FROM a\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"FROM b\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "FROM b\n");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(names(dir.path()), ["Dockerfile"]);
    }

    #[test]
    fn writes_through_a_symbolic_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.Dockerfile");
        let link = dir.path().join("Dockerfile");
        fs::write(&real, "FROM a\n").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, b"FROM b\n").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "FROM b\n");
    }

    #[test]
    fn creates_a_new_file_readable_by_others() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("api.Dockerfile");
        write_atomically(&path, b"FROM a\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "FROM a\n");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode & 0o044, 0, "mode {mode:o}");
        assert_eq!(names(dir.path()), ["api.Dockerfile"]);
    }
}
