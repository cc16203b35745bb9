//! The build context as a tar stream: a blocking walker writes the archive into a bounded
//! channel that feeds the request body, so a large context is never held in memory. The
//! walker honours `.dockerignore` as `docker build` does: excluded paths are left out, except
//! the Dockerfile and `.dockerignore` themselves, which the daemon always receives (and
//! removes again if `.dockerignore` excludes them).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use bytes::Bytes;
use drydock_syntax::dockerignore::Dockerignore;
use futures_util::{stream, Stream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Size of each body chunk; with [`CHANNEL_CHUNKS`] in flight the walker stays at most about
/// half a MiB ahead of the upload.
const CHUNK_BYTES: usize = 64 * 1024;
const CHANNEL_CHUNKS: usize = 8;
/// Where a Dockerfile from outside the context goes in the archive (the docker CLI uses a
/// random `.dockerfile.<hex>` name the same way).
const OUTSIDE_DOCKERFILE: &str = ".dockerfile.drydock";

/// Why the context could not be sent.
#[derive(Debug, thiserror::Error)]
pub enum ContextError {
    #[error("cannot read {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error(".dockerignore line {line}: `{pattern}`: {message}")]
    BadPattern {
        line: usize,
        pattern: String,
        message: String,
    },
}

/// What the daemon is told about the context: the Dockerfile's name inside the archive.
#[derive(Debug, Clone)]
pub(crate) struct ContextPlan {
    dir: PathBuf,
    dockerfile: PathBuf,
    /// The Dockerfile's `/`-separated path inside the archive.
    pub(crate) dockerfile_name: String,
    ignore: Dockerignore,
    /// The `.dockerignore` text to put in the archive, when it differs from the file's.
    ignore_text: Option<String>,
}

impl ContextPlan {
    /// Reads `.dockerignore` and places the Dockerfile. Fails on patterns Docker refuses.
    pub(crate) fn new(dir: &Path, dockerfile: &Path) -> Result<ContextPlan, ContextError> {
        let ignore_path = dir.join(".dockerignore");
        let text = match fs::read_to_string(&ignore_path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
            Err(source) => {
                return Err(ContextError::Io {
                    path: ignore_path,
                    source,
                })
            }
        };
        let ignore = Dockerignore::parse(&text);
        if let Some(bad) = ignore.errors().first() {
            return Err(ContextError::BadPattern {
                line: bad.line,
                pattern: bad.pattern.clone(),
                message: bad.message.clone(),
            });
        }
        let (dockerfile_name, ignore_text) = match archive_name(dir, dockerfile) {
            Some(name) => (name, None),
            // As the docker CLI does: the outside Dockerfile is sent under a fixed name that
            // `.dockerignore` then excludes, so the daemon removes it before COPY sees it.
            None => (
                OUTSIDE_DOCKERFILE.to_owned(),
                Some(format!("{text}\n{OUTSIDE_DOCKERFILE}\n.dockerignore\n")),
            ),
        };
        Ok(ContextPlan {
            dir: dir.to_owned(),
            dockerfile: dockerfile.to_owned(),
            dockerfile_name,
            ignore,
            ignore_text,
        })
    }

    /// Starts the walker and returns the archive's bytes as a stream for the request body.
    /// The stream ends with an error if the walk fails; the handle then says why, so the
    /// caller can report the file rather than the daemon's complaint about a truncated archive.
    pub(crate) fn stream(
        self,
    ) -> (
        impl Stream<Item = io::Result<Bytes>> + Send + 'static,
        JoinHandle<Result<(), ContextError>>,
    ) {
        let (tx, rx) = mpsc::channel::<io::Result<Bytes>>(CHANNEL_CHUNKS);
        let walker = tokio::task::spawn_blocking(move || {
            let mut writer = ChunkWriter {
                tx: tx.clone(),
                buffer: Vec::with_capacity(CHUNK_BYTES),
            };
            let result = self.write_archive(&mut writer);
            if let Err(e) = &result {
                // Makes the upload fail instead of ending as a valid but partial archive.
                let _ = tx.blocking_send(Err(io::Error::other(e.to_string())));
            }
            result
        });
        let body = stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|chunk| (chunk, rx))
        });
        (body, walker)
    }

    fn write_archive(&self, writer: &mut ChunkWriter) -> Result<(), ContextError> {
        let mut archive = tar::Builder::new(&mut *writer);
        archive.follow_symlinks(false);
        let mut walk = Walk {
            plan: self,
            archive: &mut archive,
        };
        walk.dir(&self.dir, "")?;
        walk.always_sent()?;
        archive
            .into_inner()
            .and_then(|w| w.flush())
            .map_err(|source| self.io_error(&self.dir, source))
    }

    fn io_error(&self, path: &Path, source: io::Error) -> ContextError {
        ContextError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// The Dockerfile's path inside the archive when it lies inside the context.
fn archive_name(dir: &Path, dockerfile: &Path) -> Option<String> {
    let dir = dir.canonicalize().ok()?;
    let file = dockerfile.canonicalize().ok()?;
    let relative = file.strip_prefix(&dir).ok()?;
    let parts: Vec<_> = relative.iter().map(|p| p.to_str()).collect::<Option<_>>()?;
    Some(parts.join("/"))
}

struct Walk<'a, 'w> {
    plan: &'a ContextPlan,
    archive: &'a mut tar::Builder<&'w mut ChunkWriter>,
}

impl Walk<'_, '_> {
    /// Adds the entries of `path` (archive path `prefix`) in name order, so the same context
    /// always gives the same archive.
    fn dir(&mut self, path: &Path, prefix: &str) -> Result<(), ContextError> {
        let io = |source| self.plan.io_error(path, source);
        let mut entries = fs::read_dir(path)
            .map_err(io)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(io)?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue; // not UTF-8: cannot be matched or named in a Dockerfile
            };
            let relative = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            let full = entry.path();
            let meta = fs::symlink_metadata(&full).map_err(|e| self.plan.io_error(&full, e))?;
            if meta.is_dir() {
                if self.plan.ignore.excludes_subtree(&relative) {
                    continue;
                }
                if !self.plan.ignore.is_excluded(&relative) {
                    self.append(&full, &relative, &meta)?;
                }
                self.dir(&full, &relative)?;
            } else if !self.plan.ignore.is_excluded(&relative) && !self.sent_last(&relative) {
                self.append(&full, &relative, &meta)?;
            }
        }
        Ok(())
    }

    /// Whether `always_sent` adds this file at the end anyway.
    fn sent_last(&self, relative: &str) -> bool {
        relative == ".dockerignore" || relative == self.plan.dockerfile_name
    }

    /// The Dockerfile and `.dockerignore`, whatever the patterns say.
    fn always_sent(&mut self) -> Result<(), ContextError> {
        let plan = self.plan;
        let dockerfile_meta =
            fs::metadata(&plan.dockerfile).map_err(|e| plan.io_error(&plan.dockerfile, e))?;
        self.append(&plan.dockerfile, &plan.dockerfile_name, &dockerfile_meta)?;
        let ignore_path = plan.dir.join(".dockerignore");
        match &plan.ignore_text {
            Some(text) => self.append_text(".dockerignore", text),
            None => match fs::metadata(&ignore_path) {
                Ok(meta) => self.append(&ignore_path, ".dockerignore", &meta),
                Err(_) => Ok(()),
            },
        }
    }

    /// Adds one entry with its mode and mtime but owned by root, as the docker CLI sends it.
    fn append(
        &mut self,
        full: &Path,
        relative: &str,
        meta: &fs::Metadata,
    ) -> Result<(), ContextError> {
        let io = |source| self.plan.io_error(full, source);
        let mut header = tar::Header::new_gnu();
        header.set_metadata_in_mode(meta, tar::HeaderMode::Complete);
        header.set_uid(0);
        header.set_gid(0);
        header.set_username("").map_err(io)?;
        header.set_groupname("").map_err(io)?;
        let file_type = meta.file_type();
        if file_type.is_symlink() {
            let target = fs::read_link(full).map_err(io)?;
            self.archive
                .append_link(&mut header, relative, target)
                .map_err(io)?;
        } else if file_type.is_dir() {
            self.archive
                .append_data(&mut header, relative, io::empty())
                .map_err(io)?;
        } else if file_type.is_file() {
            let file = fs::File::open(full).map_err(io)?;
            self.archive
                .append_data(&mut header, relative, file)
                .map_err(io)?;
        }
        // Sockets, fifos and devices cannot be part of an image's context.
        Ok(())
    }

    fn append_text(&mut self, relative: &str, text: &str) -> Result<(), ContextError> {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_entry_type(tar::EntryType::Regular);
        self.archive
            .append_data(&mut header, relative, text.as_bytes())
            .map_err(|e| self.plan.io_error(&self.plan.dir.join(relative), e))
    }
}

/// Collects the archive into chunks and hands them to the body stream, blocking while the
/// channel is full.
struct ChunkWriter {
    tx: mpsc::Sender<io::Result<Bytes>>,
    buffer: Vec<u8>,
}

impl ChunkWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK_BYTES));
        self.tx
            .blocking_send(Ok(chunk.into()))
            // The request is gone (cancelled or failed): stop walking.
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the build request ended"))
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let room = CHUNK_BYTES - self.buffer.len();
        let taken = data.len().min(room);
        self.buffer.extend_from_slice(&data[..taken]);
        if self.buffer.len() == CHUNK_BYTES {
            self.send()?;
        }
        Ok(taken)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;

    struct Dir(PathBuf);

    impl Dir {
        fn new(name: &str) -> Dir {
            let dir =
                std::env::temp_dir().join(format!("drydock-context-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            Dir(dir)
        }

        fn file(&self, relative: &str, text: &str) -> &Dir {
            let path = self.0.join(relative);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
            self
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// Streams the context and returns the archive's entry names in order.
    async fn entries(dir: &Path, dockerfile: &Path) -> (String, Vec<String>) {
        let plan = ContextPlan::new(dir, dockerfile).unwrap();
        let name = plan.dockerfile_name.clone();
        let (body, walker) = plan.stream();
        let mut body = std::pin::pin!(body);
        let mut bytes = Vec::new();
        while let Some(chunk) = body.next().await {
            bytes.extend_from_slice(&chunk.unwrap());
        }
        walker.await.unwrap().unwrap();
        let mut archive = tar::Archive::new(bytes.as_slice());
        let names = archive
            .entries()
            .unwrap()
            .map(|e| e.unwrap().path().unwrap().to_string_lossy().into_owned())
            .collect();
        (name, names)
    }

    #[tokio::test]
    async fn dockerignore_excludes_but_dockerfile_and_itself_are_always_sent() {
        let dir = Dir::new("ignore");
        dir.file("Dockerfile", "FROM scratch\n")
            .file(
                ".dockerignore",
                "secret.txt\nnode_modules\n*.log\n!keep.log\nDockerfile\n.dockerignore\n",
            )
            .file("app/main.sh", "echo hi\n")
            .file("secret.txt", "s3cr3t\n")
            .file("node_modules/a/b.js", "x\n")
            .file("debug.log", "x\n")
            .file("keep.log", "x\n");
        let (name, names) = entries(&dir.0, &dir.0.join("Dockerfile")).await;
        assert_eq!(name, "Dockerfile");
        assert_eq!(
            names,
            [
                "app",
                "app/main.sh",
                "keep.log",
                "Dockerfile",
                ".dockerignore"
            ]
        );
    }

    #[tokio::test]
    async fn exception_below_an_excluded_directory_is_sent() {
        let dir = Dir::new("exception");
        dir.file("Dockerfile", "FROM scratch\n")
            .file(".dockerignore", "docs\n!docs/README.md\n")
            .file("docs/README.md", "read me\n")
            .file("docs/other.md", "x\n");
        let (_, names) = entries(&dir.0, &dir.0.join("Dockerfile")).await;
        assert_eq!(names, ["docs/README.md", "Dockerfile", ".dockerignore"]);
    }

    #[tokio::test]
    async fn dockerfile_outside_the_context_is_sent_under_a_name_it_then_ignores() {
        let dir = Dir::new("outside");
        dir.file("ctx/a.txt", "a\n")
            .file("build/Dockerfile", "FROM scratch\n");
        let (name, names) = entries(&dir.0.join("ctx"), &dir.0.join("build/Dockerfile")).await;
        assert_eq!(name, OUTSIDE_DOCKERFILE);
        assert_eq!(names, ["a.txt", OUTSIDE_DOCKERFILE, ".dockerignore"]);
    }

    #[tokio::test]
    async fn large_files_stream_in_chunks() {
        let dir = Dir::new("large");
        let big = "x".repeat(3 * CHUNK_BYTES + 123);
        dir.file("Dockerfile", "FROM scratch\n")
            .file("big.bin", &big);
        let (_, names) = entries(&dir.0, &dir.0.join("Dockerfile")).await;
        assert_eq!(names, ["big.bin", "Dockerfile"]);
    }

    #[test]
    fn refused_patterns_fail_before_anything_is_sent() {
        let dir = Dir::new("bad-pattern");
        dir.file("Dockerfile", "FROM scratch\n")
            .file(".dockerignore", "ok\n[\n");
        let err = ContextPlan::new(&dir.0, &dir.0.join("Dockerfile")).unwrap_err();
        assert!(
            matches!(err, ContextError::BadPattern { line: 2, .. }),
            "{err}"
        );
    }
}
