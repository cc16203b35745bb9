//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request.

use std::io::{self, Write};

use drydock_lint::Severity;

use super::report::FileReport;

pub(super) fn render(out: &mut dyn Write, files: &[FileReport]) -> io::Result<()> {
    for file in files {
        for finding in &file.findings {
            let r = file.finding_region(finding.span);
            writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(finding.severity),
                escape_property(&file.name),
                r.line,
                r.column,
                r.end_line,
                r.end_column,
                escape_property(finding.code),
                escape_data(&finding.message),
            )?;
        }
    }
    Ok(())
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style | Severity::Ignore => "notice",
    }
}

/// The runner's escaping of a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value also must not contain the separators `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::report::fixtures::report;
    use drydock_lint::Severity::*;

    #[test]
    fn one_command_per_finding_escaped() {
        let mut file = report(
            "a,b:c.Dockerfile",
            "FROM a:latest\nRUN x\n",
            &[
                ("DL3007", Warning, "a:latest"),
                ("DL3059", Style, "RUN x"),
                ("DD000", Error, "x"),
            ],
        );
        file.findings[0].message = "100% sure\r\nreally, yes: ok".to_owned();
        let mut out = Vec::new();
        render(&mut out, &[file]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\
::warning file=a%2Cb%3Ac.Dockerfile,line=1,col=6,endLine=1,endColumn=14,title=DL3007::100%25 sure%0D%0Areally, yes: ok
::notice file=a%2Cb%3Ac.Dockerfile,line=2,col=1,endLine=2,endColumn=6,title=DL3059::DL3059 message
::error file=a%2Cb%3Ac.Dockerfile,line=2,col=5,endLine=2,endColumn=6,title=DD000::DD000 message
"
        );
    }
}
