use std::time::Instant;
fn main() {
    let makers: Vec<(&str, Box<dyn Fn(usize) -> String>)> = vec![
        (
            "run",
            Box::new(|n| format!("FROM a\nRUN true{}\n", " \\\n && echo x".repeat(n))),
        ),
        (
            "env",
            Box::new(|n| format!("FROM a\nENV {}\n", "A=b \\\n  # c\n\n".repeat(n))),
        ),
        (
            "label",
            Box::new(|n| format!("FROM a\nLABEL k v{}\n", " \\\n w".repeat(n))),
        ),
        (
            "stages",
            Box::new(|n| "FROM a AS s\nCOPY --from=s x y\nARG A=1\n".repeat(n)),
        ),
    ];
    for (name, make) in &makers {
        for n in [4_000, 16_000, 64_000] {
            let src = make(n);
            let t = Instant::now();
            for _ in 0..5 {
                std::hint::black_box(drydock_syntax::parse(&src));
            }
            println!(
                "{name} {n}: {:.2} ms",
                t.elapsed().as_secs_f64() * 1e3 / 5.0
            );
        }
    }
}
