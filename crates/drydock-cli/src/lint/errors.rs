//! How failures reach the user: one `error:` line each on stderr, with I/O errors put as
//! plain lower-case reasons.

use std::io;

use anyhow::anyhow;

/// Counts the errors that stop one file (or one config) from being linted: each is printed
/// at once and the run goes on with the other files, then exits with 2.
#[derive(Default)]
pub(super) struct Errors {
    count: usize,
}

impl Errors {
    pub(super) fn report(&mut self, error: anyhow::Error) {
        eprintln!("error: {error:#}");
        self.count += 1;
    }

    pub(super) fn any(&self) -> bool {
        self.count > 0
    }
}

/// An I/O error as a message: its [`drydock_api::error::io_reason`].
pub(super) fn io_error(error: io::Error) -> anyhow::Error {
    anyhow!(drydock_api::error::io_reason(&error))
}
