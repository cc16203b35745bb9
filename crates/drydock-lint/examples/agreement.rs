//! Compares Drydock's DL findings with hadolint 2.15.1's recorded ones on the shared corpus.
//!
//! `cargo run --release -p drydock-lint --example agreement [-- [-v] [CODE...]]`
//!
//! Findings are compared as (file, line of the instruction's first line, code): hadolint reports
//! the instruction's line, Drydock the exact span, which may sit on a continuation line.
//! Files hadolint could not parse (DL1000) are left out. `-v` lists each disagreement.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use drydock_lint::{lint_parsed, LintOptions};
use drydock_syntax::LineIndex;

type Key = (String, u32, String);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let only: BTreeSet<&str> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .map(|s| s.as_str())
        .collect();
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let recorded: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(corpus.join("hadolint-2.15.1-findings.json"))
            .expect("the shared corpus is next to the repository"),
    )
    .expect("valid findings json");
    let ours_codes: BTreeSet<&str> = drydock_lint::rules().iter().map(|r| r.code).collect();
    let mut theirs = BTreeSet::new();
    let mut ours = BTreeSet::new();
    for (file, findings) in recorded.as_object().expect("an object") {
        let findings = findings.as_array().expect("an array");
        if findings.iter().any(|f| f["code"] == "DL1000") {
            continue;
        }
        let wanted = |code: &str| {
            code.starts_with("DL")
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
