use std::time::Instant;
const FIXTURES: &[&str] = &[
    include_str!("../../../tests/fixtures/dockerfiles/node-multistage.Dockerfile"),
    include_str!("../../../tests/fixtures/dockerfiles/python-heredoc.Dockerfile"),
    include_str!("../../../tests/fixtures/dockerfiles/legacy-smells.Dockerfile"),
    include_str!("../../../tests/fixtures/dockerfiles/go-scratch.Dockerfile"),
];
fn main() {
    for lines in [500, 1000] {
        let mut text = String::new();
        for f in FIXTURES.iter().cycle() {
            if text.lines().count() >= lines {
                break;
            }
            text.push_str(f);
        }
        let n = 2000;
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            for _ in 0..n {
                std::hint::black_box(drydock_syntax::parse(std::hint::black_box(&text)));
            }
            best = best.min(t.elapsed().as_secs_f64() / n as f64);
        }
        println!("{} lines: parse {:.1} us", text.lines().count(), best * 1e6);
    }
}
