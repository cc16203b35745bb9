//! Black-box tests of `drydock lint`: formats, exit codes, discovery, config, fixes and the
//! refusal of inputs it cannot lint.

mod cli;

use cli::{only_rules, Dir};
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::{json, Value};

const LATEST: &str = "FROM debian:latest\n";
const LATEST_MESSAGE: &str =
    "Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag";
const PINNED: &str = "FROM debian:12.5-slim\n";

fn stdout_json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// The `file` of each finding of a `--format json` run.
fn files_of(findings: &Value) -> Vec<&str> {
    findings
        .as_array()
        .expect("an array")
        .iter()
        .map(|f| f["file"].as_str().expect("a file name"))
        .collect()
}

#[test]
fn tty_prints_a_header_a_code_frame_and_a_summary() {
    let dir = Dir::only(&["DL3007"]);
    dir.write("Dockerfile", LATEST);
    dir.drydock()
        .args(["lint", "Dockerfile"])
        .assert()
        .code(1)
        .stdout(format!(
            "\
Dockerfile:1:6: warning[DL3007]: {LATEST_MESSAGE}
  |
1 | FROM debian:latest
  |      ^^^^^^^^^^^^^

1 problem (1 warning) in 1 file
"
        ));
}

#[test]
fn a_clean_file_passes() {
    let dir = Dir::only(&["DL3007"]);
    dir.write("Dockerfile", PINNED);
    dir.drydock()
        .args(["lint", "Dockerfile"])
        .assert()
        .code(0)
        .stdout("no problems in 1 file\n")
        .stderr("");
}

#[test]
fn output_is_plain_when_not_a_terminal() {
    let dir = Dir::only(&["DL3007"]);
    dir.write("Dockerfile", LATEST);
    dir.drydock()
        .args(["lint"])
        .assert()
        .stdout(contains("warning[DL3007]").and(contains('\x1b').not()));
}

#[test]
fn json_is_one_array_with_exactly_the_documented_fields() {
    let dir = Dir::only(&["DL3007"]);
    dir.write("Dockerfile", LATEST);
    dir.write("sub/Dockerfile", "FROM alpine:latest\n");
    let output = dir
        .drydock()
        .args(["lint", "--format", "json", "Dockerfile", "sub"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let findings = stdout_json(&output);
    assert_eq!(
        findings,
        json!([
            {
                "file": "Dockerfile", "line": 1, "column": 6, "end_line": 1, "end_column": 19,
                "code": "DL3007", "severity": "warning", "message": LATEST_MESSAGE, "fix": null
            },
            {
                "file": "sub/Dockerfile", "line": 1, "column": 6, "end_line": 1, "end_column": 19,
                "code": "DL3007", "severity": "warning", "message": LATEST_MESSAGE, "fix": null
            }
        ])
    );
}

#[test]
fn json_of_clean_files_is_an_empty_array() {
    let dir = Dir::only(&["DL3007"]);
    dir.write("Dockerfile", PINNED);
    dir.drydock()
        .args(["lint", "--format", "json"])
        .assert()
        .code(0)
        .stdout("[]\n");
}

#[test]
fn sarif_is_valid_sarif_2_1_0_for_code_scanning() {
    let dir = Dir::only(&["DL3007"]);
    dir.write("services/api.Dockerfile", LATEST);
    let output = dir
        .drydock()
        .args(["lint", "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let log = stdout_json(&output);

    // `sarif-schema-2.1.0.json` is the OASIS SARIF 2.1.0 JSON schema (`sarif-2.1.0-rtm.5`, as
    // SchemaStore publishes it and the MIT-licensed npm package @microsoft/jest-sarif ships it).
    // The schema's pattern for `language` tags has a stray `]` that a strict regex check
    // rejects; drydock never writes `language`, so a well-formed pattern of the same intent
    // (`en`, `en-US`) stands in.
    let schema = include_str!("../fixtures/sarif-schema-2.1.0.json").replace(
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
    );
    let schema: Value = serde_json::from_str(&schema).expect("the SARIF schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let problems: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(problems.is_empty(), "not valid SARIF: {problems:#?}");
    assert!(
        !validator.is_valid(&json!({ "runs": [] })),
        "the schema rejects a log without a version"
    );

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let result = &run["results"][0];
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "DL3007");
    assert_eq!(result["ruleId"], "DL3007");
    assert_eq!(result["level"], "warning");
    assert_eq!(
        result["locations"][0]["physicalLocation"],
        json!({
            "artifactLocation": { "uri": "services/api.Dockerfile", "uriBaseId": "%SRCROOT%" },
            "region": { "startLine": 1, "startColumn": 6, "endLine": 1, "endColumn": 19 }
        })
    );
    assert!(result["partialFingerprints"]
        .as_object()
        .is_some_and(|f| !f.is_empty()));
}

#[test]
fn github_prints_workflow_commands() {
    let dir = Dir::only(&["DL3007"]);
    dir.write("Dockerfile", LATEST);
    dir.drydock()
        .args(["lint", "--format", "github"])
        .assert()
        .code(1)
        .stdout(format!(
            "::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=19,title=DL3007::{LATEST_MESSAGE}\n"
        ));
}

#[test]
fn the_failure_threshold_decides_the_exit_code() {
    let dir = Dir::only(&["DL3007"]);
    dir.write("Dockerfile", LATEST);
    let code = |args: &[&str]| {
        dir.drydock()
            .args(["lint", "--format", "json"])
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&[]), Some(1), "a warning fails by default");
    assert_eq!(code(&["--failure-threshold", "error"]), Some(0));
    assert_eq!(code(&["--failure-threshold", "none"]), Some(0));
    assert_eq!(code(&["--failure-threshold", "style"]), Some(1));

    let quiet = format!("{}failure-threshold: error\n", only_rules(&["DL3007"]));
    dir.write(".hadolint.yaml", quiet);
    assert_eq!(code(&[]), Some(0), "the config's threshold applies");
    assert_eq!(
        code(&["--failure-threshold", "warning"]),
        Some(1),
        "the flag overrides the config"
    );
}

#[test]
fn the_nearest_config_applies_to_each_dockerfile() {
    let dir = Dir::only(&["DL3007"]);
    dir.write("Dockerfile", LATEST);
    dir.write("quiet/Dockerfile", LATEST);
    dir.write("quiet/.hadolint.yml", only_rules(&[]));
    dir.write("loud/deeper/Dockerfile", LATEST);
    let loud = format!(
        "{}override:\n  error: [latest-tag]\n",
        only_rules(&["DL3007"])
    );
    dir.write("loud/.hadolint.yaml", loud);
    let output = dir
        .drydock()
        .args(["lint", "--format", "json"])
        .output()
        .unwrap();
    let findings = stdout_json(&output);
    assert_eq!(
        files_of(&findings),
        ["Dockerfile", "loud/deeper/Dockerfile"]
    );
    assert_eq!(findings[0]["severity"], "warning");
    assert_eq!(findings[1]["severity"], "error");
}

#[test]
fn an_explicit_config_replaces_discovery() {
    let dir = Dir::only(&["DL3007"]);
    dir.write("Dockerfile", LATEST);
    dir.write(".hadolint.yaml", only_rules(&[]));
    let strict = format!("{}override:\n  error: [DL3007]\n", only_rules(&["DL3007"]));
    dir.write("ci/strict.yaml", strict);
    let output = dir
        .drydock()
        .args(["lint", "--format", "json", "--config", "ci/strict.yaml"])
        .output()
        .unwrap();
    assert_eq!(stdout_json(&output)[0]["severity"], "error");
}

#[test]
fn a_bad_config_is_an_error_naming_the_file_and_line() {
    let dir = Dir::new();
    dir.write("Dockerfile", LATEST);
    dir.write(".hadolint.yaml", "ignored: [DL3007]\nignore: [DL3008]\n");
    dir.drydock()
        .args(["lint"])
        .assert()
        .code(2)
        .stderr(contains("error: invalid config .hadolint.yaml: line 2:").and(contains("ignore")));
    dir.drydock()
        .args(["lint", "--config", ".hadolint.yaml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("invalid config .hadolint.yaml: line 2:"));
    dir.drydock()
        .args(["lint", "--config", "missing.yaml"])
        .assert()
        .code(2)
        .stderr("error: cannot read config missing.yaml: no such file or directory\n");
}

#[test]
fn directories_are_searched_in_sorted_order_skipping_the_usual_suspects() {
    let dir = Dir::only(&["DL3007"]);
    for name in [
        "Dockerfile",
        "b/Dockerfile.dev",
        "a/web.Dockerfile",
        "a/z/worker.dockerfile",
        "node_modules/pkg/Dockerfile",
        "target/Dockerfile",
        ".git/Dockerfile",
        ".devcontainer/Dockerfile",
    ] {
        dir.write(name, LATEST);
    }
    dir.write("Dockerfile.dockerignore", "*\n");
    dir.write("README.md", "FROM x:latest\n");
    let output = dir
        .drydock()
        .args(["lint", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        files_of(&stdout_json(&output)),
        [
            "Dockerfile",
            "a/web.Dockerfile",
            "a/z/worker.dockerfile",
            "b/Dockerfile.dev"
        ]
    );
    // Named explicitly, any file and any directory is linted.
    let output = dir
        .drydock()
        .args(["lint", "--format", "json", ".devcontainer", "README.md"])
        .output()
        .unwrap();
    assert_eq!(
        files_of(&stdout_json(&output)),
        [".devcontainer/Dockerfile", "README.md"]
    );
}

#[test]
fn a_directory_without_dockerfiles_warns_and_passes() {
    let dir = Dir::new();
    dir.write("src/main.rs", "fn main() {}\n");
    dir.drydock()
        .args(["lint", "src"])
        .assert()
        .code(0)
        .stdout("no problems in 0 files\n")
        .stderr("warning: src: no Dockerfiles found\n");
}

#[test]
fn stdin_is_linted_as_dash() {
    let dir = Dir::only(&["DL3007"]);
    let output = dir
        .drydock()
        .args(["lint", "--format", "json", "-"])
        .write_stdin(LATEST)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(files_of(&stdout_json(&output)), ["-"]);
}

#[test]
fn suppression_pragmas_are_honoured() {
    let dir = Dir::only(&["DL3007"]);
    dir.write(
        "Dockerfile",
        "# hadolint ignore=DL3007\nFROM debian:latest\nFROM alpine:latest\n",
    );
    dir.write(
        "global.Dockerfile",
        "# drydock global ignore=latest-tag\nFROM a:latest\nFROM b:latest\n",
    );
    let output = dir
        .drydock()
        .args(["lint", "--format", "json"])
        .output()
        .unwrap();
    let findings = stdout_json(&output);
    assert_eq!(files_of(&findings), ["Dockerfile"]);
    assert_eq!(findings[0]["line"], 3);
}

#[test]
fn missing_files_are_reported_and_the_rest_is_still_linted() {
    let dir = Dir::only(&["DL3007"]);
    dir.write("Dockerfile", LATEST);
    let output = dir
        .drydock()
        .args(["lint", "--format", "json", "nope/Dockerfile", "Dockerfile"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: nope/Dockerfile: no such file or directory\n"
    );
    assert_eq!(files_of(&stdout_json(&output)), ["Dockerfile"]);
}

#[test]
fn binary_and_non_utf8_files_are_refused_with_a_reason() {
    let dir = Dir::new();
    dir.write("bin.Dockerfile", b"FROM a\n\x7fELF\0\0\x01");
    dir.write("latin1.Dockerfile", b"FROM a\nLABEL author=\"Jos\xe9\"\n");
    dir.drydock()
        .args(["lint", "bin.Dockerfile", "latin1.Dockerfile"])
        .assert()
        .code(2)
        .stderr(
            "error: bin.Dockerfile: binary content (a NUL byte on line 2): not a Dockerfile\n\
             error: latin1.Dockerfile: not valid UTF-8 (byte 0xE9 on line 2, column 18): save the file as UTF-8\n",
        );
}

#[test]
fn huge_files_are_refused_with_the_limit() {
    let dir = Dir::new();
    let huge = "# padding\n".repeat(1_100_000);
    dir.write("Dockerfile", format!("FROM a\n{huge}"));
    dir.drydock()
        .args(["lint"])
        .assert()
        .code(2)
        .stderr("error: Dockerfile: too large (11.0 MB > 10 MB)\n");
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = Dir::new();
    dir.drydock()
        .args(["lint", "--format", "xml"])
        .assert()
        .code(2)
        .stderr(contains("invalid value 'xml'"));
    dir.drydock()
        .args(["lint", "--failure-threshold", "fatal"])
        .assert()
        .code(2);
    dir.drydock().args(["lnt"]).assert().code(2);
}

#[test]
fn fix_never_rewrites_a_file_it_does_not_change() {
    let dir = Dir::only(&["DL3007"]);
    let path = dir.write("Dockerfile", LATEST);
    let before = std::fs::metadata(&path).unwrap();
    dir.drydock()
        .args(["lint", "--fix"])
        .assert()
        .code(1)
        .stdout(contains("fixed").not());
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!(before.modified().unwrap(), after.modified().unwrap());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(before.ino(), after.ino(), "the file was replaced");
    }
    assert_eq!(dir.read("Dockerfile"), LATEST);
}

#[test]
fn fix_on_stdin_prints_the_text_and_reports_on_stderr() {
    let dir = Dir::only(&["DL3007"]);
    dir.drydock()
        .args(["lint", "--fix", "--format", "github", "-"])
        .write_stdin(LATEST)
        .assert()
        .code(1)
        .stdout(LATEST)
        .stderr(contains("::warning file=-,line=1"));
}

#[test]
fn fix_rewrites_the_file_atomically_and_reports_what_remains() {
    let dir = Dir::only(&["DL3007", "DD007"]);
    let path = dir.write(
        "Dockerfile",
        "FROM node:latest\n# install\nRUN npm ci --only=production\n",
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::Permissions::from_mode(0o640);
        std::fs::set_permissions(&path, mode).unwrap();
    }
    dir.drydock()
        .args(["lint", "--fix"])
        .assert()
        .code(1)
        .stdout(
            contains("warning[DL3007]")
                .and(contains("DD007").not())
                .and(contains(
                    "fixed 1 problem in 1 file\n1 problem (1 warning) in 1 file\n",
                )),
        );
    assert_eq!(
        dir.read("Dockerfile"),
        "FROM node:latest\n# install\nRUN npm ci --omit=dev\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640, "permissions are kept");
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".drydock")),
        "a temporary file was left: {names:?}"
    );
    // The fixed file re-lints without the fixed finding.
    let output = dir
        .drydock()
        .args(["lint", "--format", "json"])
        .output()
        .unwrap();
    let findings = stdout_json(&output);
    let codes: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["DL3007"]);
}

#[test]
fn json_shows_a_fix_with_its_edits() {
    let dir = Dir::only(&["DD007"]);
    dir.write("Dockerfile", "FROM node:22\nRUN npm ci --only=production\n");
    let output = dir
        .drydock()
        .args(["lint", "--format", "json"])
        .output()
        .unwrap();
    let fix = &stdout_json(&output)[0]["fix"];
    assert_eq!(fix["applicability"], "safe");
    assert!(fix["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(
        fix["edits"],
        json!([{
            "line": 2, "column": 12, "end_line": 2, "end_column": 29,
            "replacement": "--omit=dev"
        }])
    );
}

#[test]
fn tty_says_when_a_fix_is_available() {
    let dir = Dir::only(&["DD007"]);
    dir.write("Dockerfile", "FROM node:22\nRUN npm ci --only=production\n");
    dir.drydock()
        .args(["lint"])
        .assert()
        .code(1)
        .stdout(contains("  = fix available: "));
}

#[test]
fn fix_on_stdin_prints_the_fixed_text() {
    let dir = Dir::only(&["DD007"]);
    dir.drydock()
        .args(["lint", "--fix", "-"])
        .write_stdin("FROM node:22\nRUN npm ci --only=production\n")
        .assert()
        .code(0)
        .stdout("FROM node:22\nRUN npm ci --omit=dev\n")
        .stderr("fixed 1 problem in 1 file\nno problems in 1 file\n");
}
