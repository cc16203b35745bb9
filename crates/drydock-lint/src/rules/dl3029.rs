use drydock_syntax::Kind;

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3029",
    name: "from-platform-pinned",
    aliases: &["FromPlatformFlagConstDisallowed"],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags `FROM --platform=...` unless the platform comes from BuildKit's automatic platform
arguments (`$BUILDPLATFORM`, `$TARGETPLATFORM`, `$TARGETARCH`, ...).

## Why is this bad?
A fixed platform forces one architecture whatever `docker build --platform` asks for: a
multi-platform build produces the same binary under every platform, or runs under emulation.
`--platform=$BUILDPLATFORM` (for cross-compiling stages) keeps the build portable; otherwise
leave the choice to the command line.

## Example
```dockerfile
FROM --platform=linux/amd64 debian:12.5
```

## Use instead
```dockerfile
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
```

## Differences from hadolint
A constant platform in a stage whose name contains its OS or architecture
(`FROM --platform=linux/arm64 alpine:3.20 AS build-arm64`) is accepted, as in BuildKit's
`FromPlatformFlagConstDisallowed`: it is one of a set of per-platform stages. The other
automatic platform arguments (`$BUILDOS/$BUILDARCH`, `$TARGETARCH`) count like
`$BUILDPLATFORM`; hadolint only knows `BUILDPLATFORM` and `TARGETPLATFORM`. A platform from a
user `ARG` (`--platform=$JS_PLATFORM`) is flagged as in hadolint, though BuildKit accepts
any variable: its default still pins the platform. Like BuildKit's own check, it is silenced by
`# check=skip=FromPlatformFlagConstDisallowed`, which hadolint ignores.

## References
hadolint DL3029; BuildKit check `FromPlatformFlagConstDisallowed`.
"#,
    check,
};

/// The platform arguments BuildKit sets for every build.
const AUTOMATIC: &[&str] = &[
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
];

fn check(cx: &Context, out: &mut Report) {
    for (_, instruction) in cx.instructions() {
        let Kind::From(from) = &instruction.kind else {
            continue;
        };
        let (Some(platform), Some(flag)) = (&from.platform, instruction.flag("platform")) else {
            continue;
        };
        let value = platform.value.as_str();
        if AUTOMATIC.iter().any(|a| value.contains(a)) {
            continue;
        }
        let stage_name = from.name.as_ref().map(|n| n.value.to_ascii_lowercase());
        let names_platform = !value.contains('$')
            && stage_name.is_some_and(|name| {
                value
                    .split('/')
                    .take(2)
                    .any(|part| !part.is_empty() && name.contains(&part.to_ascii_lowercase()))
            });
        if !names_platform {
            out.add(flag.span, "Do not use --platform flag with FROM");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_pinned_platforms() {
        assert_lines("DL3029", "FROM --platform=linux/amd64 debian:12\n", &[1]);
        assert_lines("DL3029", "FROM --platform=linux/amd64 debian:12 AS core\n", &[1]);
        assert_lines(
            "DL3029",
            "ARG JS_PLATFORM=linux/amd64\nFROM --platform=${JS_PLATFORM} node:20 AS js\n",
            &[2],
        );
    }

    #[test]
    fn accepts_automatic_platform_arguments() {
        for platform in [
            "$BUILDPLATFORM",
            "${BUILDPLATFORM}",
            "${BUILDPLATFORM:-linux/amd64}",
            "$TARGETPLATFORM",
            "$BUILDOS/$BUILDARCH",
            "linux/${TARGETARCH}",
        ] {
            assert_clean("DL3029", &format!("FROM --platform={platform} debian:12\n"));
        }
        assert_clean("DL3029", "FROM debian:12\n");
    }

    #[test]
    fn accepts_per_platform_stages() {
        let src = "FROM --platform=linux/amd64 alpine:3 AS build_amd64\n\
                   FROM --platform=linux/arm64 alpine:3 AS build-ARM64\n";
        assert_clean("DL3029", src);
    }
}
