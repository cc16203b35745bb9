//! Which instructions of the Dockerfile each builder reports as steps, and how to find the
//! instruction behind a step the daemon names.
//!
//! - The classic builder reports every instruction up to the end of the target stage, global
//!   `ARG`s included, as `Step N/M : <text>`.
//! - BuildKit reports only the stages the target needs, and in them only the instructions that
//!   make a vertex (`FROM <image>`, `RUN`, `COPY`, `ADD`, `WORKDIR`), as
//!   `[<stage> n/m] <text>` with `n` counted within the stage. The stage is its name, else
//!   `stage-<index>`, and is left out when the Dockerfile has a single stage.
//!
//! Steps are numbered 1.. in Dockerfile order for both builders.

use std::collections::HashMap;

use drydock_syntax::{Base, Dockerfile, Instruction, Keyword, Kind, LineIndex};

use super::events::BuilderKind;

/// An instruction the builder reports as a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Step {
    /// 1-based, in Dockerfile order.
    pub(crate) index: usize,
    /// Index of the instruction in the Dockerfile.
    pub(crate) instruction: usize,
    pub(crate) keyword: Keyword,
    /// The instruction on one line, as written.
    pub(crate) text: String,
    /// 1-based line where the instruction starts.
    pub(crate) line: u32,
    /// The stage's label (name or `stage-<index>`); `None` for global `ARG`s and in a
    /// Dockerfile with a single stage.
    pub(crate) stage: Option<String>,
    /// A `FROM`, or an `ARG` before the first one: the builder executes nothing for it.
    pub(crate) runs_nothing: bool,
    /// For a `FROM <image>`: the image and platform. BuildKit builds two such `FROM`s as one
    /// vertex, reported under one of their names.
    pub(crate) base_image: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct StepPlan {
    steps: Vec<Step>,
    /// BuildKit's `(stage label, n)` → step index. The label is empty for a single stage.
    buildkit: HashMap<(String, usize), usize>,
    /// The instructions whose history entries end the final image's history, in order: those
    /// of the target stage and of the stages it is built on (`FROM <stage>`), without the
    /// `FROM`s. Each has its keyword and, when it is a step, the step's index.
    final_history: Vec<(Keyword, Option<usize>)>,
}

impl StepPlan {
    pub(crate) fn new(
        df: &Dockerfile,
        text: &str,
        builder: BuilderKind,
        target: Option<&str>,
    ) -> StepPlan {
        let Some(target) = target_stage(df, target) else {
            return StepPlan::default();
        };
        let lines = LineIndex::new(text);
        let mut plan = StepPlan::default();
        match builder {
            BuilderKind::Classic => {
                let end = df.stages[target].instructions.end;
                for (i, ins) in df.instructions[..end].iter().enumerate() {
                    plan.push(df, &lines, i, ins);
                }
            }
            BuilderKind::BuildKit => {
                let needed = needed_stages(df, target);
                let single = df.stages.len() == 1 && !copies_from_images(df);
                for stage in df.stages.iter().filter(|s| needed[s.index]) {
                    let label = if single {
                        String::new()
                    } else {
                        stage_label(df, stage.index)
                    };
                    let mut n = 0;
                    for i in stage.instructions.clone() {
                        let ins = &df.instructions[i];
                        if makes_vertex(df, stage.index, ins) {
                            n += 1;
                            let index = plan.push(df, &lines, i, ins);
                            plan.buildkit.insert((label.clone(), n), index);
                        }
                    }
                }
            }
        }
        plan.final_history = final_history(df, target, &plan.steps);
        plan
    }

    fn push(&mut self, df: &Dockerfile, lines: &LineIndex, i: usize, ins: &Instruction) -> usize {
        let index = self.steps.len() + 1;
        let base_image = match (ins.stage.map(|s| &df.stages[s].base), &ins.kind) {
            (Some(Base::Image(image)), Kind::From(from)) if ins.keyword == Keyword::From => {
                let platform = from.platform.as_ref().map_or("", |p| p.value.as_str());
                Some(format!("{platform} {}", image.text))
            }
            _ => None,
        };
        self.steps.push(Step {
            index,
            instruction: i,
            keyword: ins.keyword,
            text: one_line(ins),
            line: lines.line(ins.span.start),
            runs_nothing: ins.keyword == Keyword::From || ins.stage.is_none(),
            stage: ins
                .stage
                .filter(|_| df.stages.len() > 1)
                .map(|s| stage_label(df, s)),
            base_image,
        });
        index
    }

    pub(crate) fn total(&self) -> usize {
        self.steps.len()
    }

    pub(crate) fn step(&self, index: usize) -> Option<&Step> {
        index.checked_sub(1).and_then(|i| self.steps.get(i))
    }

    pub(crate) fn final_history(&self) -> &[(Keyword, Option<usize>)] {
        &self.final_history
    }

    /// The step behind classic's `Step n/m : <text>`, if its keyword agrees.
    pub(crate) fn classic(&self, n: usize, text: &str) -> Option<&Step> {
        self.step(n).filter(|s| same_keyword(s, text))
    }

    /// The steps behind a BuildKit vertex name such as `[build 3/5] RUN make`: the named one
    /// and, for a `FROM`, the other `FROM`s of the same image that share its vertex. Empty
    /// for internal vertices (`[internal] load ...`, `exporting to image`).
    pub(crate) fn buildkit_steps(&self, vertex_name: &str) -> Vec<usize> {
        let Some(step) = self.buildkit(vertex_name) else {
            return Vec::new();
        };
        let mut steps = vec![step.index];
        if let Some(image) = &step.base_image {
            steps.extend(
                self.steps
                    .iter()
                    .filter(|s| s.index != step.index && s.base_image.as_ref() == Some(image))
                    .map(|s| s.index),
            );
        }
        steps
    }

    /// The step behind a BuildKit vertex name, as named.
    fn buildkit(&self, vertex_name: &str) -> Option<&Step> {
        let rest = vertex_name.strip_prefix('[')?;
        let (prefix, text) = rest.split_once("] ")?;
        let mut words: Vec<&str> = prefix.split_whitespace().collect();
        let (n, _) = words.pop()?.split_once('/')?;
        let n: usize = n.parse().ok()?;
        // What precedes `n/m` is `[platform] [stage]`; a platform has a `/`, a stage cannot.
        let label = words
            .last()
            .filter(|w| !w.contains('/'))
            .copied()
            .unwrap_or("");
        let text = text.strip_prefix("ONBUILD ").unwrap_or(text);
        let index = *self.buildkit.get(&(label.to_owned(), n))?;
        self.step(index).filter(|s| same_keyword(s, text))
    }
}

/// The stage the build ends with: `--target`, else the last one.
fn target_stage(df: &Dockerfile, target: Option<&str>) -> Option<usize> {
    match target {
        Some(name) => df.stage_named(name).map(|s| s.index),
        None => df.stages.len().checked_sub(1),
    }
}

/// See [`StepPlan::final_history`].
fn final_history(df: &Dockerfile, target: usize, steps: &[Step]) -> Vec<(Keyword, Option<usize>)> {
    // The target, then what it is built `FROM`, while that is a stage.
    let mut chain = vec![target];
    while let Base::Stage(base) = df.stages[*chain.last().unwrap()].base {
        if chain.contains(&base) {
            break;
        }
        chain.push(base);
    }
    let step_of = |i: usize| steps.iter().find(|s| s.instruction == i).map(|s| s.index);
    chain
        .iter()
        .rev()
        .flat_map(|&s| df.stages[s].instructions.clone())
        .filter(|&i| df.instructions[i].keyword != Keyword::From)
        .map(|i| (df.instructions[i].keyword, step_of(i)))
        .collect()
}

/// The stages BuildKit builds for the target: the target and, transitively, the stages it
/// is built on or copies from.
fn needed_stages(df: &Dockerfile, target: usize) -> Vec<bool> {
    let mut needed = vec![false; df.stages.len()];
    let mut todo = vec![target];
    while let Some(s) = todo.pop() {
        if std::mem::replace(&mut needed[s], true) {
            continue;
        }
        let stage = &df.stages[s];
        if let Base::Stage(base) = stage.base {
            todo.push(base);
        }
        todo.extend(stage.copies_from.iter().copied());
    }
    needed
}

/// BuildKit's label for a stage: its name, else `stage-<index>`.
fn stage_label(df: &Dockerfile, stage: usize) -> String {
    df.stages[stage]
        .name
        .clone()
        .unwrap_or_else(|| format!("stage-{stage}"))
}

/// Whether some `COPY --from` or `RUN --mount=from=` names an image rather than a stage:
/// BuildKit then counts it as a stage of its own, and stage labels appear even for a
/// single-stage Dockerfile.
fn copies_from_images(df: &Dockerfile) -> bool {
    let names_image = |from: &str| df.stage_named(from).is_none();
    df.instructions.iter().any(|ins| match &ins.kind {
        Kind::Copy(copy) | Kind::Add(copy) => {
            copy.from.as_ref().is_some_and(|f| names_image(&f.value))
        }
        Kind::Run(run) => run
            .mounts
            .iter()
            .any(|m| m.from.as_deref().is_some_and(names_image)),
        _ => false,
    })
}

/// Whether BuildKit makes a numbered vertex for the instruction.
fn makes_vertex(df: &Dockerfile, stage: usize, ins: &Instruction) -> bool {
    match ins.keyword {
        Keyword::From => matches!(df.stages[stage].base, Base::Image(_)),
        Keyword::Run | Keyword::Copy | Keyword::Add | Keyword::Workdir => true,
        _ => false,
    }
}

/// The instruction on one line: the keyword as written, then its arguments with
/// continuations and line breaks folded into single spaces.
fn one_line(ins: &Instruction) -> String {
    let args: Vec<&str> = ins.args.text.split_whitespace().collect();
    let keyword = match ins.keyword {
        Keyword::Unknown => ins.keyword_word.value.clone(),
        known => known.as_str().to_owned(),
    };
    if args.is_empty() {
        keyword
    } else {
        format!("{keyword} {}", args.join(" "))
    }
}

fn same_keyword(step: &Step, text: &str) -> bool {
    let word = text.split_whitespace().next().unwrap_or_default();
    Keyword::parse(word) == step.keyword
}

#[cfg(test)]
mod tests {
    use super::*;

    const MULTI: &str = "\
ARG BASE=drydock-test/busybox:latest
FROM ${BASE} AS build
WORKDIR /src
COPY hello.txt .
RUN echo building && \\
    cat hello.txt > out.txt
ENV A=1

FROM build AS test
RUN grep -q hello out.txt

FROM drydock-test/busybox:latest
COPY --from=build /src/out.txt /app/out.txt
CMD [\"cat\", \"/app/out.txt\"]
";

    fn plan(text: &str, builder: BuilderKind, target: Option<&str>) -> StepPlan {
        StepPlan::new(&drydock_syntax::parse(text), text, builder, target)
    }

    fn summary(plan: &StepPlan) -> Vec<(usize, u32, &str)> {
        plan.steps
            .iter()
            .map(|s| (s.index, s.line, s.text.as_str()))
            .collect()
    }

    #[test]
    fn classic_counts_every_instruction_up_to_the_target() {
        let plan = plan(MULTI, BuilderKind::Classic, None);
        assert_eq!(plan.total(), 11);
        assert_eq!(
            plan.classic(5, "RUN echo building &&     cat")
                .unwrap()
                .line,
            5
        );
        assert_eq!(
            plan.step(5).unwrap().text,
            "RUN echo building && cat hello.txt > out.txt"
        );
        assert_eq!(plan.classic(5, "COPY x"), None, "keyword must agree");
        let test = plan_target(MULTI, BuilderKind::Classic, "test");
        assert_eq!(test.total(), 8);
    }

    fn plan_target(text: &str, builder: BuilderKind, target: &str) -> StepPlan {
        plan(text, builder, Some(target))
    }

    #[test]
    fn buildkit_counts_vertices_of_the_needed_stages() {
        let plan = plan(MULTI, BuilderKind::BuildKit, None);
        assert_eq!(
            summary(&plan),
            [
                (1, 2, "FROM ${BASE} AS build"),
                (2, 3, "WORKDIR /src"),
                (3, 4, "COPY hello.txt ."),
                (4, 5, "RUN echo building && cat hello.txt > out.txt"),
                (5, 12, "FROM drydock-test/busybox:latest"),
                (6, 13, "COPY --from=build /src/out.txt /app/out.txt"),
            ]
        );
        let step = |name| plan.buildkit(name).map(|s| s.index);
        assert_eq!(
            step("[build 4/4] RUN echo building && cat hello.txt > out.txt"),
            Some(4)
        );
        assert_eq!(
            step("[stage-2 2/2] COPY --from=build /src/out.txt /app/out.txt"),
            Some(6)
        );
        assert_eq!(step("[linux/amd64 stage-2 1/2] FROM docker.io/x"), Some(5));
        assert_eq!(
            step("[internal] load build definition from Dockerfile"),
            None
        );
        assert_eq!(step("exporting to image"), None);
        assert_eq!(step("[build 4/4] COPY x y"), None, "keyword must agree");
        assert_eq!(plan.step(2).unwrap().stage.as_deref(), Some("build"));
    }

    #[test]
    fn buildkit_from_of_the_same_image_shares_one_vertex() {
        let text = "FROM busybox AS a\nRUN true\nFROM busybox\nCOPY --from=a /x /x\n";
        let plan = plan(text, BuilderKind::BuildKit, None);
        assert_eq!(
            plan.buildkit_steps("[a 1/2] FROM docker.io/library/busybox"),
            [1, 3]
        );
        assert_eq!(
            plan.buildkit_steps("[stage-1 1/2] FROM docker.io/library/busybox"),
            [3, 1]
        );
        assert_eq!(plan.buildkit_steps("[a 2/2] RUN true"), [2]);
    }

    #[test]
    fn buildkit_target_of_a_stage_built_on_another() {
        let plan = plan_target(MULTI, BuilderKind::BuildKit, "test");
        assert_eq!(plan.total(), 5);
        assert_eq!(
            plan.buildkit("[test 1/1] RUN grep -q hello out.txt")
                .unwrap()
                .line,
            10
        );
        assert_eq!(
            plan.final_history(),
            [
                (Keyword::Workdir, Some(2)),
                (Keyword::Copy, Some(3)),
                (Keyword::Run, Some(4)),
                (Keyword::Env, None),
                (Keyword::Run, Some(5)),
            ]
        );
    }

    #[test]
    fn single_stage_has_no_label_and_pads_the_number() {
        let mut text = String::from("FROM busybox\n");
        for i in 0..10 {
            text.push_str(&format!("RUN echo {i}\n"));
        }
        let plan = plan(&text, BuilderKind::BuildKit, None);
        assert_eq!(plan.total(), 11);
        assert_eq!(plan.step(1).unwrap().stage, None);
        assert_eq!(plan.buildkit("[ 3/11] RUN echo 1").unwrap().line, 3);
        assert_eq!(plan.buildkit("[11/11] RUN echo 9").unwrap().line, 11);
    }

    #[test]
    fn copy_from_an_image_makes_labels_appear() {
        let text = "FROM busybox\nCOPY --from=alpine /etc/os-release /x\n";
        let plan = plan(text, BuilderKind::BuildKit, None);
        assert_eq!(
            plan.buildkit("[stage-0 2/2] COPY --from=alpine /etc/os-release /x")
                .unwrap()
                .index,
            2
        );
    }
}
