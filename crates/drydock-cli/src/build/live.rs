//! The live view on a terminal: one line per step (index/total, instruction, line, a spinner
//! while it runs, then its time and `CACHED` or the layer it added), the latest output of
//! the running steps dimmed below each, and a status line with the build's clock. Finished
//! steps that no longer fit the window scroll up for good; at the end the remaining lines
//! are drawn once more with the layer sizes, then the summary.

use std::time::Instant;

use drydock_api::build::{BuildWatcher, Outcome, Progress, Step};
use drydock_engine::build::BuildEvent;
use drydock_history::LintCounts;
use unicode_width::UnicodeWidthStr;

use super::text;
use super::view::View;
use crate::term::{self, fit, Paint, Screen, DIM, FAIL, PASS};

const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SPINNER_FRAME_MS: u128 = 100;
/// Output lines shown under a running step, and under the step that failed.
const RUNNING_LOG_LINES: usize = 3;
const FAILED_LOG_LINES: usize = 12;
/// Columns of `line 1234`, a duration (`59.9s`, `2m03s`, `999ms`) and a result (`STOPPED`,
/// `CACHED`, a size such as `1.99 MB`).
const LINE_COLUMNS: usize = 9;
const DURATION_COLUMNS: usize = 7;
const RESULT_COLUMNS: usize = 7;

pub(crate) struct LiveView {
    screen: Screen,
    paint: Paint,
    started: Instant,
    /// Leading steps already printed for good.
    committed: usize,
    /// The latest line that belongs to no step (context upload, internal work).
    status: Option<String>,
    /// How the summary tells the user to see the lint findings.
    dockerfile: String,
}

/// How a step's line ends at the end of the build.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ending {
    Running,
    Done,
    Failed,
    /// Did not finish: the build failed elsewhere or was cancelled.
    Stopped,
}

impl LiveView {
    pub(crate) fn new(screen: Screen, paint: Paint, dockerfile: String) -> LiveView {
        LiveView {
            screen,
            paint,
            started: Instant::now(),
            committed: 0,
            status: None,
            dockerfile,
        }
    }

    fn redraw(&mut self, progress: &Progress) {
        let (width, height) = self.screen.size();
        let room = height.saturating_sub(1).max(1);
        let steps: Vec<&Step> = progress.steps.values().skip(self.committed).collect();
        let mut blocks: Vec<Vec<String>> = steps
            .iter()
            .map(|step| self.step_block(step, progress.total, width))
            .collect();
        let mut permanent = Vec::new();
        // The status line takes one row.
        let mut finished = steps.iter().map(|s| s.finished.is_some());
        while blocks.iter().map(Vec::len).sum::<usize>() + 1 > room && finished.next() == Some(true)
        {
            permanent.extend(blocks.remove(0));
            self.committed += 1;
        }
        let mut region = blocks.concat();
        region.push(self.status_line(progress, width));
        if region.len() > room {
            region.drain(..region.len() - room);
        }
        self.screen.draw(&permanent, &region);
    }

    /// A step's line, with its latest output under it while it runs.
    fn step_block(&self, step: &Step, total: usize, width: usize) -> Vec<String> {
        let ending = if step.finished.is_some() {
            Ending::Done
        } else {
            Ending::Running
        };
        let mut block = vec![self.row(step, total, width, ending)];
        if ending == Ending::Running {
            block.extend(self.log_lines(step, RUNNING_LOG_LINES, width, true));
        }
        block
    }

    fn row(&self, step: &Step, total: usize, width: usize, ending: Ending) -> String {
        let paint = self.paint;
        let (mark, duration_ms, result) = match ending {
            Ending::Running => {
                let frame = self.started.elapsed().as_millis() / SPINNER_FRAME_MS;
                let spinner = SPINNER[frame as usize % SPINNER.len()].to_string();
                (
                    spinner,
                    step.started.elapsed().as_millis() as u64,
                    String::new(),
                )
            }
            Ending::Done => (
                paint.apply(PASS, "✓"),
                step.finished.map_or(0, |f| f.duration_ms),
                text::result(step),
            ),
            Ending::Failed => (
                paint.apply(FAIL, "✗"),
                step.started.elapsed().as_millis() as u64,
                "FAILED".to_owned(),
            ),
            Ending::Stopped => (
                "·".to_owned(),
                step.started.elapsed().as_millis() as u64,
                "STOPPED".to_owned(),
            ),
        };
        let digits = total.to_string().len();
        let head = format!("[{:>digits$}/{total}]", step.index);
        let tail_columns = 1 + LINE_COLUMNS + 1 + DURATION_COLUMNS + 2 + RESULT_COLUMNS;
        let room = width
            .saturating_sub(2 + head.width() + 1 + tail_columns + 1)
            .max(8);
        let instruction = fit(&step.instruction, room);
        let padding = room.saturating_sub(instruction.width());
        let result_shown = match ending {
            Ending::Failed => paint.apply(FAIL, &result),
            _ => text::paint_result(step, &result, paint),
        };
        format!(
            "{mark} {head} {instruction}{:padding$} {:>LINE_COLUMNS$} {:>DURATION_COLUMNS$}  {result_shown}",
            "",
            text::line(step),
            term::duration(duration_ms),
        )
    }

    /// The step's last `count` output lines, indented under it.
    fn log_lines(&self, step: &Step, count: usize, width: usize, dim: bool) -> Vec<String> {
        let skip = step.log.len().saturating_sub(count);
        step.log
            .iter()
            .skip(skip)
            .map(|text| {
                let line = format!("    │ {}", fit(text, width.saturating_sub(7)));
                if dim {
                    self.paint.apply(DIM, &line)
                } else {
                    line
                }
            })
            .collect()
    }

    fn status_line(&self, progress: &Progress, width: usize) -> String {
        let frame = self.started.elapsed().as_millis() / SPINNER_FRAME_MS;
        let done = progress.finished().count();
        let mut line = format!(
            "{} building {} · {done}/{} steps",
            SPINNER[frame as usize % SPINNER.len()],
            term::duration(self.started.elapsed().as_millis() as u64),
            progress.total
        );
        if let Some(status) = &self.status {
            line.push_str(" · ");
            line.push_str(status);
        }
        self.paint.apply(DIM, &fit(&line, width.saturating_sub(1)))
    }
}

impl BuildWatcher for LiveView {
    fn event(&mut self, progress: &Progress, event: &BuildEvent) {
        match event {
            // Output can come by the hundred lines a second: the next tick shows it.
            BuildEvent::StepLog { .. } => {}
            BuildEvent::Log { text } => self.status = Some(text.clone()),
            _ => self.redraw(progress),
        }
    }

    fn tick(&mut self, progress: &Progress) {
        self.redraw(progress);
    }
}

impl View for LiveView {
    fn finish(&mut self, progress: &Progress, outcome: &Outcome, lint: &LintCounts) {
        let (width, _) = self.screen.size();
        let failed = text::failed_step(progress, outcome).map(|s| s.index);
        let mut lines = Vec::new();
        for step in progress.steps.values().skip(self.committed) {
            let ending = match step.finished {
                Some(_) => Ending::Done,
                None if Some(step.index) == failed => Ending::Failed,
                None => Ending::Stopped,
            };
            lines.push(self.row(step, progress.total, width, ending));
            if ending == Ending::Failed {
                lines.extend(self.log_lines(step, FAILED_LOG_LINES, width, false));
            }
        }
        lines.extend(text::summary(
            outcome,
            lint,
            Some(&self.dockerfile),
            self.paint,
            true,
        ));
        self.screen.draw(&lines, &[]);
        text::report_end(outcome, progress.total);
    }
}
