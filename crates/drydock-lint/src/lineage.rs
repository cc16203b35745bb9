//! What an instruction inherits from earlier ones: a stage built `FROM` an earlier stage starts
//! with that stage's ENV, WORKDIR and SHELL.

use drydock_syntax::{Base, Dockerfile, Instruction, Kind};

/// The instructions before `index` in its stage, nearest first, then every instruction of the
/// stage it is built from (last first), and so on up the chain of stages.
pub(crate) fn inherited(df: &Dockerfile, index: usize) -> Vec<(usize, &Instruction)> {
    let mut out = Vec::new();
    let mut stage = df.stage_of(index);
    let mut end = index;
    while let Some(s) = stage {
        out.extend(
            (s.instructions.start..end.min(s.instructions.end))
                .rev()
                .map(|i| (i, &df.instructions[i])),
        );
        stage = match s.base {
            Base::Stage(parent) if parent < s.index => df.stages.get(parent),
            _ => None,
        };
        end = usize::MAX;
    }
    out
}

/// The value the nearest `ENV name=...` in scope at `index` gives `name`, as written.
pub(crate) fn env_value(df: &Dockerfile, index: usize, name: &str) -> Option<String> {
    inherited(df, index)
        .into_iter()
        .find_map(|(_, i)| match &i.kind {
            Kind::Env(pairs) => pairs
                .iter()
                .rev()
                .find(|p| p.key.value == name)
                .map(|p| p.value.value.clone()),
            _ => None,
        })
}
