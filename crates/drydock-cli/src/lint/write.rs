//! Writing a fixed Dockerfile atomically (see `drydock_api::atomic`): a crash leaves the old
//! file or the new one, never half of either.

use std::path::Path;

use super::errors::io_error;

pub(super) fn replace(path: &Path, contents: &str) -> anyhow::Result<()> {
    drydock_api::atomic::write_atomically(path, contents.as_bytes()).map_err(io_error)
}
