//! `docs/rules/` is generated from the rules' own docs (one page per rule plus an index), so
//! the pages SARIF links to never drift from the code. A stale page fails this test;
//! `DRYDOCK_BLESS=1 cargo test -p drydock-tests --test rule_docs` rewrites them.

use std::collections::BTreeMap;
use std::path::Path;

use drydock_lint::{rules, FixAvailability, Rule};

fn fix_label(rule: &Rule) -> &'static str {
    match rule.fix {
        FixAvailability::None => "none",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Always => "always",
    }
}

fn page(rule: &Rule) -> String {
    let aliases = if rule.aliases.is_empty() {
        "none".to_owned()
    } else {
        rule.aliases
            .iter()
            .map(|a| format!("`{a}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "<!-- Generated from crates/drydock-lint/src/rules/{file}.rs; do not edit. -->\n\
         # {code}: {name}\n\n\
         | default severity | fix | also known as |\n|---|---|---|\n| {severity} | {fix} | {aliases} |\n\n\
         {docs}\n",
        file = rule.code.to_ascii_lowercase(),
        code = rule.code,
        name = rule.name,
        severity = rule.severity.as_str(),
        fix = fix_label(rule),
        docs = rule.docs.trim(),
    )
}

fn index() -> String {
    let mut out = String::from(
        "<!-- Generated from the rules in crates/drydock-lint/src/rules; do not edit. -->\n\
         # Rules\n\n\
         Suppress a rule for one instruction with `# hadolint ignore=CODE` (or `# drydock \
         ignore=CODE`) on the line above, for the whole file with `# hadolint global \
         ignore=CODE`; BuildKit's `# check=skip=Name` works with the aliases.\n\n\
         | code | name | severity | fix | what it flags |\n|---|---|---|---|---|\n",
    );
    for r in rules() {
        out += &format!(
            "| [{code}]({code}.md) | {name} | {sev} | {fix} | {summary} |\n",
            code = r.code,
            name = r.name,
            sev = r.severity.as_str(),
            fix = fix_label(r),
            summary = r.summary().replace('\n', " ").replace('|', "\\|"),
        );
    }
    out
}

#[test]
fn rule_pages_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules");
    let mut want: BTreeMap<String, String> = rules()
        .iter()
        .map(|r| (format!("{}.md", r.code), page(r)))
        .collect();
    want.insert("README.md".into(), index());
    let bless = std::env::var_os("DRYDOCK_BLESS").is_some();
    if bless {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let existing: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    let mut stale = Vec::new();
    for name in existing.iter().filter(|n| !want.contains_key(*n)) {
        if bless {
            std::fs::remove_file(dir.join(name)).unwrap();
        } else {
            stale.push(format!("{name} (no such rule)"));
        }
    }
    for (name, text) in &want {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            if bless {
                std::fs::write(&path, text).unwrap();
            } else {
                stale.push(name.clone());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "docs/rules is stale ({}); run `DRYDOCK_BLESS=1 cargo test -p drydock-tests --test rule_docs`",
        stale.join(", ")
    );
}
