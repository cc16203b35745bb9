//! The format for people: per finding a `path:line:col: severity[CODE]: message` header and
//! a code frame with carets under the exact span (as rustc and ruff print them), then a
//! summary line.

use std::borrow::Cow;
use std::io::{self, Write};

use drydock_lint::{Finding, Severity};
use unicode_width::UnicodeWidthStr;

use super::report::{FileReport, Region};
use crate::term::{count, Paint, Style, BOLD};

/// A longer span shows its first lines, an ellipsis and its last line.
const MAX_FRAME_LINES: u32 = 6;
const TAB: &str = "    ";

pub(super) fn render(out: &mut dyn Write, files: &[FileReport], color: bool) -> io::Result<()> {
    let paint = Paint(color);
    for file in files {
        for finding in &file.findings {
            write_finding(out, file, finding, paint)?;
        }
    }
    write_summary(out, files, paint)
}

fn write_finding(
    out: &mut dyn Write,
    file: &FileReport,
    finding: &Finding,
    paint: Paint,
) -> io::Result<()> {
    let region = file.finding_region(finding.span);
    let severity = finding.severity;
    writeln!(
        out,
        "{}: {}: {}",
        paint.apply(
            BOLD,
            &format!("{}:{}:{}", file.name, region.line, region.column)
        ),
        paint.apply(
            severity_style(severity),
            &format!("{}[{}]", severity.as_str(), finding.code)
        ),
        paint.apply(BOLD, &finding.message),
    )?;
    write_frame(out, file, region, severity, paint)?;
    if let Some(fix) = finding.fix.as_ref().filter(|fix| fix.is_safe()) {
        let width = region.end_line.to_string().len();
        writeln!(
            out,
            "{:width$} {} {} {}",
            "",
            paint.apply(GUTTER, "="),
            paint.apply(FIX, "fix available:"),
            fix.title
        )?;
    }
    writeln!(out)
}

/// The source lines of `region` with line numbers, and carets under the covered text.
fn write_frame(
    out: &mut dyn Write,
    file: &FileReport,
    region: Region,
    severity: Severity,
    paint: Paint,
) -> io::Result<()> {
    let width = region.end_line.to_string().len();
    let bar = paint.apply(GUTTER, "|");
    writeln!(out, "{:width$} {bar}", "")?;
    let mut lines: Vec<u32> = (region.line..=region.end_line).collect();
    if lines.len() > MAX_FRAME_LINES as usize {
        lines.drain(MAX_FRAME_LINES as usize - 1..lines.len() - 1);
    }
    let mut previous = None;
    for line in lines {
        if previous.is_some_and(|p| p + 1 != line) {
            writeln!(out, "{}", paint.apply(GUTTER, "..."))?;
        }
        previous = Some(line);
        let text = file.line_text(line);
        let number = paint.apply(GUTTER, &format!("{line:>width$}"));
        writeln!(out, "{number} {bar} {}", expand_tabs(text))?;
        if let Some((pad, len)) = underline(text, line, region) {
            let carets = paint.apply(severity_style(severity), &"^".repeat(len));
            writeln!(out, "{:width$} {bar} {:pad$}{carets}", "", "")?;
        }
    }
    Ok(())
}

/// Display columns before the carets and how many carets, for one line of `region`. An empty
/// span still gets one caret; a line inside a span with nothing on it gets none.
fn underline(text: &str, line: u32, region: Region) -> Option<(usize, usize)> {
    let chars = text.chars().count() as u32;
    let start = if line == region.line {
        region.column
    } else {
        text.chars().take_while(|c| c.is_whitespace()).count() as u32 + 1
    };
    let end = if line == region.end_line {
        region.end_column
    } else {
        chars + 1
    };
    let single_line = region.line == region.end_line;
    if end <= start && !single_line {
        return None;
    }
    let pad = display_width(slice_chars(text, 0, start - 1));
    let len = display_width(slice_chars(text, start - 1, end.saturating_sub(1)));
    Some((pad, len.max(1)))
}

fn slice_chars(text: &str, from: u32, to: u32) -> &str {
    let byte = |n: u32| {
        text.char_indices()
            .nth(n as usize)
            .map_or(text.len(), |(i, _)| i)
    };
    let (from, to) = (byte(from), byte(to.max(from)));
    &text[from..to]
}

fn expand_tabs(text: &str) -> Cow<'_, str> {
    if text.contains('\t') {
        Cow::Owned(text.replace('\t', TAB))
    } else {
        Cow::Borrowed(text)
    }
}

fn display_width(text: &str) -> usize {
    expand_tabs(text).width()
}

fn write_summary(out: &mut dyn Write, files: &[FileReport], paint: Paint) -> io::Result<()> {
    let fixed: usize = files.iter().map(|f| f.fixed).sum();
    if fixed > 0 {
        let fixed_files = files.iter().filter(|f| f.fixed > 0).count();
        let line = format!(
            "fixed {} in {}",
            count(fixed, "problem"),
            count(fixed_files, "file")
        );
        writeln!(out, "{}", paint.apply(BOLD, &line))?;
    }
    let total: usize = files.iter().map(|f| f.findings.len()).sum();
    let line = if total == 0 {
        format!("no problems in {}", count(files.len(), "file"))
    } else {
        let by_severity: Vec<String> = [
            Severity::Error,
            Severity::Warning,
            Severity::Info,
            Severity::Style,
        ]
        .into_iter()
        .filter_map(|severity| {
            let n = files
                .iter()
                .flat_map(|f| &f.findings)
                .filter(|f| f.severity == severity)
                .count();
            (n > 0).then(|| match severity {
                Severity::Error | Severity::Warning => count(n, severity.as_str()),
                _ => format!("{n} {}", severity.as_str()),
            })
        })
        .collect();
        let with_findings = files.iter().filter(|f| !f.findings.is_empty()).count();
        format!(
            "{} ({}) in {}",
            count(total, "problem"),
            by_severity.join(", "),
            count(with_findings, "file")
        )
    };
    writeln!(out, "{}", paint.apply(BOLD, &line))
}

const GUTTER: Style = "1;34";
const FIX: Style = "1;32";

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
        Severity::Style | Severity::Ignore => "1;35",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::report::fixtures::{finding, report};
    use drydock_lint::Severity::*;

    fn rendered(files: &[FileReport], color: bool) -> String {
        let mut out = Vec::new();
        render(&mut out, files, color).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn header_frame_and_summary() {
        let source = "FROM debian:latest\n\tRUN apt-get install curl\n";
        let mut file = report(
            "Dockerfile",
            source,
            &[("DL3007", Warning, "debian:latest")],
        );
        file.findings.push(finding(
            source,
            "DL3015",
            Info,
            "install",
            Some(("add `-y`", "install -y")),
        ));
        let other = report(
            "b.Dockerfile",
            "FROM é:latest\n",
            &[("DL3007", Error, "é:latest")],
        );
        assert_eq!(
            rendered(&[file, other], false),
            "\
Dockerfile:1:6: warning[DL3007]: DL3007 message
  |
1 | FROM debian:latest
  |      ^^^^^^^^^^^^^

Dockerfile:2:14: info[DL3015]: DL3015 message
  |
2 |     RUN apt-get install curl
  |                 ^^^^^^^
  = fix available: add `-y`

b.Dockerfile:1:6: error[DL3007]: DL3007 message
  |
1 | FROM é:latest
  |      ^^^^^^^^

3 problems (1 error, 1 warning, 1 info) in 2 files
"
        );
    }

    #[test]
    fn multi_line_spans_underline_each_line_and_elide_the_middle() {
        let source = "RUN a \\\n  b \\\n\n  c \\\n  d \\\n  e \\\n  f \\\n  g\n";
        let file = report(
            "Dockerfile",
            source,
            &[("DL3059", Style, source.trim_end())],
        );
        let out = rendered(&[file], false);
        let frame: Vec<&str> = out.lines().skip(1).take(13).collect();
        assert_eq!(
            frame,
            [
                "  |",
                "1 | RUN a \\",
                "  | ^^^^^^^",
                "2 |   b \\",
                "  |   ^^^",
                "3 | ",
                "4 |   c \\",
                "  |   ^^^",
                "5 |   d \\",
                "  |   ^^^",
                "...",
                "8 |   g",
                "  |   ^",
            ]
        );
    }

    #[test]
    fn an_empty_span_gets_one_caret() {
        let file = report("Dockerfile", "FROM a\n", &[("DD000", Error, "")]);
        assert!(rendered(&[file], false).contains("1 | FROM a\n  | ^\n"));
    }

    #[test]
    fn clean_files_and_fixes_are_summarised() {
        let mut file = report("Dockerfile", "FROM a\n", &[]);
        file.fixed = 2;
        assert_eq!(
            rendered(&[file, report("x.Dockerfile", "", &[])], false),
            "fixed 2 problems in 1 file\nno problems in 2 files\n"
        );
    }

    #[test]
    fn colour_is_ansi_only_when_asked() {
        let file = report(
            "Dockerfile",
            "FROM a:latest\n",
            &[("DL3007", Error, "a:latest")],
        );
        let plain = rendered(std::slice::from_ref(&file), false);
        let coloured = rendered(&[file], true);
        assert!(!plain.contains('\x1b'));
        assert!(
            coloured.contains("\x1b[1;31merror[DL3007]\x1b[0m"),
            "{coloured}"
        );
    }
}
