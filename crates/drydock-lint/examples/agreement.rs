//! Compares Drydock's DL findings with hadolint 2.15.1's recorded ones on the shared corpus.
//!
//! `cargo run --release -p drydock-lint --example agreement [-- [-v] [--hadolint FILE] [CODE...]]`
//!
//! By default hadolint's findings come from the corpus's recorded file; `--hadolint FILE` reads
//! the output of a fresh `hadolint --format json --no-fail ...` run instead.
//!
//! Findings are compared as (file, line of the instruction's first line, code): hadolint reports
//! the instruction's line, Drydock the exact span, which may sit on a continuation line.
//! Files hadolint could not parse (DL1000) are left out. `-v` lists each disagreement.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use drydock_lint::{lint_parsed, LintOptions};
use drydock_syntax::LineIndex;

type Key = (String, u32, String);

/// Rules hadolint runs only when configured, while Drydock runs them by default: no recorded
/// finding to compare with. DL3057 (no HEALTHCHECK) is on for service-like images by design.
const OFF_IN_HADOLINT: &[&str] = &["DL3057"];

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let fresh = args.iter().position(|a| a == "--hadolint").map(|i| {
        args.drain(i..i + 2)
            .nth(1)
            .expect("--hadolint takes a file")
    });
    let only: BTreeSet<&str> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .map(|s| s.as_str())
        .collect();
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let recorded = match fresh {
        Some(path) => by_file(read_json(&PathBuf::from(path))),
        None => read_json(&corpus.join("hadolint-2.15.1-findings.json")),
    };
    let ours_codes: BTreeSet<&str> = drydock_lint::rules().iter().map(|r| r.code).collect();
    let mut theirs = BTreeSet::new();
    let mut ours = BTreeSet::new();
    let mut files: Vec<String> = std::fs::read_dir(corpus.join("dockerfiles"))
        .expect("the shared corpus is next to the repository")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    files.sort();
    let none = Vec::new();
    for file in &files {
        let findings = recorded[file.as_str()].as_array().unwrap_or(&none);
        if findings.iter().any(|f| f["code"] == "DL1000") {
            continue;
        }
        let wanted = |code: &str| {
            code.starts_with("DL")
                && !OFF_IN_HADOLINT.contains(&code)
                && ours_codes.contains(code)
                && (only.is_empty() || only.contains(code))
        };
        for f in findings {
            let code = f["code"].as_str().unwrap_or_default();
            if wanted(code) {
                theirs.insert((
                    file.clone(),
                    f["line"].as_u64().unwrap_or(0) as u32,
                    code.to_owned(),
                ));
            }
        }
        let src =
            std::fs::read_to_string(corpus.join("dockerfiles").join(file)).unwrap_or_default();
        let df = drydock_syntax::parse(&src);
        let index = LineIndex::new(&src);
        for f in lint_parsed(&src, &df, &LintOptions::default()) {
            if !wanted(f.code) {
                continue;
            }
            let at = df
                .instructions
                .iter()
                .find(|i| i.span.contains(f.span.start))
                .map_or(f.span.start, |i| i.span.start);
            ours.insert((file.clone(), index.line(at), f.code.to_owned()));
        }
    }
    report(&ours, &theirs, verbose);
}

fn read_json(path: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("valid findings json")
}

/// hadolint's own output (one array, `file` per finding) → `{file name: [findings]}`.
fn by_file(findings: serde_json::Value) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for f in findings.as_array().expect("an array") {
        let file = f["file"].as_str().unwrap_or_default();
        let name = file.rsplit('/').next().unwrap_or(file).to_owned();
        let entry = map.entry(name).or_insert_with(|| serde_json::json!([]));
        entry.as_array_mut().unwrap().push(f.clone());
    }
    serde_json::Value::Object(map)
}

fn report(ours: &BTreeSet<Key>, theirs: &BTreeSet<Key>, verbose: bool) {
    let mut per_code: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for k in ours.union(theirs) {
        let e = per_code.entry(k.2.as_str()).or_default();
        match (ours.contains(k), theirs.contains(k)) {
            (true, true) => e.0 += 1,
            (true, false) => e.1 += 1,
            _ => e.2 += 1,
        }
    }
    println!("{:8} {:>6} {:>6} {:>6}", "code", "both", "ours", "theirs");
    for (code, (tp, fp, fn_)) in &per_code {
        println!("{code:8} {tp:>6} {fp:>6} {fn_:>6}");
    }
    let tp = ours.intersection(theirs).count() as f64;
    println!(
        "precision {:.3}  recall {:.3}  ({} ours, {} hadolint's)",
        tp / ours.len().max(1) as f64,
        tp / theirs.len().max(1) as f64,
        ours.len(),
        theirs.len()
    );
    if verbose {
        for k in ours.difference(theirs) {
            println!("only ours:     {}:{} {}", k.0, k.1, k.2);
        }
        for k in theirs.difference(ours) {
            println!("only hadolint: {}:{} {}", k.0, k.1, k.2);
        }
    }
}
