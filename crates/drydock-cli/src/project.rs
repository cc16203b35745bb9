//! Paths as the command line gives and shows them. The project folder itself is
//! `drydock_api::project::Project`, shared with the app.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use drydock_api::project::normalise;

/// A path given on the command line, relative to the current directory as in `docker build
/// -f`, made absolute.
pub(crate) fn from_command_line(path: &Path) -> anyhow::Result<PathBuf> {
    let absolute =
        std::path::absolute(path).with_context(|| format!("cannot resolve {}", path.display()))?;
    Ok(normalise(&absolute))
}

/// A path as the user would write it: relative to the current directory when inside it.
pub(crate) fn shown(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path)
        .display()
        .to_string()
}
