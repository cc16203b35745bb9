//! What a rule reports, and the fixes it may carry.

use crate::rule::Severity;
use drydock_syntax::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    /// Lower-case, no trailing period (hadolint's wording where the rule is hadolint's).
    pub message: String,
    pub span: Span,
    pub fix: Option<Fix>,
}

/// How safe it is to apply a fix without looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// Keeps the build's meaning; `drydock lint --fix` applies it.
    Safe,
    /// Changes behaviour in a way the user should review; offered in the editor only.
    Unsafe,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Imperative, e.g. "add `-y`".
    pub title: String,
    pub applicability: Applicability,
    /// Non-overlapping edits, applied together.
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            applicability: Applicability::Safe,
            edits,
        }
    }

    pub fn is_safe(&self) -> bool {
        self.applicability == Applicability::Safe
    }
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<String>) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    pub fn insert(offset: usize, text: impl Into<String>) -> Edit {
        Edit::replace(Span::new(offset, offset), text)
    }

    pub fn delete(span: Span) -> Edit {
        Edit::replace(span, "")
    }
}
