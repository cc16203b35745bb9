//! `--json`: one JSON object per line. Output lines stream as they come; each step's line
//! comes once the build has ended, when its layer size is known; the last line is `done` or
//! `error`. The fields are documented in the README.

use std::io::{self, Write};

use drydock_api::build::{BuildWatcher, Outcome, Progress, CANCELLED};
use drydock_engine::build::BuildEvent;
use drydock_history::LintCounts;
use serde::Serialize;

use super::view::View;

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Line<'a> {
    Step {
        index: usize,
        total: usize,
        instruction: &'a str,
        line: Option<u32>,
        cached: bool,
        duration_ms: u64,
        size_bytes: Option<u64>,
    },
    Log {
        text: &'a str,
    },
    Done {
        image_id: &'a str,
        size_bytes: u64,
        duration_ms: u64,
        steps: usize,
        cache_hits: usize,
    },
    Error {
        step: Option<usize>,
        line: Option<u32>,
        message: &'a str,
    },
}

/// Writes one JSON line to stdout and flushes it, so a reader sees it at once.
pub(crate) fn emit(line: &impl Serialize) {
    let mut out = io::stdout().lock();
    let mut text = serde_json::to_string(line).expect("a JSON line serialises");
    text.push('\n');
    // A reader that has gone cannot be told.
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// The final line of a run that could not build (a usage or connection error).
pub(crate) fn emit_error(message: &str) {
    emit(&Line::Error {
        step: None,
        line: None,
        message,
    });
}

pub(crate) struct JsonView;

impl BuildWatcher for JsonView {
    fn event(&mut self, _progress: &Progress, event: &BuildEvent) {
        if let BuildEvent::StepLog { text, .. } | BuildEvent::Log { text } = event {
            emit(&Line::Log { text });
        }
    }
}

impl View for JsonView {
    fn finish(&mut self, progress: &Progress, outcome: &Outcome, _lint: &LintCounts) {
        for (step, finished) in progress.finished() {
            emit(&Line::Step {
                index: step.index,
                total: progress.total,
                instruction: &step.instruction,
                line: step.line,
                cached: finished.cached,
                duration_ms: finished.duration_ms,
                size_bytes: step.size_bytes,
            });
        }
        let last = match outcome {
            Outcome::Built(summary) => Line::Done {
                image_id: &summary.image_id,
                size_bytes: summary.size_bytes,
                duration_ms: summary.duration_ms,
                steps: summary.steps.len(),
                cache_hits: summary.cache_hits,
            },
            Outcome::Failed(failure) => Line::Error {
                step: failure.step,
                line: failure.line,
                message: &failure.message,
            },
            Outcome::Cancelled => {
                let running = progress.first_unfinished();
                Line::Error {
                    step: running.map(|s| s.index),
                    line: running.and_then(|s| s.line),
                    message: CANCELLED,
                }
            }
        };
        emit(&last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_carry_their_type_first() {
        let step = serde_json::to_string(&Line::Step {
            index: 2,
            total: 3,
            instruction: "RUN make",
            line: Some(4),
            cached: false,
            duration_ms: 1200,
            size_bytes: Some(512),
        })
        .unwrap();
        assert_eq!(
            step,
            r#"{"type":"step","index":2,"total":3,"instruction":"RUN make","line":4,"cached":false,"duration_ms":1200,"size_bytes":512}"#
        );
        let error = serde_json::to_string(&Line::Error {
            step: None,
            line: None,
            message: "no daemon",
        })
        .unwrap();
        assert_eq!(
            error,
            r#"{"type":"error","step":null,"line":null,"message":"no daemon"}"#
        );
    }
}
