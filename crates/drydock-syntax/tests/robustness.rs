//! Inputs that break naive parsers: huge continued instructions (linear time, no recursion),
//! deep nesting, very long lines, arbitrary bytes.

use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use drydock_syntax::{parse, Kind};

/// Keeps the heavy tests of this file from running at the same time as the timed ones.
static HEAVY: Mutex<()> = Mutex::new(());

fn heavy() -> MutexGuard<'static, ()> {
    HEAVY.lock().unwrap_or_else(|e| e.into_inner())
}

/// Parse time of the input `make(n)` must grow about linearly with `n`.
fn assert_linear(make: impl Fn(usize) -> String) {
    let _guard = heavy();
    let (small, large) = (make(1_000), make(16_000));
    let time = |src: &str| {
        let start = Instant::now();
        assert!(!parse(src).instructions.is_empty());
        start.elapsed().as_secs_f64()
    };
    // The best of interleaved runs, so that a burst of load on the machine hits both sizes.
    let (mut best_small, mut best_large) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..4 {
        best_small = best_small.min(time(&small));
        best_large = best_large.min(time(&large));
    }
    // 16x the input: linear is 16x the time, quadratic 256x. Allow 80x: caches that no longer
    // hold the input slow the large run down.
    assert!(
        best_large < best_small.max(1e-4) * 80.0,
        "1k: {best_small:.4}s, 16k: {best_large:.4}s"
    );
}

#[test]
fn continuation_heavy_instruction_is_linear() {
    assert_linear(|n| format!("FROM a\nRUN true{}\n", " \\\n && echo x".repeat(n)));
    assert_linear(|n| format!("FROM a\nENV {}\n", "A=b \\\n  # c\n\n".repeat(n)));
    assert_linear(|n| format!("FROM a\nLABEL k v{}\n", " \\\n w".repeat(n)));
}

#[test]
fn many_instructions_are_linear() {
    assert_linear(|n| "FROM a AS s\nCOPY --from=s x y\nARG A=1\n".repeat(n));
}

#[test]
fn sixteen_thousand_continuation_lines_parse() {
    let _guard = heavy();
    let src = format!("FROM a\nRUN true{}\n", " \\\n && echo x".repeat(16_000));
    let df = parse(&src);
    assert!(df.errors.is_empty());
    let Kind::Run(run) = &df.instructions[1].kind else {
        panic!()
    };
    assert_eq!(run.heredoc_scripts.len(), 0);
    assert!(df.instructions[1].args.text.len() > 16_000 * 10);
}

#[test]
fn deep_nesting_does_not_overflow() {
    let _guard = heavy();
    for unit in ["[", "${", "$(", "(", "{", "\"", "<<"] {
        let src = format!(
            "FROM a\nCMD {}\nRUN {}\n",
            unit.repeat(100_000),
            unit.repeat(100_000)
        );
        let df = parse(&src);
        assert_eq!(df.instructions.len(), 3, "{unit}");
    }
    let nested = format!("FROM a\nCMD {}{}\n", "[".repeat(50_000), "]".repeat(50_000));
    assert_eq!(parse(&nested).errors.len(), 1);
}

#[test]
fn ten_megabytes() {
    let _guard = heavy();
    let unit = "RUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\nCOPY --from=base /a /b\nENV A=1 B=\"2 3\"\n";
    let src = format!("FROM a AS base\n{}", unit.repeat(10_000_000 / unit.len()));
    let start = Instant::now();
    let df = parse(&src);
    assert!(df.errors.is_empty());
    assert!(start.elapsed().as_secs() < 30);
    let long_line = format!("FROM a\nRUN {}\n", "x".repeat(10_000_000));
    assert_eq!(parse(&long_line).instructions.len(), 2);
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A deterministic stream of awkward fragments, cut at every position.
    let fragments = [
        "FROM ",
        "RUN ",
        "\\",
        "\n",
        "\r\n",
        "`",
        "# escape=`\n",
        "<<EOF",
        "<<-'E'\n",
        "EOF\n",
        "[\"",
        "\"]",
        "'",
        "=",
        "--mount=type=",
        "--",
        "ONBUILD ",
        "HEALTHCHECK ",
        "é",
        "\u{feff}",
        "$",
        "${A:-",
        "}",
        " ",
        "\t",
        "ARG ",
        "ENV ",
        "COPY ",
        "AS ",
    ];
    let mut seed = 7u64;
    let mut src = String::new();
    for _ in 0..3_000 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        src.push_str(fragments[(seed >> 33) as usize % fragments.len()]);
    }
    for end in (0..src.len())
        .filter(|&i| src.is_char_boundary(i))
        .step_by(97)
    {
        let df = parse(&src[..end]);
        for e in &df.errors {
            assert!(e.span.start <= e.span.end && e.span.end <= end, "{e:?}");
        }
    }
}
