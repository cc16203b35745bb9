//! Lint findings as the editor takes them. The core counts byte offsets; CodeMirror counts
//! UTF-16 code units, so every span and fix edit is converted here, at the edge.

use drydock_lint::{Finding, Fix};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Style,
}

impl From<drydock_lint::Severity> for Severity {
    fn from(severity: drydock_lint::Severity) -> Severity {
        match severity {
            drydock_lint::Severity::Error => Severity::Error,
            drydock_lint::Severity::Warning => Severity::Warning,
            drydock_lint::Severity::Info => Severity::Info,
            // The linter drops ignored rules before they report; style is the mildest left.
            drydock_lint::Severity::Style | drydock_lint::Severity::Ignore => Severity::Style,
        }
    }
}

/// Replaces `from..to` (UTF-16 offsets) with `insert`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TextEdit {
    pub from: usize,
    pub to: usize,
    pub insert: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuickFix {
    /// Imperative, e.g. "add `-y`".
    pub title: String,
    /// Keeps the build's meaning (`drydock lint --fix` applies it); otherwise the user should
    /// review the change.
    pub safe: bool,
    /// Non-overlapping, applied together.
    pub edits: Vec<TextEdit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    /// Start, in UTF-16 code units from the start of the source.
    pub from: usize,
    /// End (exclusive), in UTF-16 code units.
    pub to: usize,
    /// 1-based line of `from`.
    pub line: usize,
    pub fix: Option<QuickFix>,
}

pub fn from_findings(source: &str, findings: Vec<Finding>) -> Vec<Diagnostic> {
    let positions = Positions::new(source);
    findings
        .into_iter()
        .map(|finding| Diagnostic {
            code: finding.code.to_owned(),
            severity: finding.severity.into(),
            message: finding.message,
            from: positions.utf16(finding.span.start),
            to: positions.utf16(finding.span.end),
            line: positions.line(finding.span.start),
            fix: finding.fix.map(|fix| quick_fix(&positions, fix)),
        })
        .collect()
}

fn quick_fix(positions: &Positions, fix: Fix) -> QuickFix {
    QuickFix {
        safe: fix.is_safe(),
        title: fix.title,
        edits: fix
            .edits
            .into_iter()
            .map(|edit| TextEdit {
                from: positions.utf16(edit.span.start),
                to: positions.utf16(edit.span.end),
                insert: edit.replacement,
            })
            .collect(),
    }
}

/// Byte offset to UTF-16 offset and line in O(log n): only non-ASCII characters make the two
/// offsets differ, so it keeps, for each of them, its byte end and the bytes saved up to there.
struct Positions {
    savings: Vec<(usize, usize)>,
    /// Byte offset of each line's start after the first.
    line_starts: Vec<usize>,
}

impl Positions {
    fn new(source: &str) -> Positions {
        let mut saved = 0;
        let savings = source
            .char_indices()
            .filter(|(_, c)| !c.is_ascii())
            .map(|(start, c)| {
                saved += c.len_utf8() - c.len_utf16();
                (start + c.len_utf8(), saved)
            })
            .collect();
        let line_starts = source.match_indices('\n').map(|(i, _)| i + 1).collect();
        Positions {
            savings,
            line_starts,
        }
    }

    fn utf16(&self, byte: usize) -> usize {
        let before = self.savings.partition_point(|&(end, _)| end <= byte);
        byte - before.checked_sub(1).map_or(0, |i| self.savings[i].1)
    }

    fn line(&self, byte: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= byte) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint(source: &str) -> Vec<Diagnostic> {
        from_findings(source, drydock_lint::lint(source, &Default::default()))
    }

    /// The text a span covers, read the way the editor reads it.
    fn covered(source: &str, from: usize, to: usize) -> String {
        let units: Vec<u16> = source.encode_utf16().collect();
        String::from_utf16(&units[from..to]).unwrap()
    }

    /// Applies edits the way the editor does: UTF-16 offsets, back to front.
    fn apply(source: &str, edits: &[TextEdit]) -> String {
        let mut units: Vec<u16> = source.encode_utf16().collect();
        let mut edits = edits.to_vec();
        edits.sort_by_key(|e| std::cmp::Reverse(e.from));
        for edit in edits {
            units.splice(edit.from..edit.to, edit.insert.encode_utf16());
        }
        String::from_utf16(&units).unwrap()
    }

    #[test]
    fn ascii_offsets_are_byte_offsets() {
        let positions = Positions::new("FROM alpine\n");
        assert_eq!([0, 5, 12].map(|b| positions.utf16(b)), [0, 5, 12]);
    }

    #[test]
    fn multi_byte_characters_count_as_their_utf16_units() {
        // é: 2 bytes, 1 unit; 😀: 4 bytes, 2 units (a surrogate pair).
        let positions = Positions::new("é😀x");
        assert_eq!([0, 2, 6, 7].map(|b| positions.utf16(b)), [0, 1, 3, 4]);
    }

    #[test]
    fn lines_are_one_based() {
        let positions = Positions::new("a\nb\n\nc");
        assert_eq!(
            [0, 1, 2, 4, 5, 6].map(|b| positions.line(b)),
            [1, 1, 2, 3, 4, 4]
        );
    }

    #[test]
    fn diagnostics_cover_the_same_text_after_non_ascii_comments() {
        let source = "# café ☕ 😀\nFROM debian:latest\nRUN apt-get install curl\n";
        let diagnostics = lint(source);
        let latest = diagnostics.iter().find(|d| d.code == "DL3007").unwrap();
        assert_eq!(latest.severity, Severity::Warning);
        assert_eq!(latest.line, 2);
        assert!(covered(source, latest.from, latest.to).contains("debian:latest"));
        for (diagnostic, finding) in diagnostics
            .iter()
            .zip(drydock_lint::lint(source, &Default::default()))
        {
            assert_eq!(
                covered(source, diagnostic.from, diagnostic.to),
                source[finding.span.start..finding.span.end]
            );
        }
    }

    #[test]
    fn fixes_are_utf16_edits_that_do_what_the_core_fix_does() {
        let source = "# 😀 ünïcödé\nFROM debian:12\nRUN apt-get install curl\n";
        let findings = drydock_lint::lint(source, &Default::default());
        let diagnostics = from_findings(source, findings.clone());
        let (finding, diagnostic) = findings
            .iter()
            .zip(&diagnostics)
            .find(|(f, _)| f.code == "DL3014")
            .expect("apt-get install without -y is flagged");
        let fix = diagnostic.fix.as_ref().expect("DL3014 offers a fix");
        assert_eq!(fix.title, finding.fix.as_ref().unwrap().title);
        assert_eq!(fix.safe, finding.fix.as_ref().unwrap().is_safe());
        let (expected, _) =
            drydock_lint::fix::apply(source, [finding.fix.as_ref().unwrap().edits.as_slice()]);
        assert_eq!(apply(source, &fix.edits), expected);
        assert!(expected.contains("apt-get -y install curl"), "{expected}");
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
        assert_eq!(
            keys,
            ["code", "fix", "from", "line", "message", "severity", "to"]
        );
        assert_eq!(json["severity"], "warning");
    }
}
