//! Relations between build stages that rules share: what a stage is built on, and whether
//! its content reaches another stage through `FROM`.

use drydock_syntax::{Base, Dockerfile, Stage};

/// The stage and the stages it is built on (`FROM earlier-stage`), nearest first.
pub(crate) fn lineage(df: &Dockerfile, stage: usize) -> impl Iterator<Item = &Stage> {
    let mut next = df.stages.get(stage);
    std::iter::from_fn(move || {
        let current = next?;
        next = match current.base {
            // A stage can only build on an earlier one; the bound also rules out cycles.
            Base::Stage(parent) if parent < current.index => df.stages.get(parent),
            _ => None,
        };
        Some(current)
    })
}

/// Whether another stage is built on this one (`FROM this-stage`).
pub(crate) fn is_built_upon(df: &Dockerfile, stage: usize) -> bool {
    df.stages
        .iter()
        .any(|s| s.index != stage && s.base == Base::Stage(stage))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lineage_follows_from_chains() {
        let df =
            drydock_syntax::parse("FROM alpine:3 AS a\nFROM a AS b\nFROM debian:12 AS c\nFROM b\n");
        let chain: Vec<usize> = lineage(&df, 3).map(|s| s.index).collect();
        assert_eq!(chain, [3, 1, 0]);
        assert!(is_built_upon(&df, 0) && is_built_upon(&df, 1));
        assert!(!is_built_upon(&df, 2) && !is_built_upon(&df, 3));
    }
}
