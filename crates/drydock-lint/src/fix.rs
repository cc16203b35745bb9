//! Applying fixes: edits are applied back to front, overlapping ones are left for the next
//! round, and rounds repeat until the file stops changing.

use crate::finding::{Edit, Finding};
use crate::{lint, LintOptions};

/// The result of [`fix_all`].
pub struct Fixed {
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// What is still reported after fixing.
    pub remaining: Vec<Finding>,
}

/// Applies every safe fix until none is left (at most 10 rounds).
pub fn fix_all(source: &str, options: &LintOptions) -> Fixed {
    let mut text = source.to_owned();
    let mut applied = 0;
    for _ in 0..10 {
        let findings = lint(&text, options);
        let fixes = findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .filter(|f| f.is_safe());
        let (next, n) = apply(&text, fixes.map(|f| f.edits.as_slice()));
        if n == 0 {
            return Fixed {
                text,
                applied,
                remaining: findings,
            };
        }
        text = next;
        applied += n;
    }
    let remaining = lint(&text, options);
    Fixed {
        text,
        applied,
        remaining,
    }
}

/// Applies groups of edits (one group per fix, all or nothing) that do not overlap an
/// earlier-accepted group. Returns the new text and the number of groups applied.
pub fn apply<'a>(text: &str, groups: impl IntoIterator<Item = &'a [Edit]>) -> (String, usize) {
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for group in groups {
        let clashes = group.iter().any(|e| {
            e.span.end > text.len()
                || !text.is_char_boundary(e.span.start)
                || !text.is_char_boundary(e.span.end)
                || accepted.iter().any(|a| overlaps(a, e))
        });
        if !clashes && !group.is_empty() {
            accepted.extend(group);
            count += 1;
        }
    }
    accepted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = text.to_owned();
    for e in accepted.iter().rev() {
        out.replace_range(e.span.start..e.span.end, &e.replacement);
    }
    (out, count)
}

fn overlaps(a: &Edit, b: &Edit) -> bool {
    // Two insertions at the same point would be ordered arbitrarily: treat as a clash.
    a.span.start < b.span.end && b.span.start < a.span.end
        || (a.span.start == b.span.start && (a.span.is_empty() || b.span.is_empty()))
}
