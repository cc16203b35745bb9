use drydock_syntax::{Base, Kind};

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3006",
    name: "untagged-image",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `FROM` image without a tag or digest.

## Why is this bad?
An untagged image means `latest`, which moves with every release of the base image: the same
Dockerfile builds something different from one day to the next, and a rebuild can break
without any change of yours.

## Example
```dockerfile
FROM debian
```

## Use instead
```dockerfile
FROM debian:12.5-slim
```

## Differences from hadolint
A `FROM` that names an earlier stage through a variable (`FROM build-${VARIANT}`, with stages
`build-cpu` and `build-gpu`) is a stage, not an image: Drydock resolves the global `ARG`
defaults as BuildKit does and does not flag it; hadolint does. Any other reference written with
a variable (`FROM $BASE_IMAGE`) is a parameter and is not flagged, as in hadolint. Stage names
match case-insensitively, as in BuildKit.

## References
hadolint DL3006.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for stage in &cx.dockerfile.stages {
        let Base::Image(image) = &stage.base else {
            continue;
        };
        let Kind::From(from) = &cx.dockerfile.instructions[stage.from].kind else {
            continue;
        };
        // A reference built from variables is a parameter: whoever sets it picks the version.
        if image.tag.is_none() && image.digest.is_none() && !from.image.value.contains('$') {
            out.add(
                from.image.span,
                "Always tag the version of an image explicitly",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_untagged_images() {
        assert_lines("DL3006", "FROM debian\n", &[1]);
        assert_lines("DL3006", "FROM gcr.io/distroless/static AS run\n", &[1]);
        assert_lines("DL3006", "FROM localhost:5000/app\n", &[1]);
    }

    #[test]
    fn accepts_tags_digests_scratch_and_stages() {
        assert_clean("DL3006", "FROM debian:12\n");
        assert_clean("DL3006", "FROM debian@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n");
        assert_clean("DL3006", "FROM scratch\n");
        assert_clean("DL3006", "FROM debian:12 AS Base\nFROM base\n");
        assert_clean("DL3006", "ARG V=yes\nFROM alpine:3 AS bin-yes\nFROM bin-${V}\n");
        assert_clean("DL3006", "FROM ${UNSET_IMAGE}\n");
        assert_clean("DL3006", "ARG IMAGE=debian\nFROM $IMAGE\n");
    }

    #[test]
    fn a_later_stage_name_is_an_image() {
        assert_lines("DL3006", "FROM later\nFROM debian:12 AS later\n", &[1]);
    }
}
