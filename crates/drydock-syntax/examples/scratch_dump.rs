// Reads NUL-separated Dockerfiles on stdin, prints one JSON line per file.
use drydock_syntax::*;
use std::io::Read;
fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    for src in input.split('\0') {
        let df = parse(src);
        let idx = LineIndex::new(src);
        let mut out = Vec::new();
        for i in &df.instructions {
            let start = idx.line(i.span.start);
            let end = idx.line(i.span.end.saturating_sub(1).max(i.span.start));
            let flags: Vec<String> = i
                .flags
                .iter()
                .map(|f| match &f.value {
                    Some(v) => format!("--{}={}", f.name, v.value),
                    None => format!("--{}", f.name),
                })
                .collect();
            let (json, vals): (bool, Vec<String>) = match &i.kind {
                Kind::Run(r) => form(&r.command),
                Kind::Cmd(c) | Kind::Entrypoint(c) => form(c),
                _ => (false, vec![]),
            };
            out.push(serde_json::json!([
                i.keyword_word.value.to_ascii_lowercase(),
                start,
                end,
                flags,
                json,
                vals
            ]));
        }
        let errs: Vec<String> = df
            .errors
            .iter()
            .map(|e| format!("{}: {}", idx.line(e.span.start), e.message))
            .collect();
        println!("{}", serde_json::json!({"ins": out, "errors": errs}));
    }
}
fn form(c: &CommandForm) -> (bool, Vec<String>) {
    match c {
        CommandForm::Exec(w) => (true, w.iter().map(|w| w.value.clone()).collect()),
        CommandForm::Shell(s) => (
            false,
            if s.text.is_empty() {
                vec![]
            } else {
                vec![s.text.clone()]
            },
        ),
    }
}
