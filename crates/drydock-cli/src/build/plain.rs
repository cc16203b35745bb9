//! Appended lines, for logs and pipes: each step when it starts and ends, its output
//! indented under it, then every step with the layer it added, and the summary.

use std::io::{self, Write};

use drydock_api::build::{BuildWatcher, Outcome, Progress, Step};
use drydock_engine::build::BuildEvent;
use drydock_history::LintCounts;

use super::text;
use super::view::View;
use crate::term::{self, Paint};

pub(crate) struct PlainView;

impl PlainView {
    fn head(step: &Step, total: usize) -> String {
        format!("[{}/{total}]", step.index)
    }

    /// `[3/7] RUN make (line 4)`.
    fn title(step: &Step, total: usize) -> String {
        let mut title = format!("{} {}", Self::head(step, total), step.instruction);
        if let Some(line) = step.line {
            title.push_str(&format!(" (line {line})"));
        }
        title
    }
}

fn print(lines: &[String]) {
    let mut out = io::stdout().lock();
    for line in lines {
        // A reader that has gone cannot be told.
        let _ = writeln!(out, "{line}");
    }
    let _ = out.flush();
}

impl BuildWatcher for PlainView {
    fn event(&mut self, progress: &Progress, event: &BuildEvent) {
        let step = |index: &usize| progress.steps.get(index);
        let line = match event {
            BuildEvent::StepStarted { index, .. } => {
                step(index).map(|s| Self::title(s, progress.total))
            }
            BuildEvent::StepLog { index, text } => Some(format!("  {index} | {text}")),
            BuildEvent::StepFinished {
                index,
                cached,
                duration_ms,
            } => step(index).map(|s| {
                let how = if *cached { "CACHED" } else { "done" };
                format!(
                    "{} {how} in {}",
                    Self::head(s, progress.total),
                    term::duration(*duration_ms)
                )
            }),
            BuildEvent::Log { text } => Some(text.clone()),
            BuildEvent::Started { .. }
            | BuildEvent::Finished(_)
            | BuildEvent::Failed(_)
            | BuildEvent::Cancelled => None,
        };
        if let Some(line) = line {
            print(&[line]);
        }
    }
}

impl View for PlainView {
    fn finish(&mut self, progress: &Progress, outcome: &Outcome, lint: &LintCounts) {
        let mut lines = Vec::new();
        if let Outcome::Built(_) = outcome {
            lines.push(String::new());
            for (step, finished) in progress.finished() {
                let mut line = format!(
                    "{}  {}",
                    Self::title(step, progress.total),
                    term::duration(finished.duration_ms)
                );
                let result = text::result(step);
                if !result.is_empty() {
                    line.push_str("  ");
                    line.push_str(&result);
                }
                lines.push(line);
            }
        }
        lines.extend(text::summary(outcome, lint, None, Paint(false), false));
        print(&lines);
        text::report_end(outcome, progress.total);
    }
}
