//! What COPY and ADD sources are: archives that ADD unpacks, remote sources it fetches.

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

#[cfg(test)]
mod tests {
    use super::*;

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
