//! What a rule is: metadata, docs and a check function. One file per rule under `src/rules/`.

use crate::context::{Context, Report};

/// How bad a finding is. Ordered from most to least severe; `Ignore` turns a rule off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Style,
    Ignore,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Style => "style",
            Severity::Ignore => "ignore",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        [
            Severity::Error,
            Severity::Warning,
            Severity::Info,
            Severity::Style,
            Severity::Ignore,
        ]
        .into_iter()
        .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Whether a finding of this severity reaches `threshold` (e.g. warning reaches info).
    pub fn reaches(self, threshold: Severity) -> bool {
        self != Severity::Ignore && self <= threshold
    }
}

/// Whether a rule can offer a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

/// A rule. Each lives in `src/rules/<code>.rs` as `pub(crate) static RULE: Rule`.
pub struct Rule {
    /// Stable, never reused: `DL3007`, `DD001`.
    pub code: &'static str,
    /// Kebab-case name of the pattern it flags, usable wherever a code is.
    pub name: &'static str,
    /// Other names accepted wherever a code is, e.g. BuildKit's check name
    /// (`JSONArgsRecommended`).
    pub aliases: &'static [&'static str],
    pub severity: Severity,
    pub fix: FixAvailability,
    /// Markdown with the headings `## What it does`, `## Why is this bad?`, `## Example`
    /// (a `dockerfile` block the rule flags) and `## Use instead` (one it does not flag).
    pub docs: &'static str,
    pub check: fn(&Context, &mut Report),
}

impl Rule {
    /// Whether `name` (a code, a rule name or an alias, any case) names this rule.
    pub fn is_named(&self, name: &str) -> bool {
        let name = name.trim();
        self.code.eq_ignore_ascii_case(name)
            || self.name.eq_ignore_ascii_case(name)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    }

    /// The one-paragraph summary under `## What it does`.
    pub fn summary(&self) -> &'static str {
        section(self.docs, "What it does")
            .split("\n\n")
            .next()
            .unwrap_or("")
            .trim()
    }
}

/// The text of a `## heading` section of a rule's docs.
pub fn section<'a>(docs: &'a str, heading: &str) -> &'a str {
    let marker = format!("## {heading}");
    let Some(start) = docs.find(&marker) else {
        return "";
    };
    let rest = &docs[start + marker.len()..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    rest[..end].trim()
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("code", &self.code).finish()
    }
}
