//! Property tests: random edits of real Dockerfiles and arbitrary bytes never panic and give
//! well-formed findings; lint time grows linearly with input size.

use std::time::{Duration, Instant};

use drydock_lint::LintOptions;
use proptest::prelude::*;

const FIXTURES: &[&str] = &[
    include_str!("../fixtures/dockerfiles/node-multistage.Dockerfile"),
    include_str!("../fixtures/dockerfiles/python-heredoc.Dockerfile"),
    include_str!("../fixtures/dockerfiles/windows-escape.Dockerfile"),
    include_str!("../fixtures/dockerfiles/legacy-smells.Dockerfile"),
    include_str!("../fixtures/dockerfiles/go-scratch.Dockerfile"),
    include_str!("../fixtures/dockerfiles/broken.Dockerfile"),
];

/// Fragments that stress the parser: continuations, heredocs, JSON, expansion, flags.
const FRAGMENTS: &[&str] = &[
    "\\",
    "\n",
    "\\\n",
    "\r\n",
    "\"",
    "'",
    "[",
    "]",
    "$",
    "${",
    "}",
    ":-",
    "<<",
    "<<-EOF\n",
    "EOF\n",
    "#",
    "# escape=`\n",
    "`",
    "--",
    "--mount=type=cache,target=",
    "=",
    " ",
    "\t",
    "FROM ",
    "RUN ",
    "COPY ",
    "ONBUILD ",
    "HEALTHCHECK ",
    "&&",
    "|",
    "(",
    ")",
    "\u{feff}",
    "é",
];

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 1usize..8).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), prop::sample::select(FRAGMENTS))
            .prop_map(|(at, s)| Edit::Insert(at, s.to_owned())),
        (any::<usize>(), "\\PC{0,6}").prop_map(|(at, s)| Edit::Insert(at, s)),
    ]
}

fn apply(src: &str, edits: &[Edit]) -> String {
    let mut text = src.to_owned();
    for e in edits {
        let at = |i: usize, text: &str| {
            let mut i = i % (text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        match e {
            Edit::Delete(i, n) => {
                let start = at(*i, &text);
                let end = at(start + n, &text).max(start);
                text.replace_range(start..end, "");
            }
            Edit::Insert(i, s) => {
                let i = at(*i, &text);
                text.insert_str(i, s);
            }
        }
    }
    text
}

/// Every finding points into the text, on character boundaries, and fixes are well-formed.
fn assert_well_formed(src: &str) {
    for f in drydock_lint::lint(src, &LintOptions::default()) {
        assert!(
            f.span.start <= f.span.end && f.span.end <= src.len(),
            "{f:?}"
        );
        assert!(src.is_char_boundary(f.span.start) && src.is_char_boundary(f.span.end));
        assert!(!f.message.is_empty(), "{f:?}");
        for e in f.fix.iter().flat_map(|x| &x.edits) {
            assert!(
                e.span.end <= src.len() && src.is_char_boundary(e.span.start),
                "{f:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_of_real_files_never_panic(
        which in 0..FIXTURES.len(),
        edits in prop::collection::vec(edit(), 1..12),
    ) {
        assert_well_formed(&apply(FIXTURES[which], &edits));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        assert_well_formed(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn pathological_inputs_do_not_overflow_the_stack() {
    let deep = format!("FROM a\nRUN {}\n", "$(".repeat(200_000));
    assert_well_formed(&deep);
    let brackets = format!("FROM a\nCMD {}\n", "[".repeat(200_000));
    assert_well_formed(&brackets);
    let braces = format!("FROM a:${{{}\n", "${".repeat(200_000));
    assert_well_formed(&braces);
    let continuation = format!("FROM a\nRUN true{}\n", " \\\n && true".repeat(100_000));
    assert_well_formed(&continuation);
}

/// The fastest of five runs, so a busy machine skews the ratio less.
fn lint_time(src: &str) -> Duration {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(drydock_lint::lint(src, &LintOptions::default()));
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Growing the input 8x must not grow the time anywhere near 64x (quadratic); 24x leaves room
/// for noise while still catching super-linear behaviour. Sizes stay within a few hundred KB so
/// that cache misses on a huge working set do not pass for algorithmic growth (instruction
/// counts under callgrind grow exactly linearly up to megabytes).
fn assert_linear(make: impl Fn(usize) -> String) {
    let (small, large) = (make(1), make(8));
    let (a, b) = (lint_time(&small), lint_time(&large));
    let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-6);
    assert!(
        ratio < 24.0,
        "8x input took {ratio:.1}x the time ({a:?} → {b:?})"
    );
}

#[test]
fn lint_time_is_linear_in_input_size() {
    let all = FIXTURES.concat();
    assert_linear(|k| all.repeat(5 * k));
    assert_linear(|k| format!("FROM a\nRUN true{}\n", " \\\n && echo x".repeat(1_000 * k)));
    assert_linear(|k| {
        format!(
            "FROM a\nRUN <<EOF\n{}EOF\n",
            "echo line | tee -a f\n".repeat(1_000 * k)
        )
    });
    assert_linear(|k| format!("FROM a\nENV {}\n", "A=b ".repeat(1_000 * k)));
}
