//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. Every rule is listed in
//! the driver (so `ruleIndex` is stable and GitHub can show each rule's help), results point
//! at paths relative to the checkout (`%SRCROOT%`), and each result carries a fingerprint
//! that survives unrelated edits so GitHub can follow it from one run to the next.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Component, Path};

use drydock_api::rule_doc::{docs_page, HOMEPAGE};
use drydock_lint::{rules, section, Rule, Severity};
use serde_json::{json, Value};

use super::report::FileReport;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const FINGERPRINT_KEY: &str = "drydock/v1";

pub(super) fn render(out: &mut dyn Write, files: &[FileReport]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(files))?;
    writeln!(out)
}

fn log(files: &[FileReport]) -> Value {
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "drydock",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": HOMEPAGE,
                    "rules": rules().iter().map(|r| rule(r)).collect::<Vec<_>>(),
                }
            },
            // Columns are counted in characters, not SARIF's default UTF-16 code units.
            "columnKind": "unicodeCodePoints",
            "results": results(files),
        }]
    })
}

fn rule(rule: &Rule) -> Value {
    let what = section(rule.docs, "What it does");
    let why = section(rule.docs, "Why is this bad?");
    let origin = if rule.code.starts_with("DL") {
        "hadolint"
    } else {
        "drydock"
    };
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": one_line(rule.summary()) },
        "fullDescription": { "text": reflow(&format!("{what}\n\n{why}")) },
        "helpUri": docs_page(rule.code),
        "help": { "text": rule.docs.trim(), "markdown": rule.docs.trim() },
        "defaultConfiguration": {
            "enabled": rule.severity != Severity::Ignore,
            "level": level(rule.severity),
        },
        "properties": {
            "tags": ["dockerfile", origin],
        },
    })
}

fn results(files: &[FileReport]) -> Vec<Value> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut results = Vec::new();
    for file in files {
        let location = artifact_location(&file.name);
        for finding in &file.findings {
            let region = file.finding_region(finding.span);
            let hash = fingerprint(finding.code, &file.name, file.line_text(region.line));
            // Identical lines in one file are told apart by their order, as GitHub does.
            let occurrence = seen.entry(hash.clone()).or_default();
            *occurrence += 1;
            results.push(json!({
                "ruleId": finding.code,
                "ruleIndex": rules().iter().position(|r| r.code == finding.code),
                "level": level(finding.severity),
                "message": { "text": finding.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": {
                            "startLine": region.line,
                            "startColumn": region.column,
                            "endLine": region.end_line,
                            "endColumn": region.end_column,
                        },
                    },
                }],
                "partialFingerprints": { FINGERPRINT_KEY: format!("{hash}:{occurrence}") },
            }));
        }
    }
    results
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
        Severity::Ignore => "none",
    }
}

/// A relative path becomes a URI relative to the checkout; an absolute one a `file:` URI.
fn artifact_location(name: &str) -> Value {
    let path = Path::new(name);
    let segments: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(percent_encode(&s.to_string_lossy())),
            Component::ParentDir => Some("..".to_owned()),
            Component::RootDir | Component::Prefix(_) | Component::CurDir => None,
        })
        .collect();
    let uri = segments.join("/");
    if path.is_absolute() {
        json!({ "uri": format!("file:///{uri}") })
    } else {
        json!({ "uri": uri, "uriBaseId": "%SRCROOT%" })
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(segment: &str) -> String {
    let mut out = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A stable hash (FNV-1a, 64 bits) of the rule, the file and the trimmed text of the line: it
/// stays put when lines are added above or the line is re-indented.
fn fingerprint(code: &str, file: &str, line: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [code, file, line.trim()] {
        for b in part.bytes().chain([0]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown's hard-wrapped paragraphs as plain text: one line per paragraph.
fn reflow(text: &str) -> String {
    text.split("\n\n")
        .map(one_line)
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::report::fixtures::report;
    use drydock_lint::Severity::*;

    fn sarif(files: &[FileReport]) -> Value {
        let mut out = Vec::new();
        render(&mut out, files).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn driver_lists_every_rule_with_its_help() {
        let log = sarif(&[]);
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(log["$schema"], SCHEMA);
        let driver = &log["runs"][0]["tool"]["driver"];
        assert_eq!(driver["name"], "drydock");
        assert_eq!(driver["informationUri"], HOMEPAGE);
        let listed = driver["rules"].as_array().unwrap();
        assert_eq!(listed.len(), rules().len());
        for (entry, rule) in listed.iter().zip(rules()) {
            assert_eq!(entry["id"], rule.code);
            assert_eq!(entry["name"], rule.name);
            assert!(!entry["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty());
            assert_eq!(entry["helpUri"], docs_page(rule.code));
            assert!(entry["properties"]["tags"].as_array().unwrap().len() == 2);
        }
        assert_eq!(log["runs"][0]["results"], json!([]));
    }

    #[test]
    fn results_point_at_relative_uris_with_levels_and_fingerprints() {
        let source = "FROM a:latest\nFROM a:latest\n";
        let mut file = report(
            "dir with space/Dockerfile",
            source,
            &[("DL3007", Info, "a:latest")],
        );
        let second = file.findings[0].clone();
        file.findings.push(drydock_lint::Finding {
            span: drydock_lint::syntax::Span::new(second.span.start + 14, second.span.end + 14),
            severity: Error,
            ..second
        });
        let log = sarif(&[file]);
        let results = log["runs"][0]["results"].as_array().unwrap();
        let index = rules().iter().position(|r| r.code == "DL3007").unwrap();
        assert_eq!(results[0]["ruleId"], "DL3007");
        assert_eq!(results[0]["ruleIndex"], index);
        assert_eq!(results[0]["level"], "note");
        assert_eq!(results[1]["level"], "error");
        assert_eq!(results[0]["message"]["text"], "DL3007 message");
        assert_eq!(
            results[1]["locations"][0]["physicalLocation"],
            json!({
                "artifactLocation": { "uri": "dir%20with%20space/Dockerfile", "uriBaseId": "%SRCROOT%" },
                "region": { "startLine": 2, "startColumn": 6, "endLine": 2, "endColumn": 14 },
            })
        );
        // Same rule, file and line text: the same hash, told apart by occurrence.
        let print = |i: usize| {
            results[i]["partialFingerprints"][FINGERPRINT_KEY]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let (first, second) = (print(0), print(1));
        assert_eq!(first.split(':').next(), second.split(':').next());
        assert!(
            first.ends_with(":1") && second.ends_with(":2"),
            "{first} {second}"
        );
    }

    #[test]
    fn fingerprints_ignore_indentation_but_not_content() {
        assert_eq!(
            fingerprint("DL3007", "Dockerfile", "  FROM a"),
            fingerprint("DL3007", "Dockerfile", "FROM a")
        );
        assert_ne!(
            fingerprint("DL3007", "Dockerfile", "FROM a"),
            fingerprint("DL3007", "Dockerfile", "FROM b")
        );
        assert_ne!(
            fingerprint("DL3007", "a/Dockerfile", "FROM a"),
            fingerprint("DL3007", "Dockerfile", "FROM a")
        );
    }

    #[test]
    fn absolute_paths_are_file_uris() {
        assert_eq!(
            artifact_location("/src/app/Dockerfile"),
            json!({ "uri": "file:///src/app/Dockerfile" })
        );
        assert_eq!(
            artifact_location("../x/Dockerfile"),
            json!({ "uri": "../x/Dockerfile", "uriBaseId": "%SRCROOT%" })
        );
    }
}
