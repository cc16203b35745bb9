use drydock_syntax::{Base, Kind};

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3007",
    name: "latest-tag",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `FROM` image pinned to the `latest` tag.

## Why is this bad?
`latest` moves with every release of the base image, so the same Dockerfile builds a different
image from one day to the next, and a rebuild can break without any change of yours.

## Example
```dockerfile
FROM debian:latest
```

## Use instead
```dockerfile
FROM debian:12.5-slim
```

## References
hadolint DL3007.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for stage in &cx.dockerfile.stages {
        let Base::Image(image) = &stage.base else {
            continue;
        };
        if image.tag.as_deref() == Some("latest") && image.digest.is_none() {
            let Kind::From(from) = &cx.dockerfile.instructions[stage.from].kind else {
                continue;
            };
            out.add(
                from.image.span,
                "Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_latest_only() {
        assert_lines("DL3007", "FROM debian:latest\n", &[1]);
        assert_clean("DL3007", "FROM debian:12\n");
        assert_clean("DL3007", "FROM debian:latest@sha256:abcd\n");
    }

    #[test]
    fn expands_global_args() {
        assert_lines("DL3007", "ARG TAG=latest\nFROM debian:${TAG}\n", &[2]);
    }
}
