use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut all = String::new();
    for p in &paths {
        all.push_str(&String::from_utf8_lossy(&std::fs::read(p).unwrap()));
        all.push('\n');
    }
    let lines = all.lines().count();
    // whole corpus
    let t = Instant::now();
    let n = 20;
    for _ in 0..n {
        std::hint::black_box(drydock_syntax::parse(&all));
    }
    let per = t.elapsed().as_secs_f64() / n as f64;
    println!(
        "corpus: {} bytes, {} lines, {:.2} ms/parse, {:.1} us per 1000 lines, {:.1} MB/s",
        all.len(),
        lines,
        per * 1e3,
        per * 1e6 * 1000.0 / lines as f64,
        all.len() as f64 / per / 1e6
    );
    // biggest single file
    let big = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .max_by_key(|s| s.len())
        .unwrap();
    let t = Instant::now();
    for _ in 0..200 {
        std::hint::black_box(drydock_syntax::parse(&big));
    }
    let per = t.elapsed().as_secs_f64() / 200.0;
    println!(
        "largest file: {} lines, {:.1} us",
        big.lines().count(),
        per * 1e6
    );
    // 1000-line chunk
    let chunk: String = all.lines().take(1000).collect::<Vec<_>>().join("\n");
    let t = Instant::now();
    for _ in 0..500 {
        std::hint::black_box(drydock_syntax::parse(&chunk));
    }
    println!(
        "1000 lines: {:.1} us",
        t.elapsed().as_secs_f64() / 500.0 * 1e6
    );
}
