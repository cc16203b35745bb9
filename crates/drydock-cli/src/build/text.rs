//! The words the live and plain views share: a step's result, the failure, the summary.

use drydock_api::build::{Outcome, Progress, Step};
use drydock_engine::build::BuildFailure;
use drydock_history::LintCounts;

use crate::term::{self, Paint, BOLD, CACHED, PASS};

/// What a finished step's line ends with: `CACHED`, the layer it added, or nothing when its
/// result is not in the final image (or the size is not known yet).
pub(super) fn result(step: &Step) -> String {
    match step.finished {
        Some(finished) if finished.cached => "CACHED".to_owned(),
        Some(_) => step.size_bytes.map(term::size).unwrap_or_default(),
        None => String::new(),
    }
}

/// [`result`] in its colour.
pub(super) fn paint_result(step: &Step, result: &str, paint: Paint) -> String {
    if step.finished.is_some_and(|f| f.cached) {
        paint.apply(CACHED, result)
    } else {
        result.to_owned()
    }
}

/// `line 12`, or nothing when the step was not tied to a line.
pub(super) fn line(step: &Step) -> String {
    step.line.map(|l| format!("line {l}")).unwrap_or_default()
}

/// `step 3/7 (line 4): <message>`.
pub(super) fn failure(failure: &BuildFailure, total: usize) -> String {
    let mut text = String::new();
    if let Some(step) = failure.step {
        text.push_str(&format!("step {step}/{total} "));
    }
    if let Some(line) = failure.line {
        text.push_str(&format!("(line {line}) "));
    }
    if !text.is_empty() {
        text.pop();
        text.push_str(": ");
    }
    text + &failure.message
}

/// The lines after a successful build: image, size, layers, cache hits and time, and on a
/// terminal (`lint_hint`) what the linter found.
pub(super) fn summary(
    outcome: &Outcome,
    lint: &LintCounts,
    lint_hint: Option<&str>,
    paint: Paint,
    short_id: bool,
) -> Vec<String> {
    let Outcome::Built(summary) = outcome else {
        return Vec::new();
    };
    let id = if short_id {
        short(&summary.image_id)
    } else {
        &summary.image_id
    };
    let image = match &summary.tag {
        Some(tag) => format!("{tag} ({id})"),
        None => id.to_owned(),
    };
    let mut lines = vec![
        format!(
            "{} {}",
            paint.apply(PASS, "built"),
            paint.apply(BOLD, &image)
        ),
        format!(
            "  {} · {} · cache hits {}/{} · {}",
            term::size(summary.size_bytes),
            term::count(summary.layers.len(), "layer"),
            summary.cache_hits,
            summary.steps.len(),
            term::duration(summary.duration_ms)
        ),
    ];
    if let Some(dockerfile) = lint_hint {
        if let Some(found) = lint_found(lint) {
            lines.push(format!("  lint: {found} (drydock lint {dockerfile})"));
        }
    }
    lines
}

/// `sha256:` and the first 12 hex digits, as `docker images` shows an id.
fn short(id: &str) -> &str {
    let end = id.find(':').map_or(0, |colon| colon + 1) + 12;
    id.get(..end).unwrap_or(id)
}

/// `2 warnings, 1 info`, or `None` when the linter found nothing.
fn lint_found(lint: &LintCounts) -> Option<String> {
    let parts: Vec<String> = [
        (lint.error, "error"),
        (lint.warning, "warning"),
        (lint.info, "info"),
        (lint.style, "style"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, noun)| match noun {
        "error" | "warning" => term::count(n as usize, noun),
        _ => format!("{n} {noun}"),
    })
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Says on stderr why a build that did not produce an image ended.
pub(super) fn report_end(outcome: &Outcome, total: usize) {
    match outcome {
        Outcome::Built(_) => {}
        Outcome::Failed(f) => eprintln!("error: {}", failure(f, total)),
        Outcome::Cancelled => eprintln!("cancelled: the build was stopped on the daemon"),
    }
}

/// The step a failure names, when the progress has it.
pub(super) fn failed_step<'p>(progress: &'p Progress, outcome: &Outcome) -> Option<&'p Step> {
    match outcome {
        Outcome::Failed(failure) => progress.steps.get(&failure.step?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_name_step_and_line_when_known() {
        let failure = |step, line| BuildFailure {
            step,
            line,
            instruction: None,
            message: "exit code: 3".into(),
        };
        assert_eq!(
            super::failure(&failure(Some(3), Some(4)), 7),
            "step 3/7 (line 4): exit code: 3"
        );
        assert_eq!(super::failure(&failure(None, None), 7), "exit code: 3");
    }

    #[test]
    fn ids_are_shortened_like_docker_images() {
        assert_eq!(short("sha256:0123456789abcdef0123"), "sha256:0123456789ab");
        assert_eq!(short("0123456789abcdef"), "0123456789ab");
        assert_eq!(short("abc"), "abc");
    }

    #[test]
    fn lint_counts_read_as_words() {
        let lint = LintCounts {
            error: 0,
            warning: 2,
            info: 1,
            style: 0,
        };
        assert_eq!(lint_found(&lint).as_deref(), Some("2 warnings, 1 info"));
        assert_eq!(lint_found(&LintCounts::default()), None);
    }
}
