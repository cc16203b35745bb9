//! `cargo bench -p drydock-lint`: parse + every rule on 500- and 1,000-line Dockerfiles made of
//! the project's fixtures. Budgets (PRODUCT.md §7): under 1 ms and under 2 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use drydock_lint::{lint, LintOptions};

const FIXTURES: &[&str] = &[
    include_str!("../../../tests/fixtures/dockerfiles/node-multistage.Dockerfile"),
    include_str!("../../../tests/fixtures/dockerfiles/python-heredoc.Dockerfile"),
    include_str!("../../../tests/fixtures/dockerfiles/legacy-smells.Dockerfile"),
    include_str!("../../../tests/fixtures/dockerfiles/go-scratch.Dockerfile"),
];

/// Whole fixtures concatenated until the text has at least `lines` lines.
fn dockerfile(lines: usize) -> String {
    let mut text = String::new();
    for f in FIXTURES.iter().cycle() {
        if text.lines().count() >= lines {
            break;
        }
        text.push_str(f);
    }
    text
}

fn bench(c: &mut Criterion) {
    for lines in [500, 1000] {
        let text = dockerfile(lines);
        let n = text.lines().count();
        c.bench_function(&format!("lint {n} lines"), |b| {
            b.iter(|| lint(std::hint::black_box(&text), &LintOptions::default()))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
