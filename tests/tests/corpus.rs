//! The shared corpus of real-world Dockerfiles (when present next to the repository) and the
//! BuildKit oracle: every file lints without panic, reads the same instructions at the same
//! lines as BuildKit's own parser, and gets no DD000 (BuildKit parses all of them).
//! The project's own fixtures in `fixtures/dockerfiles` always run.

use std::path::{Path, PathBuf};

use drydock_lint::{lint_parsed, LintOptions};
use drydock_syntax::LineIndex;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/dockerfiles");
    dir.is_dir().then_some(dir)
}

/// (keyword, first line, last line) of each instruction, as BuildKit's parser reports them.
fn instructions(src: &str) -> Vec<(String, u32, u32)> {
    let df = drydock_syntax::parse(src);
    let index = LineIndex::new(src);
    df.instructions
        .iter()
        .map(|i| {
            (
                i.keyword_word.value.to_ascii_uppercase(),
                index.line(i.span.start),
                index.line(i.span.end.saturating_sub(1).max(i.span.start)),
            )
        })
        .collect()
}

#[test]
fn corpus_matches_buildkit_and_has_no_syntax_errors() {
    let Some(dir) = corpus() else {
        eprintln!("shared corpus not present: only the project's fixtures are checked");
        return;
    };
    let oracle: serde_json::Value =
        serde_json::from_str(include_str!("../fixtures/buildkit-oracle.json")).unwrap();
    let oracle = oracle.as_object().unwrap();
    let mut mismatches = Vec::new();
    for (name, expected) in oracle {
        let src = String::from_utf8_lossy(&std::fs::read(dir.join(name)).unwrap()).into_owned();
        let df = drydock_syntax::parse(&src);
        let findings = lint_parsed(&src, &df, &LintOptions::default());
        let syntax: Vec<_> = findings.iter().filter(|f| f.code == "DD000").collect();
        if expected["ok"] == true && !syntax.is_empty() {
            mismatches.push(format!("{name}: DD000 {:?}", syntax[0].message));
        }
        let want: Vec<(String, u32, u32)> =
            serde_json::from_value(expected["instructions"].clone()).unwrap();
        let got = instructions(&src);
        if got != want {
            let first = got.iter().zip(&want).position(|(a, b)| a != b);
            mismatches.push(format!(
                "{name}: {} instructions vs BuildKit's {}; first difference at {:?}: ours {:?}, BuildKit {:?}",
                got.len(),
                want.len(),
                first,
                first.and_then(|i| got.get(i)),
                first.and_then(|i| want.get(i)),
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} corpus files disagree with BuildKit:\n{}",
        mismatches.len(),
        oracle.len(),
        mismatches.join("\n")
    );
}

#[test]
fn own_fixtures_lint_and_broken_lines_are_reported_where_they_are() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/dockerfiles");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let src = std::fs::read_to_string(&path).unwrap();
        let findings = drydock_lint::lint(&src, &LintOptions::default());
        let index = LineIndex::new(&src);
        let syntax_lines: Vec<u32> = findings
            .iter()
            .filter(|f| f.code == "DD000")
            .map(|f| index.line(f.span.start))
            .collect();
        let name = path.file_name().unwrap().to_string_lossy();
        if name == "broken.Dockerfile" {
            // RUNN, bare ENV, the misspelt --chwon flag, the unterminated JSON (read as shell form, as
            // BuildKit does, so no error there), and the heredoc that never closes.
            assert_eq!(syntax_lines, [2, 3, 4, 7], "{name}: {findings:#?}");
            let kinds: Vec<_> = drydock_syntax::parse(&src)
                .instructions
                .iter()
                .map(|i| i.keyword_word.value.clone())
                .collect();
            assert_eq!(
                kinds,
                ["FROM", "RUNN", "ENV", "COPY", "RUN", "LABEL", "RUN"],
                "every readable instruction is kept"
            );
        } else {
            assert!(syntax_lines.is_empty(), "{name}: {findings:#?}");
        }
    }
}
