//! A check's outcome with its detail, and the small formatting the details share.

use std::time::Duration;

use super::report::Outcome;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub outcome: Outcome,
    pub detail: String,
}

impl Verdict {
    pub fn passed(detail: impl Into<String>) -> Self {
        Verdict {
            outcome: Outcome::Passed,
            detail: detail.into(),
        }
    }

    pub fn failed(detail: impl Into<String>) -> Self {
        Verdict {
            outcome: Outcome::Failed,
            detail: detail.into(),
        }
    }

    pub fn skipped(detail: impl Into<String>) -> Self {
        Verdict {
            outcome: Outcome::Skipped,
            detail: detail.into(),
        }
    }
}

/// Longest excerpt of a body or an output quoted in a detail.
const EXCERPT_CHARS: usize = 200;

/// Text quoted on one line, cut to a readable length.
pub(crate) fn excerpt(text: &str) -> String {
    let text = text.trim();
    let mut cut: String = text.chars().take(EXCERPT_CHARS).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    format!("{cut:?}")
}

/// `0.4 s`, `12.0 s`.
pub(crate) fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_quoted_single_lines() {
        assert_eq!(excerpt("  ok\n"), "\"ok\"");
        assert_eq!(excerpt("a\nb"), "\"a\\nb\"");
        let long = "x".repeat(300);
        assert_eq!(excerpt(&long), format!("\"{}…\"", "x".repeat(200)));
    }

    #[test]
    fn seconds_have_one_decimal() {
        assert_eq!(seconds(Duration::from_millis(420)), "0.4 s");
        assert_eq!(seconds(Duration::from_secs(12)), "12.0 s");
    }
}
