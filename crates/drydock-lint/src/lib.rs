//! Drydock's Dockerfile linter: every hadolint DL rule (same codes), BuildKit's build checks
//! (under a code, with the check's name as an alias) and Drydock's own DD rules.
//!
//! Pure: the caller reads files and passes text, config and build-context facts in.
//! A rule is one file in `src/rules/`, discovered by `build.rs`.

mod cache_cleanup;
mod config;
mod context;
mod finding;
pub mod fix;
mod labels;
mod packages;
mod rpm;
mod rule;
mod scope;
mod service;
pub mod shell_ext;
mod sources;
mod stages;
mod suppress;
#[cfg(test)]
mod test_support;

mod rules {
    include!(concat!(env!("OUT_DIR"), "/rules.rs"));
}

pub use config::{Config, ConfigError, LabelType, Threshold};
pub use context::{BuildContext, Context, Report, RunCommand};
pub use drydock_syntax as syntax;
pub use finding::{Applicability, Edit, Finding, Fix};
pub use rule::{section, FixAvailability, Rule, Severity};

use drydock_syntax::Dockerfile;

/// What to lint with.
#[derive(Default, Clone, Copy)]
pub struct LintOptions<'a> {
    pub config: Option<&'a Config>,
    pub build_context: Option<&'a BuildContext>,
}

/// Every rule, sorted by code.
pub fn rules() -> &'static [&'static Rule] {
    rules::ALL
}

/// The rule with this code, name or alias.
pub fn rule(name: &str) -> Option<&'static Rule> {
    rules().iter().copied().find(|r| r.is_named(name))
}

/// Parses and lints `source`. Findings are sorted by position, then code.
pub fn lint(source: &str, options: &LintOptions) -> Vec<Finding> {
    let dockerfile = drydock_syntax::parse(source);
    lint_parsed(source, &dockerfile, options)
}

/// Lints an already parsed file (the editor parses once for lint, outline and folding).
pub fn lint_parsed(source: &str, dockerfile: &Dockerfile, options: &LintOptions) -> Vec<Finding> {
    let default = Config::default();
    let config = options.config.unwrap_or(&default);
    let cx = Context::new(source, dockerfile, config, options.build_context);
    let suppressions = suppress::Suppressions::new(dockerfile, !config.disable_ignore_pragma);
    let mut findings = Vec::new();
    for &rule in rules() {
        let severity = effective_severity(rule, config);
        if severity == Severity::Ignore || suppressions.rule_off(rule) {
            continue;
        }
        let mut report = Report::new(rule);
        (rule.check)(&cx, &mut report);
        findings.extend(
            report
                .findings
                .into_iter()
                .filter(|f| !suppressions.hides(rule, f))
                .map(|f| Finding { severity, ..f }),
        );
    }
    findings.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    findings
}

fn effective_severity(rule: &Rule, config: &Config) -> Severity {
    if config.ignored.iter().any(|n| rule.is_named(n)) {
        return Severity::Ignore;
    }
    config
        .overrides
        .iter()
        .rev()
        .find(|(n, _)| rule.is_named(n))
        .map_or(rule.severity, |&(_, s)| s)
}

#[cfg(test)]
mod registry_tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for r in rules() {
            assert!(seen.insert(r.code), "duplicate code {}", r.code);
            assert!(seen.insert(r.name), "duplicate name {}", r.name);
            let (prefix, digits) = r.code.split_at(2);
            assert!(prefix == "DL" || prefix == "DD", "{}: bad prefix", r.code);
            assert!(digits.chars().all(|c| c.is_ascii_digit()), "{}", r.code);
            assert!(
                r.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}: name `{}` is not kebab-case",
                r.code,
                r.name
            );
        }
    }

    #[test]
    fn every_rule_has_docs_with_examples_that_behave() {
        for r in rules() {
            for heading in ["What it does", "Why is this bad?", "Example", "Use instead"] {
                assert!(
                    !section(r.docs, heading).is_empty(),
                    "{}: docs lack `## {heading}`",
                    r.code
                );
            }
            let config = test_support::docs_config(r.docs);
            let only = |src: &str| test_support::findings_with(r.code, src, &config);
            let bad = test_support::dockerfile_block(section(r.docs, "Example"));
            let good = test_support::dockerfile_block(section(r.docs, "Use instead"));
            if r.code != "DD011" && r.code != "DD028" {
                assert!(
                    !only(&bad).is_empty(),
                    "{}: its Example is not flagged",
                    r.code
                );
            }
            assert!(
                only(&good).is_empty(),
                "{}: its `Use instead` is flagged",
                r.code
            );
        }
    }

    #[test]
    fn declared_fix_availability_matches_the_example() {
        for r in rules() {
            let bad = test_support::dockerfile_block(section(r.docs, "Example"));
            let config = test_support::docs_config(r.docs);
            let found = test_support::findings_with(r.code, &bad, &config);
            match r.fix {
                FixAvailability::Always => assert!(
                    found.iter().all(|f| f.fix.is_some()),
                    "{} declares Always but its Example finding has no fix",
                    r.code
                ),
                FixAvailability::None => assert!(
                    found.iter().all(|f| f.fix.is_none()),
                    "{} declares no fix but offers one",
                    r.code
                ),
                FixAvailability::Sometimes => {}
            }
        }
    }
}
