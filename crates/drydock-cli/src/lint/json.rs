//! `--format json`: one array of every finding in every file. The core types are not
//! serialisable; these DTOs are the format's contract (documented in the README).

use std::io::{self, Write};

use drydock_lint::{Applicability, Finding};
use serde::Serialize;

use super::report::{FileReport, Region};

#[derive(Serialize)]
struct JsonFinding<'a> {
    file: &'a str,
    #[serde(flatten)]
    region: JsonRegion,
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    applicability: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    #[serde(flatten)]
    region: JsonRegion,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonRegion {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

impl From<Region> for JsonRegion {
    fn from(r: Region) -> Self {
        JsonRegion {
            line: r.line,
            column: r.column,
            end_line: r.end_line,
            end_column: r.end_column,
        }
    }
}

pub(super) fn render(out: &mut dyn Write, files: &[FileReport]) -> io::Result<()> {
    let findings: Vec<JsonFinding> = files
        .iter()
        .flat_map(|file| file.findings.iter().map(move |f| to_json(file, f)))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &findings)?;
    writeln!(out)
}

fn to_json<'a>(file: &'a FileReport, finding: &'a Finding) -> JsonFinding<'a> {
    JsonFinding {
        file: &file.name,
        region: file.finding_region(finding.span).into(),
        code: finding.code,
        severity: finding.severity.as_str(),
        message: &finding.message,
        fix: finding.fix.as_ref().map(|fix| JsonFix {
            title: &fix.title,
            applicability: match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            },
            edits: fix
                .edits
                .iter()
                .map(|edit| JsonEdit {
                    region: file.region(edit.span).into(),
                    replacement: &edit.replacement,
                })
                .collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::report::fixtures::{finding, report};
    use drydock_lint::Severity::*;
    use serde_json::{json, Value};

    #[test]
    fn one_array_with_exact_fields() {
        let source = "FROM a\nRUN apt-get install é\n";
        let mut file = report("Dockerfile", source, &[("DL3008", Warning, "é")]);
        file.findings.push(finding(
            source,
            "DL3014",
            Info,
            "install",
            Some(("add `-y`", "install -y")),
        ));
        let other = report("x.Dockerfile", "FROM b\n", &[("DL3006", Warning, "b")]);
        let mut out = Vec::new();
        render(&mut out, &[file, other]).unwrap();
        let value: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            value,
            json!([
                {
                    "file": "Dockerfile", "line": 2, "column": 21, "end_line": 2, "end_column": 22,
                    "code": "DL3008", "severity": "warning", "message": "DL3008 message",
                    "fix": null
                },
                {
                    "file": "Dockerfile", "line": 2, "column": 13, "end_line": 2, "end_column": 20,
                    "code": "DL3014", "severity": "info", "message": "DL3014 message",
                    "fix": {
                        "title": "add `-y`", "applicability": "safe",
                        "edits": [{
                            "line": 2, "column": 13, "end_line": 2, "end_column": 20,
                            "replacement": "install -y"
                        }]
                    }
                },
                {
                    "file": "x.Dockerfile", "line": 1, "column": 6, "end_line": 1, "end_column": 7,
                    "code": "DL3006", "severity": "warning", "message": "DL3006 message",
                    "fix": null
                }
            ])
        );
    }

    #[test]
    fn no_findings_is_an_empty_array() {
        let mut out = Vec::new();
        render(&mut out, &[report("Dockerfile", "FROM a:1\n", &[])]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "[]\n");
    }
}
