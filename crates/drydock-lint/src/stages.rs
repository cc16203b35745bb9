//! What an image is made of: a stage built `FROM` an earlier stage inherits everything that
//! stage did (its USER, HEALTHCHECK, installed packages, layers), so rules about "the final
//! image" look at the whole chain of stages, not only the last one.

use drydock_syntax::{Base, Dockerfile, Instruction, Stage};

/// The stage and the stages it is built on: the stage itself first, then its parent stage, and
/// so on up to the stage whose base is an image or `scratch`.
pub(crate) fn lineage<'a>(df: &'a Dockerfile, stage: &'a Stage) -> Vec<&'a Stage> {
    let mut chain = vec![stage];
    let mut current = stage;
    while let Base::Stage(parent) = current.base {
        // A stage can only build on an earlier one; anything else would loop.
        match df.stages.get(parent).filter(|p| p.index < current.index) {
            Some(p) => {
                chain.push(p);
                current = p;
            }
            None => break,
        }
    }
    chain
}

/// The base the lineage finally starts from: an image or `scratch` (never `Base::Stage`
/// unless the chain is broken).
pub(crate) fn root_base<'a>(df: &'a Dockerfile, stage: &'a Stage) -> &'a Base {
    let chain = lineage(df, stage);
    &chain[chain.len() - 1].base
}

/// The instructions that make up a stage's image, in build order: the oldest ancestor's
/// first, the stage's own last. FROM lines are included.
pub(crate) fn image_instructions<'a>(
    df: &'a Dockerfile,
    stage: &Stage,
) -> Vec<(usize, &'a Instruction)> {
    lineage(df, stage)
        .into_iter()
        .rev()
        .flat_map(|s| s.instructions.clone())
        .filter_map(|i| df.instructions.get(i).map(|ins| (i, ins)))
        .collect()
}

/// The final stage's image instructions (empty when there is no stage).
pub(crate) fn final_image(df: &Dockerfile) -> Vec<(usize, &Instruction)> {
    df.final_stage()
        .map(|s| image_instructions(df, s))
        .unwrap_or_default()
}

/// Whether another stage is built on this one (`FROM this-stage`).
pub(crate) fn is_built_upon(df: &Dockerfile, stage: &Stage) -> bool {
    df.stages
        .iter()
        .any(|s| s.index != stage.index && s.base == Base::Stage(stage.index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lineage_follows_stage_bases() {
        let df = drydock_syntax::parse(
            "FROM alpine AS base\nRUN a\nFROM debian AS other\nFROM base AS app\nRUN b\n",
        );
        let app = df.final_stage().unwrap();
        let names: Vec<_> = lineage(&df, app)
            .iter()
            .map(|s| s.name.clone().unwrap())
            .collect();
        assert_eq!(names, ["app", "base"]);
        assert!(matches!(root_base(&df, app), Base::Image(i) if i.repository == "alpine"));
        let keywords: Vec<_> = image_instructions(&df, app)
            .iter()
            .map(|(i, _)| *i)
            .collect();
        assert_eq!(keywords, [0, 1, 3, 4]);
    }

    #[test]
    fn built_upon_means_another_stage_is_from_it() {
        let df = drydock_syntax::parse("FROM alpine AS a\nFROM a AS b\nFROM debian AS c\n");
        let built: Vec<_> = df.stages.iter().map(|s| is_built_upon(&df, s)).collect();
        assert_eq!(built, [true, false, false]);
    }
}
