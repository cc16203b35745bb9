//! Turns the daemon's build stream into [`BuildEvent`]s: a pure state machine fed one
//! [`RawItem`] at a time, with the arrival time inside the item, so a recorded stream
//! replays exactly as it ran. The classic builder's text lines and BuildKit's vertex updates
//! each have their own reader; both report through the step bookkeeping here.

mod buildkit;
mod classic;
#[cfg(test)]
mod replay_tests;

use std::collections::BTreeMap;

use bollard::models::{BuildInfo, BuildInfoAux};

use super::events::{BuildEvent, BuildFailure, BuilderKind, StepSummary};
use super::masked;
use super::plan::{Step, StepPlan};
use super::raw::{RawError, RawItem};
use drydock_mask::Masker;

/// What the stream left behind once it ended.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StreamOutcome {
    pub(crate) image_id: Option<String>,
    pub(crate) failure: Option<BuildFailure>,
    /// The steps reported, in index order, without layer sizes (known only after inspect).
    pub(crate) steps: Vec<StepSummary>,
}

pub(crate) struct Normalizer<'m> {
    plan: StepPlan,
    builder: BuilderKind,
    no_cache: bool,
    masker: &'m Masker,
    steps: BTreeMap<usize, StepState>,
    image_id: Option<String>,
    failure: Option<BuildFailure>,
    classic: classic::Reader,
    buildkit: buildkit::Reader,
    /// Events produced by the item being fed, masked on the way out.
    out: Vec<BuildEvent>,
}

#[derive(Debug, Clone)]
struct StepState {
    instruction: String,
    line: Option<u32>,
    stage: Option<String>,
    cached: bool,
    start_ms: u64,
    /// Set when the step finished.
    duration_ms: Option<u64>,
}

impl<'m> Normalizer<'m> {
    pub(crate) fn new(
        plan: StepPlan,
        builder: BuilderKind,
        no_cache: bool,
        masker: &'m Masker,
    ) -> Normalizer<'m> {
        Normalizer {
            plan,
            builder,
            no_cache,
            masker,
            steps: BTreeMap::new(),
            image_id: None,
            failure: None,
            classic: classic::Reader::default(),
            buildkit: buildkit::Reader::default(),
            out: Vec::new(),
        }
    }

    pub(crate) fn masker(&self) -> &'m Masker {
        self.masker
    }

    /// The first event of every build.
    pub(crate) fn started(&self) -> BuildEvent {
        BuildEvent::Started {
            builder: self.builder,
            total_steps: self.plan.total(),
        }
    }

    /// Reads one stream item and returns the events it produced.
    pub(crate) fn feed(&mut self, raw: &RawItem) -> Vec<BuildEvent> {
        match &raw.item {
            Ok(info) => self.info(info, raw.at_ms),
            Err(error) => self.stream_error(error),
        }
        self.drain()
    }

    /// Ends the stream: flushes unfinished log lines, reports the failure if there was one,
    /// and returns what the build left.
    pub(crate) fn finish(mut self) -> (Vec<BuildEvent>, StreamOutcome) {
        classic::flush(&mut self);
        buildkit::flush(&mut self);
        if let Some(failure) = &self.failure {
            self.out.push(BuildEvent::Failed(failure.clone()));
        }
        let events = self.drain();
        let steps = self
            .steps
            .iter()
            .map(|(&index, s)| StepSummary {
                index,
                instruction: masked(self.masker, s.instruction.clone()),
                line: s.line,
                stage: s.stage.clone(),
                cached: s.cached,
                start_ms: s.start_ms,
                duration_ms: s.duration_ms.unwrap_or(0),
                size_bytes: None,
            })
            .collect();
        let outcome = StreamOutcome {
            image_id: self.image_id,
            failure: self.failure.map(|f| f.masked(self.masker)),
            steps,
        };
        (events, outcome)
    }

    fn info(&mut self, info: &BuildInfo, at_ms: u64) {
        match &info.aux {
            Some(BuildInfoAux::BuildKit(status)) => buildkit::status(self, status, at_ms),
            Some(BuildInfoAux::Default(image)) => {
                if let Some(id) = &image.id {
                    self.image_id = Some(id.clone());
                }
            }
            None => {}
        }
        if let Some(text) = &info.stream {
            classic::text(self, text, at_ms);
        }
        if let Some(status) = info.status.as_deref().filter(|s| !s.is_empty()) {
            self.log(status.trim_end().to_owned());
        }
    }

    /// The stream's final error. The failing step is the one a BuildKit vertex blamed, else
    /// the last step that started and did not finish.
    fn stream_error(&mut self, error: &RawError) {
        let message = error.message.trim().to_owned();
        let step = match &self.failure {
            Some(f) => f.step,
            None => self.open_step(),
        };
        self.fail(step, message);
    }

    fn fail(&mut self, step: Option<usize>, message: String) {
        let state = step.and_then(|i| self.steps.get(&i));
        self.failure = Some(BuildFailure {
            step,
            line: state.and_then(|s| s.line),
            instruction: state.map(|s| s.instruction.clone()),
            message,
        });
    }

    /// The most recently started step that has not finished.
    fn open_step(&self) -> Option<usize> {
        self.steps
            .iter()
            .filter(|(_, s)| s.duration_ms.is_none())
            .max_by_key(|(&index, s)| (s.start_ms, index))
            .map(|(&index, _)| index)
    }

    /// Records a step's start; `mapped` is the Dockerfile instruction when it was found, else
    /// the builder's own text stands in.
    fn start_step(
        &mut self,
        index: usize,
        total: usize,
        mapped: Option<Step>,
        builder_text: &str,
        at_ms: u64,
    ) {
        if self.steps.contains_key(&index) {
            return;
        }
        let state = StepState {
            instruction: mapped
                .as_ref()
                .map_or_else(|| builder_text.to_owned(), |s| s.text.clone()),
            line: mapped.as_ref().map(|s| s.line),
            stage: mapped.and_then(|s| s.stage),
            cached: false,
            start_ms: at_ms,
            duration_ms: None,
        };
        self.out.push(BuildEvent::StepStarted {
            index,
            total,
            instruction: state.instruction.clone(),
            line: state.line,
            stage: state.stage.clone(),
            at_ms,
        });
        self.steps.insert(index, state);
    }

    /// Records a step's end. `FROM` and global `ARG` steps execute nothing: they count as
    /// cached unless the build ignores the cache. (BuildKit sets its flag on them at random,
    /// and the classic builder never says "Using cache" for them.)
    fn finish_step(&mut self, index: usize, cached: bool, end_ms: u64) {
        let runs_nothing = self.plan.step(index).is_some_and(|s| s.runs_nothing);
        let cached = if runs_nothing { !self.no_cache } else { cached };
        let Some(state) = self.steps.get_mut(&index) else {
            return;
        };
        if state.duration_ms.is_some() {
            return;
        }
        let duration_ms = end_ms.saturating_sub(state.start_ms);
        state.cached = cached;
        state.duration_ms = Some(duration_ms);
        self.out.push(BuildEvent::StepFinished {
            index,
            cached,
            duration_ms,
        });
    }

    fn step_log(&mut self, index: usize, text: String) {
        self.out.push(BuildEvent::StepLog { index, text });
    }

    fn log(&mut self, text: String) {
        self.out.push(BuildEvent::Log { text });
    }

    fn drain(&mut self) -> Vec<BuildEvent> {
        let masker = self.masker;
        self.out.drain(..).map(|e| e.masked(masker)).collect()
    }
}

/// Removes terminal colour and cursor sequences (`ESC [ ... letter`).
fn strip_ansi(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\u{1b}') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        if chars.clone().next() == Some('[') {
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Splits off the complete lines of a text stream, keeping the unfinished rest in `pending`.
/// Carriage returns (progress redraws) end lines too.
fn complete_lines(pending: &mut String, text: &str) -> Vec<String> {
    pending.push_str(text);
    let Some(last_break) = pending.rfind(['\n', '\r']) else {
        return Vec::new();
    };
    let rest = pending.split_off(last_break + 1);
    let done = std::mem::replace(pending, rest);
    done.split(['\n', '\r'])
        .filter(|line| !line.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_removed() {
        assert_eq!(strip_ansi("\u{1b}[91mls: no\n\u{1b}[0m"), "ls: no\n");
        assert_eq!(strip_ansi("plain"), "plain");
    }

    #[test]
    fn lines_are_split_across_chunks() {
        let mut pending = String::new();
        assert_eq!(
            complete_lines(&mut pending, "Step 1/2 : FROM x"),
            Vec::<String>::new()
        );
        assert_eq!(complete_lines(&mut pending, "\n"), ["Step 1/2 : FROM x"]);
        assert_eq!(complete_lines(&mut pending, "a\r\nb\n\nc"), ["a", "b"]);
        assert_eq!(pending, "c");
    }
}
