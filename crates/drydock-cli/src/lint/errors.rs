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

/// An I/O error as a message: its [`io_reason`].
pub(super) fn io_error(error: io::Error) -> anyhow::Error {
    anyhow!(io_reason(&error))
}

/// A lower-case reason for an I/O error, without Rust's "(os error N)" suffix.
fn io_reason(error: &io::Error) -> String {
    let text = error.to_string();
    let text = match text.find(" (os error") {
        Some(i) => &text[..i],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => format!("{:?}", error.kind()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_as_lower_case_reasons() {
        let denied = io::Error::from_raw_os_error(13);
        assert_eq!(io_reason(&denied), "permission denied");
        let missing = io::Error::from_raw_os_error(2);
        assert_eq!(io_reason(&missing), "no such file or directory");
        let custom = io::Error::other("Disk on fire");
        assert_eq!(io_reason(&custom), "disk on fire");
    }
}
