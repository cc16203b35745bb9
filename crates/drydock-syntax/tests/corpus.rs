//! The shared corpus of real-world Dockerfiles, when it is present next to the repository:
//! every file parses without panic and without errors (BuildKit builds all of them), every
//! instruction is typed, and every span lies on character boundaries of the source.

use std::path::Path;

use drydock_syntax::{parse, Kind};

#[test]
fn corpus_parses_without_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dockerfiles");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("shared corpus not present: skipped");
        return;
    };
    let mut problems = Vec::new();
    let mut files = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let src = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let df = parse(&src);
        files += 1;
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(e) = df.errors.first() {
            problems.push(format!("{name}: {} at {:?}", e.message, e.span));
        }
        for ins in &df.instructions {
            if ins.kind == Kind::Unknown {
                problems.push(format!("{name}: untyped {:?}", ins.keyword_word.value));
            }
            let s = ins.span;
            if s.end > src.len() || !src.is_char_boundary(s.start) || !src.is_char_boundary(s.end) {
                problems.push(format!("{name}: span {s:?} off character boundaries"));
            }
        }
    }
    assert!(files >= 400, "only {files} corpus files");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
