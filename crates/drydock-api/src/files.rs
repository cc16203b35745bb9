//! Reading and saving a Dockerfile of the project. A save never overwrites a file that changed
//! on disk since the editor read it, unless the user said so (`force`).

use std::fs::{self, File};
use std::io;
use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{code, ApiError};
use crate::project::Project;
use crate::source::{self, SourceError, UTF8_BOM};
use crate::version::{content_hash, FileVersion};

/// Larger files are refused: real Dockerfiles are a few kilobytes, and an editor buffer of
/// megabytes is almost surely a wrong file.
pub const MAX_BYTES: u64 = 2_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FileText {
    /// As the UI sent it.
    pub path: String,
    /// Without a UTF-8 byte order mark (a save puts it back).
    pub text: String,
    pub version: FileVersion,
}

pub fn read_dockerfile(project: &Project, path: &str) -> Result<FileText, ApiError> {
    let real = project.resolve(path)?;
    let len = regular_file_len(path, &real)?.ok_or_else(|| {
        ApiError::new(
            code::NOT_FOUND,
            format!("{path}: no such file or directory"),
        )
    })?;
    let file = File::open(&real).map_err(|e| ApiError::io(path, &e))?;
    let bytes =
        source::read_capped(file, Some(len), MAX_BYTES).map_err(|e| source_error(path, e))?;
    let version = FileVersion::of(&real, &bytes).map_err(|e| ApiError::io(path, &e))?;
    let text = source::decode(bytes)
        .map_err(|e| source_error(path, e))?
        .text;
    Ok(FileText {
        path: path.to_owned(),
        text,
        version,
    })
}

/// Saves `text` atomically and returns the version written. Refused with `changed_on_disk`
/// when the file on disk is not `base` (the version the editor read; `None` for a file it
/// creates), unless `force`.
pub fn save_dockerfile(
    project: &Project,
    path: &str,
    text: &str,
    base: Option<&FileVersion>,
    force: bool,
) -> Result<FileVersion, ApiError> {
    let real = project.resolve(path)?;
    let on_disk = match regular_file_len(path, &real)? {
        Some(_) => Some(fs::read(&real).map_err(|e| ApiError::io(path, &e))?),
        None => None,
    };
    if !force {
        check_unchanged(path, &real, on_disk.as_deref(), base)?;
    }
    let contents = as_on_disk(text, on_disk.as_deref());
    let bytes = contents.as_bytes();
    project.own_writes.record(
        &real,
        FileVersion {
            modified_ms: 0,
            len: bytes.len() as u64,
            hash: content_hash(bytes),
        },
    );
    crate::atomic::write_atomically(&real, bytes).map_err(|e| ApiError::io(path, &e))?;
    let version = FileVersion::of(&real, bytes).map_err(|e| ApiError::io(path, &e))?;
    project.own_writes.record(&real, version.clone());
    Ok(version)
}

/// `text` with the byte order mark and the CRLF line endings the file on disk had: the editor
/// works on `\n` lines without a mark, and a save must not change what the user did not edit.
fn as_on_disk(text: &str, on_disk: Option<&[u8]>) -> String {
    let Some(bytes) = on_disk else {
        return text.to_owned();
    };
    let crlf = bytes
        .iter()
        .position(|&b| b == b'\n')
        .is_some_and(|at| at > 0 && bytes[at - 1] == b'\r');
    let text = if crlf && !text.contains('\r') {
        text.replace('\n', "\r\n")
    } else {
        text.to_owned()
    };
    if bytes.starts_with(UTF8_BOM.as_bytes()) {
        format!("{UTF8_BOM}{text}")
    } else {
        text
    }
}

/// The size of the regular file at `real`, `None` when there is none. Anything else (a
/// folder, a pipe that would block a read forever, a device) is refused.
fn regular_file_len(path: &str, real: &Path) -> Result<Option<u64>, ApiError> {
    match fs::metadata(real) {
        Ok(meta) if meta.is_file() => Ok(Some(meta.len())),
        Ok(meta) if meta.is_dir() => Err(ApiError::new(
            code::IO,
            format!("{path} is a folder, not a Dockerfile"),
        )),
        Ok(_) => Err(ApiError::new(
            code::IO,
            format!("{path} is not a regular file"),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ApiError::io(path, &e)),
    }
}

fn check_unchanged(
    path: &str,
    real: &Path,
    on_disk: Option<&[u8]>,
    base: Option<&FileVersion>,
) -> Result<(), ApiError> {
    let changed = |what: &str| {
        Err(ApiError::new(
            code::CHANGED_ON_DISK,
            format!("{path} {what}: reload it or save anyway"),
        ))
    };
    match (on_disk, base) {
        (None, None) => Ok(()),
        (None, Some(_)) => changed("was deleted on disk since it was opened"),
        (Some(_), None) => changed("already exists on disk"),
        (Some(bytes), Some(base)) => {
            let now = FileVersion::of(real, bytes).map_err(|e| ApiError::io(path, &e))?;
            if now.same_content(base) {
                Ok(())
            } else {
                changed("changed on disk since it was opened")
            }
        }
    }
}

fn source_error(path: &str, error: SourceError) -> ApiError {
    let code = match &error {
        SourceError::TooLarge { .. } => code::TOO_LARGE,
        SourceError::Binary { .. } => code::BINARY,
        SourceError::Utf16 | SourceError::NotUtf8 { .. } => code::NOT_UTF8,
        SourceError::Io(e) => return ApiError::io(path, e),
    };
    ApiError::new(code, format!("{path}: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project_with(files: &[(&str, &[u8])]) -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            fs::write(dir.path().join(name), bytes).unwrap();
        }
        let project = Project::open(dir.path()).unwrap();
        (dir, project)
    }

    fn read_error(bytes: &[u8]) -> ApiError {
        let (_dir, project) = project_with(&[("Dockerfile", bytes)]);
        read_dockerfile(&project, "Dockerfile").unwrap_err()
    }

    #[test]
    fn reads_text_with_its_version() {
        let (dir, project) = project_with(&[("Dockerfile", b"\xef\xbb\xbfFROM alpine\n")]);
        let file = read_dockerfile(&project, "Dockerfile").unwrap();
        assert_eq!(file.path, "Dockerfile");
        assert_eq!(file.text, "FROM alpine\n");
        assert_eq!(file.version.len, 15);
        let bytes = fs::read(dir.path().join("Dockerfile")).unwrap();
        assert_eq!(file.version.hash, content_hash(&bytes));
        assert!(file.version.modified_ms > 0);
    }

    #[test]
    fn unreadable_files_get_clear_codes() {
        let binary = read_error(b"FROM a\n\0");
        assert_eq!(binary.code, "binary");
        assert_eq!(
            binary.message,
            "Dockerfile: binary content (a NUL byte on line 2): not a Dockerfile"
        );
        assert_eq!(read_error(b"FROM a\n\xe9\n").code, "not_utf8");
        assert_eq!(read_error(b"\xff\xfeF\0").code, "not_utf8");
        let big = vec![b'#'; MAX_BYTES as usize + 500_000];
        let too_large = read_error(&big);
        assert_eq!(too_large.code, "too_large");
        assert_eq!(too_large.message, "Dockerfile: too large (2.5 MB > 2 MB)");
        let (_dir, project) = project_with(&[]);
        assert_eq!(
            read_dockerfile(&project, "Dockerfile").unwrap_err(),
            ApiError::new("not_found", "Dockerfile: no such file or directory")
        );
        assert_eq!(
            read_dockerfile(&project, "../x").unwrap_err().code,
            "outside_project"
        );
    }

    #[cfg(unix)]
    #[test]
    fn folders_and_pipes_are_refused_without_blocking() {
        let (dir, project) = project_with(&[]);
        fs::create_dir(dir.path().join("Dockerfile")).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(dir.path().join("pipe.Dockerfile"))
            .status()
            .unwrap();
        assert!(status.success());
        let folder = read_dockerfile(&project, "Dockerfile").unwrap_err();
        assert_eq!(folder.message, "Dockerfile is a folder, not a Dockerfile");
        let pipe = read_dockerfile(&project, "pipe.Dockerfile").unwrap_err();
        assert_eq!(pipe.message, "pipe.Dockerfile is not a regular file");
        let save = save_dockerfile(&project, "pipe.Dockerfile", "FROM a\n", None, true);
        assert_eq!(
            save.unwrap_err().message,
            "pipe.Dockerfile is not a regular file"
        );
    }

    #[test]
    fn permission_errors_map_to_their_code() {
        // Root reads any file whatever its mode, so the mapping is checked on the error.
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        let error = source_error("Dockerfile", SourceError::Io(denied));
        assert_eq!(error.code, "permission_denied");
        assert_eq!(
            ApiError::io("Dockerfile", &io::Error::from_raw_os_error(13)).code,
            "permission_denied"
        );
    }

    #[test]
    fn saves_atomically_and_returns_the_new_version() {
        let (dir, project) = project_with(&[("Dockerfile", b"FROM a\n")]);
        let base = read_dockerfile(&project, "Dockerfile").unwrap().version;
        let saved =
            save_dockerfile(&project, "Dockerfile", "FROM b\n", Some(&base), false).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("Dockerfile")).unwrap(),
            "FROM b\n"
        );
        assert_eq!(
            saved,
            read_dockerfile(&project, "Dockerfile").unwrap().version
        );
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "a temporary file was left behind");
    }

    #[test]
    fn refuses_to_overwrite_a_change_on_disk_unless_forced() {
        let (dir, project) = project_with(&[("Dockerfile", b"FROM a\n")]);
        let base = read_dockerfile(&project, "Dockerfile").unwrap().version;
        fs::write(dir.path().join("Dockerfile"), "FROM theirs\n").unwrap();
        let error =
            save_dockerfile(&project, "Dockerfile", "FROM mine\n", Some(&base), false).unwrap_err();
        assert_eq!(error.code, "changed_on_disk");
        assert_eq!(
            fs::read_to_string(dir.path().join("Dockerfile")).unwrap(),
            "FROM theirs\n"
        );
        save_dockerfile(&project, "Dockerfile", "FROM mine\n", Some(&base), true).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("Dockerfile")).unwrap(),
            "FROM mine\n"
        );
    }

    #[test]
    fn creating_needs_no_base_but_never_replaces_an_unseen_file() {
        let (dir, project) = project_with(&[("Dockerfile", b"FROM a\n")]);
        save_dockerfile(&project, "api.Dockerfile", "FROM b\n", None, false).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("api.Dockerfile")).unwrap(),
            "FROM b\n"
        );
        let error = save_dockerfile(&project, "Dockerfile", "FROM c\n", None, false).unwrap_err();
        assert_eq!(error.code, "changed_on_disk");
        let base = read_dockerfile(&project, "api.Dockerfile").unwrap().version;
        fs::remove_file(dir.path().join("api.Dockerfile")).unwrap();
        let error = save_dockerfile(&project, "api.Dockerfile", "FROM d\n", Some(&base), false)
            .unwrap_err();
        assert_eq!(error.code, "changed_on_disk");
    }

    #[test]
    fn keeps_the_files_crlf_line_endings() {
        let (dir, project) = project_with(&[("Dockerfile", b"FROM a\r\nRUN x\r\n")]);
        let base = read_dockerfile(&project, "Dockerfile").unwrap().version;
        save_dockerfile(
            &project,
            "Dockerfile",
            "FROM b\nRUN x\n",
            Some(&base),
            false,
        )
        .unwrap();
        assert_eq!(
            fs::read(dir.path().join("Dockerfile")).unwrap(),
            b"FROM b\r\nRUN x\r\n"
        );
        assert_eq!(as_on_disk("FROM a\n", Some(b"FROM a\n")), "FROM a\n");
        assert_eq!(as_on_disk("FROM a\r\n", Some(b"FROM a\r\n")), "FROM a\r\n");
    }

    #[test]
    fn a_touch_without_new_content_is_no_conflict_and_the_bom_is_kept() {
        let (dir, project) = project_with(&[("Dockerfile", b"\xef\xbb\xbfFROM a\n")]);
        let base = read_dockerfile(&project, "Dockerfile").unwrap().version;
        fs::write(dir.path().join("Dockerfile"), b"\xef\xbb\xbfFROM a\n").unwrap();
        save_dockerfile(&project, "Dockerfile", "FROM b\n", Some(&base), false).unwrap();
        assert_eq!(
            fs::read(dir.path().join("Dockerfile")).unwrap(),
            b"\xef\xbb\xbfFROM b\n"
        );
    }
}
