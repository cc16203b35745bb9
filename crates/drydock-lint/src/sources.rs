//! What COPY and ADD sources are: archives that ADD unpacks, remote sources it fetches, and
//! every source word of the file classified for the context, secret and download rules.

use drydock_syntax::{Copy, Instruction, Keyword, Kind, Word};

use crate::Context;

/// Extensions of the archives `ADD` unpacks (and that hadolint counts as archives).
const ARCHIVE_EXTENSIONS: &[&str] = &[
    ".tar", ".Z", ".bz2", ".gz", ".lz", ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz",
    ".tpz", ".txz", ".xz",
];

/// The file name is that of a compressed or tar archive.
pub(crate) fn is_archive(path: &str) -> bool {
    ARCHIVE_EXTENSIONS.iter().any(|ext| path.ends_with(ext))
}

/// A URL or git remote, fetched by `ADD` rather than read from the build context.
pub(crate) fn is_remote(source: &str) -> bool {
    source.contains("://") || source.starts_with("git@")
}

/// The last path component (`/` or `\` separated).
pub(crate) fn basename(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// One source word of a COPY or ADD (ONBUILD ones included).
#[derive(Clone, Copy)]
pub(crate) struct CopySource<'a> {
    /// `Copy` or `Add`.
    pub keyword: Keyword,
    pub copy: &'a Copy,
    pub word: &'a Word,
    /// Runs in a child build, against that build's context.
    pub onbuild: bool,
}

/// Where a remote ADD source comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Remote {
    Http,
    Git,
}

impl CopySource<'_> {
    /// A heredoc body (`COPY <<EOF /dest`), not a file.
    pub fn is_heredoc(&self) -> bool {
        self.word.value.starts_with("<<")
    }

    /// A URL that ADD downloads (COPY does not accept URLs).
    pub fn remote(&self) -> Option<Remote> {
        (self.keyword == Keyword::Add)
            .then(|| remote_kind(&self.word.value))
            .flatten()
    }

    /// Read from this build's context: not from a stage or image, not a heredoc or URL, and
    /// not deferred to a child build by ONBUILD.
    pub fn reads_context(&self) -> bool {
        !self.onbuild && self.copy.from.is_none() && !self.is_heredoc() && self.remote().is_none()
    }
}

/// Every COPY and ADD source in file order.
pub(crate) fn copy_sources<'a>(cx: &Context<'a>) -> impl Iterator<Item = CopySource<'a>> {
    cx.dockerfile.instructions.iter().flat_map(|instruction| {
        let (inner, onbuild) = match &instruction.kind {
            Kind::Onbuild(inner) => (inner.as_ref(), true),
            _ => (instruction, false),
        };
        copy_of(inner).into_iter().flat_map(move |(keyword, copy)| {
            copy.sources.iter().map(move |word| CopySource {
                keyword,
                copy,
                word,
                onbuild,
            })
        })
    })
}

fn copy_of(instruction: &Instruction) -> Option<(Keyword, &Copy)> {
    match &instruction.kind {
        Kind::Copy(copy) => Some((Keyword::Copy, copy)),
        Kind::Add(copy) => Some((Keyword::Add, copy)),
        _ => None,
    }
}

/// How BuildKit reads an ADD source (stricter than [`is_remote`], which follows hadolint): a Git
/// repository (`git@host:repo`, `git://`, `ssh://`, or
/// an http(s) URL whose path ends in `.git`), another http(s) URL, or a local path.
pub(crate) fn remote_kind(source: &str) -> Option<Remote> {
    let lower = source.to_ascii_lowercase();
    if ["git@", "git://", "ssh://"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return Some(Remote::Git);
    }
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    let path = lower.split(['#', '?']).next().unwrap_or(&lower);
    Some(if path.ends_with(".git") {
        Remote::Git
    } else {
        Remote::Http
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_remote_sources() {
        assert_eq!(remote_kind("https://x.org/a.tgz"), Some(Remote::Http));
        assert_eq!(remote_kind("HTTP://x.org/a"), Some(Remote::Http));
        assert_eq!(
            remote_kind("https://github.com/o/r.git#v1"),
            Some(Remote::Git)
        );
        assert_eq!(
            remote_kind("https://github.com/o/r.git?ref=v1"),
            Some(Remote::Git)
        );
        assert_eq!(remote_kind("git@github.com:o/r.git"), Some(Remote::Git));
        assert_eq!(remote_kind("git://host/r"), Some(Remote::Git));
        assert_eq!(remote_kind("src/app.git"), None);
        assert_eq!(remote_kind("./https"), None);
    }

    #[test]
    fn classifies_sources() {
        assert!(is_archive("app.tar.gz") && is_archive("x.tgz") && !is_archive("x.zip"));
        assert!(is_remote("https://example.com/a") && is_remote("git@github.com:a/b.git"));
        assert!(!is_remote("src/") && !is_remote("./a:b"));
        assert_eq!(basename("/tmp/a.tar"), "a.tar");
        assert_eq!(basename("C:\\a\\b.zip"), "b.zip");
        assert_eq!(basename("a"), "a");
    }
}
