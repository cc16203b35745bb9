//! The finished build: the stream's steps joined with the image's size, layers and history.

use std::collections::HashMap;

use drydock_syntax::Keyword;

use super::events::{BuildSummary, BuilderKind};
use super::normalize::StreamOutcome;
use super::plan::StepPlan;
use super::BuildOptions;
use crate::inspect::{HistoryEntry, ImageDetails};

pub(crate) fn summarise(
    plan: &StepPlan,
    outcome: StreamOutcome,
    image: ImageDetails,
    options: &BuildOptions,
    builder: BuilderKind,
    duration_ms: u64,
) -> BuildSummary {
    let sizes = step_sizes(plan.final_history(), &image.history);
    let steps: Vec<_> = outcome
        .steps
        .into_iter()
        .map(|mut step| {
            step.size_bytes = sizes.get(&step.index).copied();
            step
        })
        .collect();
    BuildSummary {
        image_id: image.id,
        tag: options.tag.clone(),
        builder,
        size_bytes: image.size_bytes,
        layers: image.layers,
        config: image.config,
        cache_hits: steps.iter().filter(|s| s.cached).count(),
        steps,
        duration_ms,
    }
}

/// The size each step added to the final image. The newest history entries belong to the
/// final stage's instructions (and those of the stages it is built on); walking both
/// backwards, an entry belongs to the next instruction with its keyword. Instructions that
/// left no entry are passed over; entries left over belong to the base image.
fn step_sizes(
    instructions: &[(Keyword, Option<usize>)],
    history: &[HistoryEntry],
) -> HashMap<usize, u64> {
    let mut sizes = HashMap::new();
    let mut entries = history.iter().rev().peekable();
    for &(keyword, step) in instructions.iter().rev() {
        let Some(entry) = entries.peek() else { break };
        let entry_keyword = entry
            .instruction
            .split_whitespace()
            .next()
            .unwrap_or_default();
        if Keyword::parse(entry_keyword) != keyword {
            continue;
        }
        if let Some(step) = step {
            sizes.insert(step, entry.size_bytes);
        }
        entries.next();
    }
    sizes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(instruction: &str, size_bytes: u64) -> HistoryEntry {
        HistoryEntry {
            instruction: instruction.into(),
            created_by: instruction.into(),
            size_bytes,
            empty_layer: false,
            created: 0,
            comment: String::new(),
        }
    }

    #[test]
    fn sizes_follow_the_final_stage_backwards() {
        let history = [
            entry("Imported from -", 2_000_000),
            entry("CMD [\"sh\"]", 0),
            entry("WORKDIR /app", 0),
            entry("COPY out.txt /app/", 120),
            entry("RUN make", 4_096),
            entry("CMD [\"./app\"]", 0),
        ];
        let instructions = [
            (Keyword::Arg, None),
            (Keyword::Workdir, Some(2)),
            (Keyword::Copy, Some(3)),
            (Keyword::Run, Some(4)),
            (Keyword::Cmd, None),
        ];
        let sizes = step_sizes(&instructions, &history);
        assert_eq!(sizes.get(&4), Some(&4_096));
        assert_eq!(sizes.get(&3), Some(&120));
        assert_eq!(sizes.get(&2), Some(&0));
        assert_eq!(sizes.len(), 3);
    }
}
