//! Helpers for rule tests: run one rule on a snippet, check lines, check fixes.

use crate::finding::Finding;
use crate::{fix, lint, rule, Config, LintOptions, Severity};

/// The findings of the rule `code` alone on `src`, with the default config (plus the rule
/// turned on if it is off by default).
pub(crate) fn findings(code: &str, src: &str) -> Vec<Finding> {
    findings_with(code, src, &Config::default())
}

/// Like [`findings`] with a config.
pub(crate) fn findings_with(code: &str, src: &str, config: &Config) -> Vec<Finding> {
    let r = rule(code).unwrap_or_else(|| panic!("no rule {code}"));
    let mut config = config.clone();
    if r.severity == Severity::Ignore {
        config.overrides.push((code.to_owned(), Severity::Info));
    }
    let options = LintOptions {
        config: Some(&config),
        build_context: None,
    };
    lint(src, &options)
        .into_iter()
        .filter(|f| f.code == r.code)
        .collect()
}

/// 1-based lines of the findings of rule `code` on `src`.
pub(crate) fn lines(code: &str, src: &str) -> Vec<u32> {
    let index = drydock_syntax::LineIndex::new(src);
    findings(code, src)
        .iter()
        .map(|f| index.line(f.span.start))
        .collect()
}

/// Asserts that rule `code` flags exactly `expected` lines of `src`.
#[track_caller]
pub(crate) fn assert_lines(code: &str, src: &str, expected: &[u32]) {
    assert_eq!(lines(code, src), expected, "{code} on:\n{src}");
}

/// Asserts that rule `code` flags nothing in `src`.
#[track_caller]
pub(crate) fn assert_clean(code: &str, src: &str) {
    assert_lines(code, src, &[]);
}

/// Applies the safe fixes of rule `code` until none is left, asserts the result is `expected`,
/// and that the fix introduced no finding (of any rule) that was not there before.
#[track_caller]
pub(crate) fn assert_fix(code: &str, src: &str, expected: &str) {
    let before = findings(code, src);
    assert!(
        before.iter().any(|f| f.fix.is_some()),
        "{code} offers no fix on:\n{src}"
    );
    let mut text = src.to_owned();
    for _ in 0..10 {
        let groups: Vec<_> = findings(code, &text)
            .into_iter()
            .filter_map(|f| f.fix)
            .filter(|f| f.is_safe())
            .collect();
        let (next, n) = fix::apply(&text, groups.iter().map(|f| f.edits.as_slice()));
        text = next;
        if n == 0 {
            break;
        }
    }
    assert_eq!(text, expected, "{code} fix of:\n{src}");
    assert!(
        findings(code, &text).is_empty(),
        "{code} still fires after its fix"
    );
    let count = |s: &str| {
        let mut codes: Vec<&str> = lint(s, &LintOptions::default())
            .iter()
            .map(|f| f.code)
            .collect();
        codes.sort();
        codes.dedup();
        codes
    };
    let (old, new) = (count(src), count(&text));
    let added: Vec<_> = new.iter().filter(|c| !old.contains(c)).collect();
    assert!(
        added.is_empty(),
        "{code} fix introduced {added:?} in:\n{text}"
    );
}

/// The first ```dockerfile block of a docs section.
pub(crate) fn dockerfile_block(section: &str) -> String {
    fenced_block(section, "dockerfile").unwrap_or_else(|| section.to_owned())
}

/// The configuration a rule's doc examples run with: the ```yaml block (a `.hadolint.yaml`)
/// under `## Options`, if any, for rules that only act on a configured setting.
pub(crate) fn docs_config(docs: &str) -> Config {
    fenced_block(crate::section(docs, "Options"), "yaml")
        .map(|yaml| Config::from_yaml(&yaml).expect("the Options yaml block is a valid config"))
        .unwrap_or_default()
}

/// The body of the first ```lang block of a docs section.
fn fenced_block(section: &str, lang: &str) -> Option<String> {
    let fence = format!("```{lang}");
    let start = section.find(&fence)? + fence.len();
    let body = &section[start..];
    let body = body.strip_prefix('\n').unwrap_or(body);
    let end = body.find("```").unwrap_or(body.len());
    Some(body[..end].to_owned())
}
