use drydock_syntax::{Base, Dockerfile, Kind, Stage};

use crate::stages::lineage;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3049",
    name: "missing-label",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a stage that lacks a label the `label-schema` setting requires. A stage built `FROM` an
earlier stage inherits that stage's labels. Stages that only feed other stages (copied from with
`COPY --from`, mounted with `RUN --mount=from=`, or built upon) are not images of their own and
are not checked.

## Why is this bad?
A label schema is a team's contract for every image it ships (owner, source repository,
version, licence). An image without one of those labels cannot be traced back by the registry,
the scanner or the person on call.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://example.org/app"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://example.org/app" \
      org.opencontainers.image.authors="dev@example.org"
```

## Options
`label-schema` in `.hadolint.yaml` lists the required labels and their types:
```yaml
label-schema:
  org.opencontainers.image.source: url
  org.opencontainers.image.authors: email
```

## Differences from hadolint
hadolint also reports a stage that is only the base of a later stage (unless that later stage
has no `AS` name and defines the label). Drydock checks the images a build can produce from the
file's leaf stages, where the inherited labels are known, so a base stage is not reported in
addition to the stage built on it.

## References
hadolint DL3049.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    for stage in df.stages.iter().filter(|s| !feeds_another(df, s)) {
        for label in cx.config.label_schema.keys() {
            if !defines(df, stage, label) {
                out.add(
                    df.instructions[stage.from].span,
                    format!("Label `{label}` is missing."),
                );
            }
        }
    }
}

/// Whether a later stage builds on this one or copies from it.
fn feeds_another(df: &Dockerfile, stage: &Stage) -> bool {
    df.stages
        .iter()
        .any(|s| s.base == Base::Stage(stage.index) || s.copies_from.contains(&stage.index))
}

/// Whether the stage or one it is built on sets `label`.
fn defines(df: &Dockerfile, stage: &Stage, label: &str) -> bool {
    lineage(df, stage).iter().any(|s| {
        s.instructions.clone().any(|i| match &df.instructions[i].kind {
            Kind::Label(pairs) => pairs.iter().any(|p| p.key.value == label),
            _ => false,
        })
    })
}

#[cfg(test)]
mod tests {
    use crate::labels::test_support::schema_lines;
    use crate::LabelType::{Text, Url};

    fn lines(src: &str) -> Vec<u32> {
        schema_lines("DL3049", src, &[("owner", Text), ("source", Url)])
    }

    #[test]
    fn one_finding_per_missing_label() {
        assert_eq!(lines("FROM alpine\n"), [1, 1]);
        assert_eq!(lines("FROM alpine\nLABEL owner=me\n"), [1]);
        assert!(lines("FROM alpine\nLABEL owner=me source=https://x.org\n").is_empty());
    }

    #[test]
    fn every_leaf_stage_is_checked() {
        let src = "FROM alpine AS a\nLABEL owner=me source=https://x\nFROM alpine AS b\nLABEL owner=me\n";
        assert_eq!(lines(src), [3]);
    }

    #[test]
    fn labels_are_inherited_from_the_parent_stage() {
        let src = "FROM alpine AS base\nLABEL owner=me source=https://x\nFROM base\nRUN true\n";
        assert!(lines(src).is_empty());
    }

    #[test]
    fn stages_that_feed_others_are_not_images() {
        let src = "FROM golang AS build\nRUN go build\nFROM alpine\nCOPY --from=build /app /app\n\
                   LABEL owner=me source=https://x\n";
        assert!(lines(src).is_empty());
        let src = "FROM alpine AS base\nFROM base AS final\nLABEL owner=me source=https://x\n";
        assert!(lines(src).is_empty());
    }

    #[test]
    fn no_schema_no_finding() {
        assert!(crate::test_support::findings("DL3049", "FROM alpine\n").is_empty());
    }
}
