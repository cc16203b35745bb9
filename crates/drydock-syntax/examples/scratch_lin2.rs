use std::time::Instant;
fn main() {
    for n in [2_000, 8_000, 32_000, 128_000] {
        let src = format!("FROM a\nRUN true{}\n", " \\\n && echo x".repeat(n));
        let text = format!("true{}", " && echo x".repeat(n));
        let mut best = f64::MAX;
        let mut best_sh = f64::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            std::hint::black_box(drydock_syntax::parse(&src));
            best = best.min(t.elapsed().as_secs_f64());
            let t = Instant::now();
            std::hint::black_box(drydock_syntax::shell::parse(&text));
            best_sh = best_sh.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{n}: parse {:.2} ms, shell alone {:.2} ms",
            best * 1e3,
            best_sh * 1e3
        );
    }
}
