//! Suppression: `# hadolint ignore=`, `# hadolint global ignore=` (and the same with
//! `drydock`), and BuildKit's `# check=skip=` directive.

use drydock_syntax::{Dockerfile, Span};

use crate::finding::Finding;
use crate::rule::Rule;

/// Names turned off for one instruction's span, or for the whole file.
pub(crate) struct Suppressions {
    global: Vec<String>,
    /// `(instruction span, names)` for each `ignore=` pragma.
    local: Vec<(Span, Vec<String>)>,
    /// `# check=skip=all`.
    skip_all_checks: bool,
}

impl Suppressions {
    pub(crate) fn new(df: &Dockerfile, pragmas: bool) -> Suppressions {
        let mut s = Suppressions {
            global: Vec::new(),
            local: Vec::new(),
            skip_all_checks: false,
        };
        if let Some(check) = df.directive("check") {
            for part in check.value.split(';') {
                if let Some(list) = part.trim().strip_prefix("skip=") {
                    for name in names(list) {
                        if name.eq_ignore_ascii_case("all") {
                            s.skip_all_checks = true;
                        } else {
                            s.global.push(name);
                        }
                    }
                }
            }
        }
        if !pragmas {
            return s;
        }
        for comment in &df.comments {
            let Some(pragma) = Pragma::parse(&comment.text) else {
                continue;
            };
            match pragma {
                Pragma::Global(list) => s.global.extend(list),
                Pragma::Next(list) => {
                    let next = df
                        .instructions
                        .iter()
                        .find(|i| i.span.start >= comment.span.end);
                    if let Some(next) = next {
                        s.local.push((next.span, list));
                    }
                }
            }
        }
        s
    }

    /// Whether the rule is off for the whole file.
    pub(crate) fn rule_off(&self, rule: &Rule) -> bool {
        (self.skip_all_checks && is_buildkit_check(rule))
            || self.global.iter().any(|n| rule.is_named(n))
    }

    pub(crate) fn hides(&self, rule: &Rule, finding: &Finding) -> bool {
        self.local.iter().any(|(span, list)| {
            span.contains(finding.span.start) && list.iter().any(|n| rule.is_named(n))
        })
    }
}

/// BuildKit's checks are the rules that carry a BuildKit check name as an alias.
fn is_buildkit_check(rule: &Rule) -> bool {
    rule.aliases
        .iter()
        .any(|a| a.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
}

/// Whether a comment is an inline `ignore=` pragma (not a `global ignore=` one).
pub(crate) fn is_inline_ignore(comment: &str) -> bool {
    matches!(Pragma::parse(comment), Some(Pragma::Next(_)))
}

enum Pragma {
    Next(Vec<String>),
    Global(Vec<String>),
}

impl Pragma {
    /// `hadolint ignore=DL3006,DL3008`, `drydock global ignore=DD002`.
    fn parse(text: &str) -> Option<Pragma> {
        let mut words = text.split_whitespace();
        let tool = words.next()?;
        if !tool.eq_ignore_ascii_case("hadolint") && !tool.eq_ignore_ascii_case("drydock") {
            return None;
        }
        let rest: Vec<&str> = words.collect();
        // hadolint also reads `ignore = DL3003`.
        let rest = rest
            .join(" ")
            .replacen(" = ", "=", 1)
            .replacen(" =", "=", 1);
        if let Some(list) = rest.strip_prefix("global ignore=") {
            Some(Pragma::Global(names(list)))
        } else {
            rest.strip_prefix("ignore=")
                .map(|list| Pragma::Next(names(list)))
        }
    }
}

fn names(list: &str) -> Vec<String> {
    list.split([',', ' '])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect()
}
