//! Streams recorded from Docker 20.10 (`examples/record_build.rs`), replayed through the
//! normaliser: a multi-stage build from scratch and fully cached, and a failing step, with
//! each builder.

use std::path::Path;

use super::{Normalizer, StreamOutcome};
use crate::build::events::{BuildEvent, BuilderKind};
use crate::build::plan::StepPlan;
use crate::build::raw::RawItem;
use drydock_mask::Masker;

fn fixture(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Replays `<dir>/<recording>.jsonl` against `<dir>/Dockerfile`.
fn replay(
    dir: &str,
    recording: &str,
    builder: BuilderKind,
    no_cache: bool,
) -> (Vec<BuildEvent>, StreamOutcome) {
    let text = fixture(&format!("{dir}/Dockerfile"));
    let plan = StepPlan::new(&drydock_syntax::parse(&text), &text, builder, None);
    let masker = Masker::for_build_args([]);
    let mut normalizer = Normalizer::new(plan, builder, no_cache, &masker);
    let mut events = vec![normalizer.started()];
    for line in fixture(&format!("{dir}/{recording}.jsonl")).lines() {
        let item = RawItem::from_json_line(line).unwrap();
        events.extend(normalizer.feed(&item));
    }
    let (rest, outcome) = normalizer.finish();
    events.extend(rest);
    (events, outcome)
}

/// `(index, line)` of every StepStarted, in event order.
fn started(events: &[BuildEvent]) -> Vec<(usize, Option<u32>)> {
    events
        .iter()
        .filter_map(|e| match e {
            BuildEvent::StepStarted { index, line, .. } => Some((*index, *line)),
            _ => None,
        })
        .collect()
}

fn step_logs(events: &[BuildEvent], step: usize) -> Vec<&str> {
    events
        .iter()
        .filter_map(|e| match e {
            BuildEvent::StepLog { index, text } if *index == step => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// Every step that started also finished, once.
fn assert_all_finished(events: &[BuildEvent]) {
    let mut started: Vec<usize> = started(events).into_iter().map(|(i, _)| i).collect();
    let mut finished: Vec<usize> = events
        .iter()
        .filter_map(|e| match e {
            BuildEvent::StepFinished { index, .. } => Some(*index),
            _ => None,
        })
        .collect();
    started.sort();
    finished.sort();
    assert_eq!(started, finished);
}

const CLASSIC_LINES: [u32; 16] = [2, 4, 5, 6, 7, 10, 11, 13, 14, 16, 17, 18, 19, 20, 21, 22];

#[test]
fn classic_multistage_from_scratch() {
    let (events, outcome) = replay("multistage", "classic-fresh", BuilderKind::Classic, true);
    assert_eq!(
        events[0],
        BuildEvent::Started {
            builder: BuilderKind::Classic,
            total_steps: 16
        }
    );
    let expected: Vec<_> = (1..=16).zip(CLASSIC_LINES.map(Some)).collect();
    assert_eq!(started(&events), expected);
    assert_all_finished(&events);
    assert_eq!(step_logs(&events, 5), ["building", "built 23 bytes"]);
    assert!(events.iter().any(|e| matches!(e, BuildEvent::StepStarted {
        index: 12, instruction, stage: Some(stage), ..
    } if instruction == "COPY --from=build /src/out.txt /app/out.txt" && stage == "stage-2")));
    assert_eq!(outcome.failure, None);
    assert_eq!(outcome.steps.iter().filter(|s| s.cached).count(), 0);
    let run = &outcome.steps[4];
    assert!(run.duration_ms > 0, "{run:?}");
    // The last image id is the final image's ("Successfully built a26d6481f29c"); the
    // earlier ones are the other stages'.
    assert!(outcome.image_id.unwrap().starts_with("sha256:a26d6481f29c"));
}

#[test]
fn classic_multistage_fully_cached() {
    let (events, outcome) = replay("multistage", "classic-cached", BuilderKind::Classic, false);
    assert_eq!(started(&events).len(), 16);
    assert_all_finished(&events);
    assert_eq!(outcome.steps.len(), 16);
    assert!(
        outcome.steps.iter().all(|s| s.cached),
        "{:?}",
        outcome.steps
    );
    assert!(
        step_logs(&events, 5).is_empty(),
        "cached steps print nothing"
    );
}

#[test]
fn classic_failing_step_is_mapped_to_its_line() {
    let (events, outcome) = replay("failing", "classic", BuilderKind::Classic, true);
    let failure = outcome.failure.unwrap();
    assert_eq!(failure.step, Some(4));
    assert_eq!(failure.line, Some(4));
    assert_eq!(
        failure.instruction.as_deref(),
        Some("RUN echo \"about to fail\" && ls /does-not-exist")
    );
    assert!(
        failure.message.ends_with("returned a non-zero code: 1"),
        "{}",
        failure.message
    );
    assert_eq!(
        step_logs(&events, 4),
        [
            "about to fail",
            "ls: /does-not-exist: No such file or directory"
        ]
    );
    assert!(!started(&events).iter().any(|&(i, _)| i == 5));
    assert!(matches!(events.last(), Some(BuildEvent::Failed(f)) if f.step == Some(4)));
}

#[test]
fn buildkit_multistage_from_scratch() {
    let (events, outcome) = replay("multistage", "buildkit-fresh", BuilderKind::BuildKit, true);
    assert_eq!(
        events[0],
        BuildEvent::Started {
            builder: BuilderKind::BuildKit,
            total_steps: 7
        }
    );
    let mut steps = started(&events);
    steps.sort();
    // The test stage is not needed; the final stage's FROM shares the build stage's vertex.
    assert_eq!(
        steps,
        [
            (1, Some(4)),
            (2, Some(5)),
            (3, Some(6)),
            (4, Some(7)),
            (5, Some(11)),
            (6, Some(16)),
            (7, Some(18))
        ]
    );
    assert_all_finished(&events);
    assert_eq!(step_logs(&events, 4), ["building", "built 23 bytes"]);
    assert!(events
        .iter()
        .any(|e| matches!(e, BuildEvent::Log { text } if text == "exporting to image")));
    assert_eq!(outcome.steps.iter().filter(|s| s.cached).count(), 0);
    let run = outcome.steps.iter().find(|s| s.index == 4).unwrap();
    assert!(run.duration_ms >= 100, "{run:?}");
    assert!(outcome.image_id.unwrap().starts_with("sha256:01d02d68"));
}

#[test]
fn buildkit_multistage_fully_cached() {
    let (events, outcome) = replay(
        "multistage",
        "buildkit-cached",
        BuilderKind::BuildKit,
        false,
    );
    assert_eq!(started(&events).len(), 7);
    assert_all_finished(&events);
    assert!(
        outcome.steps.iter().all(|s| s.cached),
        "{:?}",
        outcome.steps
    );
    assert_eq!(outcome.failure, None);
}

#[test]
fn buildkit_failing_step_is_mapped_to_its_line() {
    let (events, outcome) = replay("failing", "buildkit", BuilderKind::BuildKit, true);
    let failure = outcome.failure.unwrap();
    assert_eq!(failure.step, Some(4));
    assert_eq!(failure.line, Some(4));
    assert!(
        failure.message.ends_with("exit code: 1"),
        "{}",
        failure.message
    );
    let mut logs = step_logs(&events, 4);
    logs.sort();
    assert_eq!(
        logs,
        [
            "about to fail",
            "ls: /does-not-exist: No such file or directory"
        ]
    );
    assert!(!started(&events).iter().any(|&(i, _)| i == 5));
    assert!(matches!(events.last(), Some(BuildEvent::Failed(f)) if f.line == Some(4)));
}
