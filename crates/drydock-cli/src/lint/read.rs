//! Reading a Dockerfile, with a clear reason when it cannot be linted: unreadable, too large,
//! binary, or not UTF-8 (the checks are `drydock_api::source`'s, shared with the editor).

use std::fs::File;
use std::io;

use drydock_api::source::{self, Source};

use super::errors::io_error;
use super::inputs::Input;

/// Larger inputs are refused: real Dockerfiles are a few kilobytes, and a multi-megabyte
/// input is almost surely a wrong path (an image tarball, a log), not worth linting.
const MAX_BYTES: u64 = 10_000_000;

pub(super) fn read(input: &Input) -> anyhow::Result<Source> {
    let bytes = match input {
        Input::Stdin => source::read_capped(io::stdin().lock(), None, MAX_BYTES),
        Input::File(path) => {
            let file = File::open(path).map_err(io_error)?;
            let len = file
                .metadata()
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.len());
            source::read_capped(file, len, MAX_BYTES)
        }
    }?;
    Ok(source::decode(bytes)?)
}
