//! A Dockerfile's bytes as text, with a clear reason when they are not one: too large,
//! binary, UTF-16, or not UTF-8. Shared by `drydock lint` and the editor.

use std::fmt;
use std::io::{self, Read};

pub const UTF8_BOM: &str = "\u{feff}";

/// A Dockerfile's text. A UTF-8 byte order mark is set aside (BuildKit ignores it too) so that
/// columns on line 1 count what the user sees, and put back when the file is written.
#[derive(Debug)]
pub struct Source {
    pub text: String,
    pub bom: bool,
}

impl Source {
    /// `text` as the file's contents, with the byte order mark the original had.
    pub fn with_bom(&self, text: &str) -> String {
        if self.bom {
            format!("{UTF8_BOM}{text}")
        } else {
            text.to_owned()
        }
    }
}

/// Why bytes are not a Dockerfile's text.
#[derive(Debug)]
pub enum SourceError {
    /// `size` is `None` for a stream that went past the limit.
    TooLarge {
        size: Option<u64>,
        limit: u64,
    },
    /// A NUL byte, on this 1-based line.
    Binary {
        line: usize,
    },
    Utf16,
    NotUtf8 {
        byte: u8,
        line: usize,
        column: usize,
    },
    Io(io::Error),
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::TooLarge {
                size: Some(size),
                limit,
            } => write!(
                f,
                "too large ({} > {})",
                megabytes(*size),
                megabytes(*limit)
            ),
            SourceError::TooLarge { size: None, limit } => {
                write!(f, "too large (more than {})", megabytes(*limit))
            }
            SourceError::Binary { line } => {
                write!(
                    f,
                    "binary content (a NUL byte on line {line}): not a Dockerfile"
                )
            }
            SourceError::Utf16 => f.write_str("UTF-16 text, not UTF-8: save the file as UTF-8"),
            SourceError::NotUtf8 { byte, line, column } => write!(
                f,
                "not valid UTF-8 (byte 0x{byte:02X} on line {line}, column {column}): save the \
                 file as UTF-8"
            ),
            SourceError::Io(e) => f.write_str(&crate::error::io_reason(e)),
        }
    }
}

impl std::error::Error for SourceError {}

/// Reads at most `limit` bytes, and one more to tell an endless stream (a device, a pipe that
/// never ends) from a file that fits. `known_len` is a regular file's size, checked up front.
pub fn read_capped(
    reader: impl Read,
    known_len: Option<u64>,
    limit: u64,
) -> Result<Vec<u8>, SourceError> {
    if let Some(size) = known_len.filter(|&len| len > limit) {
        return Err(SourceError::TooLarge {
            size: Some(size),
            limit,
        });
    }
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(SourceError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(SourceError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

/// Megabytes of 10^6 bytes, with one decimal when not whole.
pub fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if mb.fract() == 0.0 {
        format!("{mb} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

pub fn decode(bytes: Vec<u8>) -> Result<Source, SourceError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(SourceError::Utf16);
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(SourceError::Binary { line });
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
            Err(SourceError::NotUtf8 {
                byte: bytes[at],
                line: valid.matches('\n').count() + 1,
                column: valid[line_start..].chars().count() + 1,
            })
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
        let limit = 10_000_000;
        let e = read_capped(io::empty(), Some(12_345_678), limit).unwrap_err();
        assert_eq!(e.to_string(), "too large (12.3 MB > 10 MB)");
        let e = read_capped(io::repeat(b'x'), None, limit).unwrap_err();
        assert_eq!(e.to_string(), "too large (more than 10 MB)");
        assert_eq!(
            read_capped(&b"FROM a"[..], Some(6), limit).unwrap(),
            b"FROM a"
        );
    }
}
