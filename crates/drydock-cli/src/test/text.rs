//! The words the live and plain views share: a check's line, the health, the verdict.

use drydock_engine::run::{CheckResult, Outcome, TestReport};

use crate::term::{self, fit, Paint, DIM, FAIL, PASS};

/// Columns of a check's kind (`user_not_root` is the longest) and of its name.
const KIND_COLUMNS: usize = 13;
const NAME_COLUMNS: usize = 34;

/// Columns before a check's detail.
const DETAIL_AT: usize = 2 + KIND_COLUMNS + 1 + NAME_COLUMNS + 1 + 6 + 2;

/// `✓ http           GET / on port 8080               12ms  200, 6 bytes`, the detail cut to
/// fit a terminal's `width` when there is one.
pub(super) fn check(check: &CheckResult, paint: Paint, width: Option<usize>) -> String {
    let mark = match check.outcome {
        Outcome::Passed => paint.apply(PASS, "✓"),
        Outcome::Failed => paint.apply(FAIL, "✗"),
        Outcome::Skipped => paint.apply(DIM, "-"),
    };
    let name = fit(&check.name, NAME_COLUMNS);
    let detail = match check.outcome {
        Outcome::Skipped => format!("skipped: {}", check.detail),
        _ => check.detail.clone(),
    };
    let detail = match width {
        Some(width) => fit(&detail, width.saturating_sub(DETAIL_AT + 1).max(20)),
        None => detail,
    };
    format!(
        "{mark} {:<KIND_COLUMNS$} {name:<NAME_COLUMNS$} {:>6}  {detail}",
        check.kind.as_str(),
        term::duration(check.duration_ms),
    )
}

/// `exit 1: wget: can't connect to remote host`.
pub(super) fn probe(exit_code: i64, output: &str) -> String {
    let output = output.trim();
    if output.is_empty() {
        format!("exit {exit_code}")
    } else {
        format!(
            "exit {exit_code}: {}",
            output.lines().last().unwrap_or_default()
        )
    }
}

/// `container exited with code 137 (out of memory)`.
pub(super) fn exited(code: i64, oom: bool) -> String {
    let oom = if oom { " (out of memory)" } else { "" };
    format!("container exited with code {code}{oom}")
}

/// `test passed: 7 checks in 3.1s` or `test failed: 2 of 7 checks failed`.
pub(super) fn verdict(report: &TestReport, paint: Paint) -> String {
    let total = report.checks.len();
    let failed = report.failed_checks().count();
    let skipped = report
        .checks
        .iter()
        .filter(|c| c.outcome == Outcome::Skipped)
        .count();
    let mut text = if failed == 0 {
        format!(
            "{} {} in {}",
            paint.apply(PASS, "test passed:"),
            term::count(total, "check"),
            term::duration(report.duration_ms)
        )
    } else {
        format!(
            "{} {failed} of {} failed",
            paint.apply(FAIL, "test failed:"),
            term::count(total, "check")
        )
    };
    if skipped > 0 {
        text.push_str(&format!(", {skipped} skipped"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use drydock_engine::run::CheckKind;

    #[test]
    fn a_check_line_has_mark_kind_name_time_and_detail() {
        let result = CheckResult {
            kind: CheckKind::Http,
            name: "GET / on port 8080".into(),
            outcome: Outcome::Passed,
            detail: "200, 6 bytes".into(),
            started_ms: 10,
            duration_ms: 12,
        };
        let line = check(&result, Paint(false), None);
        assert!(
            line.starts_with("✓ http          GET / on port 8080"),
            "{line}"
        );
        assert!(line.ends_with("12ms  200, 6 bytes"), "{line}");
    }

    #[test]
    fn on_a_terminal_the_detail_is_cut_to_the_width() {
        let result = CheckResult {
            kind: CheckKind::Exec,
            name: "exec cat /srv/index.html".into(),
            outcome: Outcome::Failed,
            detail: "stdout lacks \"fixture\": \"<h1>drydock web</h1>\"".into(),
            started_ms: 0,
            duration_ms: 40,
        };
        let width = DETAIL_AT + 1 + 24;
        let line = check(&result, Paint(false), Some(width));
        assert_eq!(line.chars().count(), width - 1, "{line}");
        assert!(line.ends_with("stdout lacks \"fixture\":…"), "{line}");
        let full = check(&result, Paint(false), None);
        assert!(full.ends_with("</h1>\""), "{full}");
    }

    #[test]
    fn a_probe_shows_its_exit_and_last_output_line() {
        assert_eq!(probe(0, ""), "exit 0");
        assert_eq!(
            probe(1, "Connecting\nwget: refused\n"),
            "exit 1: wget: refused"
        );
    }
}
