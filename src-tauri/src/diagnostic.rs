//! Lint findings as the editor takes them. The core counts byte offsets; CodeMirror counts
//! UTF-16 code units, so every span is converted here, at the edge.

use drydock_lint::Finding;
use serde::Serialize;

#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub code: &'static str,
    /// `error`, `warning`, `info` or `style`.
    pub severity: &'static str,
    pub message: String,
    /// Start, in UTF-16 code units from the start of the source.
    pub from: usize,
    /// End (exclusive), in UTF-16 code units.
    pub to: usize,
}

pub fn from_findings(source: &str, findings: Vec<Finding>) -> Vec<Diagnostic> {
    let offsets = Utf16Offsets::new(source);
    findings
        .into_iter()
        .map(|finding| Diagnostic {
            code: finding.code,
            severity: finding.severity.as_str(),
            message: finding.message,
            from: offsets.of(finding.span.start),
            to: offsets.of(finding.span.end),
        })
        .collect()
}

/// Byte offset to UTF-16 offset in O(log n): only non-ASCII characters make the two differ,
/// so it keeps, for each of them, its byte end and the bytes saved up to there.
struct Utf16Offsets {
    savings: Vec<(usize, usize)>,
}

impl Utf16Offsets {
    fn new(source: &str) -> Utf16Offsets {
        let mut saved = 0;
        let savings = source
            .char_indices()
            .filter(|(_, c)| !c.is_ascii())
            .map(|(start, c)| {
                saved += c.len_utf8() - c.len_utf16();
                (start + c.len_utf8(), saved)
            })
            .collect();
        Utf16Offsets { savings }
    }

    fn of(&self, byte: usize) -> usize {
        let before = self.savings.partition_point(|&(end, _)| end <= byte);
        byte - before.checked_sub(1).map_or(0, |i| self.savings[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint(source: &str) -> Vec<Diagnostic> {
        from_findings(source, drydock_lint::lint(source, &Default::default()))
    }

    /// The text a diagnostic covers, read the way the editor reads it.
    fn covered(source: &str, diagnostic: &Diagnostic) -> String {
        let units: Vec<u16> = source.encode_utf16().collect();
        String::from_utf16(&units[diagnostic.from..diagnostic.to]).unwrap()
    }

    #[test]
    fn ascii_offsets_are_byte_offsets() {
        let offsets = Utf16Offsets::new("FROM alpine\n");
        assert_eq!([0, 5, 12].map(|b| offsets.of(b)), [0, 5, 12]);
    }

    #[test]
    fn multi_byte_characters_count_as_their_utf16_units() {
        // é: 2 bytes, 1 unit; 😀: 4 bytes, 2 units (a surrogate pair).
        let offsets = Utf16Offsets::new("é😀x");
        assert_eq!([0, 2, 6, 7].map(|b| offsets.of(b)), [0, 1, 3, 4]);
    }

    #[test]
    fn diagnostics_cover_the_same_text_after_non_ascii_comments() {
        let source = "# café ☕ 😀\nFROM debian:latest\nRUN apt-get install curl\n";
        let diagnostics = lint(source);
        let latest = diagnostics.iter().find(|d| d.code == "DL3007").unwrap();
        assert_eq!(latest.severity, "warning");
        assert!(covered(source, latest).contains("debian:latest"));
        for (diagnostic, finding) in diagnostics
            .iter()
            .zip(drydock_lint::lint(source, &Default::default()))
        {
            assert_eq!(
                covered(source, diagnostic),
                source[finding.span.start..finding.span.end]
            );
        }
    }

    #[test]
    fn serializes_camel_case_fields() {
        let json = serde_json::to_value(&lint("FROM debian:latest\n")[0]).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["code", "from", "message", "severity", "to"]);
    }
}
