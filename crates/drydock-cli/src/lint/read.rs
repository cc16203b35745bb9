//! Reading a Dockerfile, with a clear reason when it cannot be linted: unreadable, too large,
//! binary, or not UTF-8.

use std::fs::File;
use std::io::{self, Read};

use anyhow::bail;

use super::errors::io_error;

use super::inputs::Input;

/// Larger inputs are refused: real Dockerfiles are a few kilobytes, and a multi-megabyte
/// input is almost surely a wrong path (an image tarball, a log), not worth linting.
pub(super) const MAX_BYTES: u64 = 10_000_000;

const UTF8_BOM: &str = "\u{feff}";

/// A Dockerfile's text. A UTF-8 byte order mark is set aside (BuildKit ignores it too) so that
/// columns on line 1 count what the user sees, and put back when a fixed file is written.
pub(super) struct Source {
    pub(super) text: String,
    bom: bool,
}

impl Source {
    /// `text` as the file's contents, with the byte order mark the original had.
    pub(super) fn with_bom(&self, text: &str) -> String {
        if self.bom {
            format!("{UTF8_BOM}{text}")
        } else {
            text.to_owned()
        }
    }
}

pub(super) fn read(input: &Input) -> anyhow::Result<Source> {
    let bytes = match input {
        Input::Stdin => read_capped(io::stdin().lock(), None),
        Input::File(path) => {
            let file = File::open(path).map_err(io_error)?;
            let len = file
                .metadata()
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.len());
            read_capped(file, len)
        }
    }?;
    decode(bytes)
}

/// Reads at most one byte more than [`MAX_BYTES`], so an endless stream (a device, a pipe
/// that never ends) is refused too. `known_len` is a regular file's size, checked up front.
fn read_capped(reader: impl Read, known_len: Option<u64>) -> anyhow::Result<Vec<u8>> {
    let limit = megabytes(MAX_BYTES);
    if let Some(len) = known_len.filter(|&len| len > MAX_BYTES) {
        bail!("too large to lint ({} > {limit})", megabytes(len));
    }
    let mut bytes = Vec::new();
    reader
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_BYTES {
        bail!("too large to lint (more than {limit})");
    }
    Ok(bytes)
}

fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if mb.fract() == 0.0 {
        format!("{mb} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

fn decode(bytes: Vec<u8>) -> anyhow::Result<Source> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        bail!("UTF-16 text, not UTF-8: save the file as UTF-8");
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        bail!("binary content (a NUL byte on line {line}): not a Dockerfile");
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            let bom = text.starts_with(UTF8_BOM);
            if bom {
                text.drain(..UTF8_BOM.len());
            }
            Ok(Source { text, bom })
        }
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            // Everything before `at` is valid UTF-8, so the line and column can be counted.
            let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
            let line = valid.matches('\n').count() + 1;
            let column = valid[line_start..].chars().count() + 1;
            bail!(
                "not valid UTF-8 (byte 0x{:02X} on line {line}, column {column}): save the file as UTF-8",
                bytes[at]
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(bytes: &[u8]) -> String {
        match decode(bytes.to_vec()) {
            Ok(_) => panic!("{bytes:?} decoded"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn binary_and_bad_encodings_say_where() {
        assert_eq!(
            error(b"FROM a\n\0\0"),
            "binary content (a NUL byte on line 2): not a Dockerfile"
        );
        assert_eq!(
            error(b"FROM a\nRUN \xc3\xa9\xff\n"),
            "not valid UTF-8 (byte 0xFF on line 2, column 6): save the file as UTF-8"
        );
        assert_eq!(
            error(b"\xff\xfeF\0R\0"),
            "UTF-16 text, not UTF-8: save the file as UTF-8"
        );
    }

    #[test]
    fn bom_is_set_aside_and_restored() {
        let source = decode(b"\xef\xbb\xbfFROM a\n".to_vec()).unwrap();
        assert_eq!(source.text, "FROM a\n");
        assert_eq!(source.with_bom("FROM b\n"), "\u{feff}FROM b\n");
    }

    #[test]
    fn size_limit_is_enforced_and_named() {
        let e = read_capped(io::empty(), Some(12_345_678)).unwrap_err();
        assert_eq!(e.to_string(), "too large to lint (12.3 MB > 10 MB)");
        let e = read_capped(io::repeat(b'x'), None).unwrap_err();
        assert_eq!(e.to_string(), "too large to lint (more than 10 MB)");
        assert_eq!(read_capped(&b"FROM a"[..], Some(6)).unwrap(), b"FROM a");
    }
}
