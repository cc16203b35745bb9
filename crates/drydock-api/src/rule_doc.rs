//! A rule's documentation as the editor's hover shows it, from the rule's own docs.

use drydock_lint::{section, Rule};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{code, ApiError};

/// The project's home, where `docs/rules/<CODE>.md` documents every rule.
pub const HOMEPAGE: &str = "https://github.com/drydock-dev/drydock";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RuleDoc {
    pub code: String,
    /// Kebab-case name of the pattern it flags.
    pub name: String,
    /// What it does, one paragraph of Markdown.
    pub summary: String,
    /// Why it matters, Markdown.
    pub why: String,
    /// Text the rule flags.
    pub example: Option<String>,
    /// The same, fixed.
    pub fixed: Option<String>,
    /// hadolint's wiki page for its rules, else the rule's page in Drydock's docs.
    pub url: String,
}

/// The docs of the rule with this code, name or alias.
pub fn rule_doc(name: &str) -> Result<RuleDoc, ApiError> {
    let rule = drydock_lint::rule(name)
        .ok_or_else(|| ApiError::new(code::NOT_FOUND, format!("no rule named {name}")))?;
    Ok(RuleDoc {
        code: rule.code.to_owned(),
        name: rule.name.to_owned(),
        summary: rule.summary().to_owned(),
        why: section(rule.docs, "Why is this bad?").to_owned(),
        example: first_code_block(section(rule.docs, "Example")),
        fixed: first_code_block(section(rule.docs, "Use instead")),
        url: url(rule),
    })
}

/// Where a rule's documentation page lives in Drydock's repository.
pub fn docs_page(code: &str) -> String {
    format!("{HOMEPAGE}/blob/main/docs/rules/{code}.md")
}

/// hadolint's wiki documents the rules Drydock took from it (their docs cite it under
/// `## References`), with the history behind each.
fn url(rule: &Rule) -> String {
    let from_hadolint =
        section(rule.docs, "References").starts_with(&format!("hadolint {}", rule.code));
    if from_hadolint {
        format!("https://github.com/hadolint/hadolint/wiki/{}", rule.code)
    } else {
        docs_page(rule.code)
    }
}

/// The contents of the first fenced code block in Markdown text.
fn first_code_block(markdown: &str) -> Option<String> {
    let (_, after_fence) = markdown.split_once("```")?;
    let (_, body) = after_fence.split_once('\n')?;
    let (code, _) = body.split_once("```")?;
    Some(code.trim_end_matches('\n').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hadolint_rule_links_to_its_wiki_page() {
        let doc = rule_doc("DL3007").unwrap();
        assert_eq!(doc.code, "DL3007");
        assert_eq!(doc.name, "latest-tag");
        assert_eq!(
            doc.summary,
            "Flags a `FROM` image pinned to the `latest` tag."
        );
        assert!(
            doc.why.starts_with("`latest` moves with every release"),
            "{}",
            doc.why
        );
        assert_eq!(doc.example.as_deref(), Some("FROM debian:latest"));
        assert_eq!(doc.fixed.as_deref(), Some("FROM debian:12.5-slim"));
        assert_eq!(doc.url, "https://github.com/hadolint/hadolint/wiki/DL3007");
    }

    #[test]
    fn a_drydock_rule_links_to_its_docs_page() {
        let doc = rule_doc("unfiltered-context-copy").unwrap();
        assert_eq!(doc.code, "DD011");
        assert!(doc.example.unwrap().contains("COPY . ."));
        assert_eq!(doc.fixed.as_deref(), Some(".git\n.env\nnode_modules"));
        assert_eq!(
            doc.url,
            "https://github.com/drydock-dev/drydock/blob/main/docs/rules/DD011.md"
        );
    }

    #[test]
    fn every_rule_has_a_summary_and_examples() {
        for rule in drydock_lint::rules() {
            let doc = rule_doc(rule.code).unwrap();
            assert!(
                !doc.summary.is_empty() && !doc.why.is_empty(),
                "{}",
                rule.code
            );
            assert!(
                doc.example.is_some() && doc.fixed.is_some(),
                "{}",
                rule.code
            );
        }
    }

    #[test]
    fn an_unknown_code_is_not_found() {
        assert_eq!(rule_doc("DL9999").unwrap_err().code, "not_found");
    }
}
