use drydock_syntax::Kind;

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3065",
    name: "redundant-target-platform",
    aliases: &["RedundantTargetPlatform"],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags `FROM --platform=$TARGETPLATFORM`.

## Why is this bad?
A stage is built for the target platform unless told otherwise: the flag changes nothing and
suggests the author meant another platform, such as `$BUILDPLATFORM` for a cross-compiling
build stage.

## Example
```dockerfile
FROM --platform=$TARGETPLATFORM alpine:3.20
```

## Use instead
```dockerfile
FROM alpine:3.20
```

## Differences from hadolint
The value is compared with its quotes removed, so `--platform="$TARGETPLATFORM"` is flagged too.

## References
hadolint DL3065; BuildKit check `RedundantTargetPlatform`.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for (_, instruction) in cx.instructions() {
        let Kind::From(from) = &instruction.kind else {
            continue;
        };
        let Some(platform) = &from.platform else {
            continue;
        };
        if matches!(
            platform.value.as_str(),
            "$TARGETPLATFORM" | "${TARGETPLATFORM}"
        ) {
            out.add(
                platform.span,
                "Setting `FROM --platform` to predefined `$TARGETPLATFORM` in is redundant as this is the default behavior",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_target_platform() {
        assert_lines("DL3065", "FROM --platform=$TARGETPLATFORM a\n", &[1]);
        assert_lines(
            "DL3065",
            "FROM a\nFROM --platform=${TARGETPLATFORM} b AS c\n",
            &[2],
        );
        assert_lines("DL3065", "FROM --platform=\"$TARGETPLATFORM\" a\n", &[1]);
    }

    #[test]
    fn accepts_other_platforms() {
        assert_clean("DL3065", "FROM --platform=$BUILDPLATFORM a\n");
        assert_clean("DL3065", "FROM --platform=linux/amd64 a\nFROM a\n");
    }

    #[test]
    fn the_buildkit_name_silences_it() {
        assert_clean(
            "DL3065",
            "# check=skip=RedundantTargetPlatform\nFROM --platform=$TARGETPLATFORM a\n",
        );
    }
}
