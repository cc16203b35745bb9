//! A linted file as every output format sees it, and the conversion of byte spans into 1-based
//! lines and columns counted in characters.

use drydock_lint::syntax::{LineIndex, Span};
use drydock_lint::Finding;

pub(super) struct FileReport {
    /// The input's name (`-` for standard input).
    pub(super) name: String,
    /// The text the findings point into (after `--fix`, the fixed text).
    pub(super) source: String,
    pub(super) findings: Vec<Finding>,
    /// How many fixes `--fix` applied and wrote.
    pub(super) fixed: usize,
    lines: LineIndex,
}

/// 1-based lines and columns; the end column is exclusive (the column after the last
/// character), as in SARIF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Region {
    pub(super) line: u32,
    pub(super) column: u32,
    pub(super) end_line: u32,
    pub(super) end_column: u32,
}

impl FileReport {
    pub(super) fn new(name: String, source: String, findings: Vec<Finding>, fixed: usize) -> Self {
        FileReport {
            lines: LineIndex::new(&source),
            name,
            source,
            findings,
            fixed,
        }
    }

    /// Where a finding is. A span that takes in its line's break ends on that line, not at
    /// column 1 of the next, so a whole-instruction finding does not spill onto a line it
    /// does not touch.
    pub(super) fn finding_region(&self, span: Span) -> Region {
        let covered = self.source.get(span.start..span.end).unwrap_or("");
        let trimmed = covered.trim_end_matches(['\n', '\r']);
        let end = if trimmed.is_empty() {
            span.start
        } else {
            span.start + trimmed.len()
        };
        self.region(Span::new(span.start, end))
    }

    /// Exactly where a span is (for fix edits, which must be exact).
    pub(super) fn region(&self, span: Span) -> Region {
        let start = self.lines.line_col(&self.source, span.start);
        let end = self.lines.line_col(&self.source, span.end);
        Region {
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }

    /// The text of a 1-based line, without its line break.
    pub(super) fn line_text(&self, line: u32) -> &str {
        let Some(start) = self.lines.line_start(line) else {
            return "";
        };
        let rest = &self.source[start..];
        let end = rest.find('\n').unwrap_or(rest.len());
        rest[..end].trim_end_matches('\r')
    }
}

/// Reports built by hand, for the format tests.
#[cfg(test)]
pub(super) mod fixtures {
    use super::*;
    use drydock_lint::{Applicability, Edit, Fix, Severity};

    /// A report of `source` with findings `(code, severity, span text, fix)`, each span found
    /// as the first occurrence of its text.
    pub(crate) fn report(
        name: &str,
        source: &str,
        findings: &[(&'static str, Severity, &str)],
    ) -> FileReport {
        let findings = findings
            .iter()
            .map(|&(code, severity, text)| finding(source, code, severity, text, None))
            .collect();
        FileReport::new(name.to_owned(), source.to_owned(), findings, 0)
    }

    pub(crate) fn finding(
        source: &str,
        code: &'static str,
        severity: Severity,
        text: &str,
        fix: Option<(&str, &str)>,
    ) -> Finding {
        let start = source
            .find(text)
            .unwrap_or_else(|| panic!("{text:?} not in source"));
        let span = Span::new(start, start + text.len());
        Finding {
            code,
            severity,
            message: format!("{code} message"),
            span,
            fix: fix.map(|(title, replacement)| Fix {
                title: title.to_owned(),
                applicability: Applicability::Safe,
                edits: vec![Edit::replace(span, replacement)],
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::report;
    use super::*;

    #[test]
    fn regions_count_characters_and_end_exclusively() {
        let r = report("Dockerfile", "FROM a\nRUN é && x\n", &[]);
        let x = r.source.find('x').unwrap();
        assert_eq!(
            r.region(Span::new(x, x + 1)),
            Region {
                line: 2,
                column: 10,
                end_line: 2,
                end_column: 11
            }
        );
    }

    #[test]
    fn a_finding_ending_in_a_line_break_ends_on_its_line() {
        let r = report("Dockerfile", "FROM a\r\nRUN x\r\n", &[]);
        let whole = Span::new(8, r.source.len());
        assert_eq!(
            r.finding_region(whole),
            Region {
                line: 2,
                column: 1,
                end_line: 2,
                end_column: 6
            }
        );
        assert_eq!(r.region(whole).end_line, 3);
        assert_eq!(r.line_text(1), "FROM a");
        assert_eq!(r.line_text(3), "");
    }
}
