fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        let src = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
        let df = drydock_syntax::parse(&src);
        let idx = drydock_syntax::LineIndex::new(&src);
        for e in &df.errors {
            let line = idx.line(e.span.start);
            let text = src.lines().nth(line as usize - 1).unwrap_or("");
            println!(
                "{}:{}: {} | {}",
                p.file_name().unwrap().to_string_lossy(),
                line,
                e.message,
                text.chars().take(100).collect::<String>()
            );
        }
    }
}
