use drydock_syntax::expand::expand;
use drydock_syntax::{From, Kind, Scope, PREDEFINED_ARGS};

use crate::reference::is_valid_reference;
use crate::suggest::closest;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD026",
    name: "undefined-arg-in-from",
    aliases: &["UndefinedArgInFrom", "InvalidDefaultArgInFrom"],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `FROM` that uses a variable no `ARG` before the first `FROM` declares (the platform
ARGs such as `BUILDPLATFORM` are predefined), and a `FROM` whose image reference is empty or
invalid when the global ARGs keep their defaults, as in a build without `--build-arg`.

## Why is this bad?
Only global ARGs reach `FROM` lines; anything else expands to nothing, so
`FROM node:22${VARIANT}` silently builds on `node:22`, and a misspelt `$BUILDPLATFROM` drops
the platform. An ARG without a default (`ARG TAG` then `FROM busybox:${TAG}`) makes the build
fail unless every caller passes `--build-arg`.

## Example
```dockerfile
ARG TAG
FROM busybox:${TAG}
FROM node:22${VARIANT} AS web
```

## Use instead
```dockerfile
ARG TAG=1.36
ARG VARIANT=-alpine
FROM busybox:${TAG}
FROM node:22${VARIANT} AS web
```

## Differences from hadolint
hadolint has no such rule. A reference that names an earlier stage, or `scratch`, is valid.
When checking references, the platform ARGs take the values of a `linux/amd64` build.

## References
BuildKit checks `UndefinedArgInFrom` and `InvalidDefaultArgInFrom`.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    df.visit_scopes(|index, globals| {
        let Kind::From(from) = &df.instructions[index].kind else {
            return;
        };
        if !report_undefined(cx, from, globals, out) {
            report_invalid_default(cx, index, from, globals, out);
        }
    });
}

/// Reports the undeclared variables of a FROM's image and platform; returns whether any was.
fn report_undefined(cx: &Context, from: &From, globals: &Scope, out: &mut Report) -> bool {
    let mut found = false;
    for word in std::iter::once(&from.image).chain(&from.platform) {
        let raw = cx.text(word.span);
        if !raw.contains('$') {
            continue;
        }
        let expansion = expand(raw, cx.dockerfile.escape, &|n| globals.lookup(n));
        for name in expansion
            .undefined
            .iter()
            .filter(|n| !globals.is_defined(n))
        {
            found = true;
            let known = globals
                .variables()
                .iter()
                .map(|v| v.name.as_str())
                .chain(PREDEFINED_ARGS.iter().copied());
            let hint = closest(name, known)
                .map(|c| format!(" (did you mean `${c}`?)"))
                .unwrap_or_default();
            out.add(
                word.span,
                format!(
                    "`${name}` is not declared before the first FROM{hint}: add `ARG {name}=...` \
                     at the top of the file"
                ),
            );
        }
    }
    found
}

fn report_invalid_default(
    cx: &Context,
    index: usize,
    from: &From,
    globals: &Scope,
    out: &mut Report,
) {
    let raw = cx.text(from.image.span);
    if !raw.contains('$') {
        return;
    }
    let lookup = |n: &str| globals.lookup(n).or_else(|| platform_default(n));
    let image = expand(raw, cx.dockerfile.escape, &lookup).value;
    let names_stage = cx
        .dockerfile
        .stage_named(&image)
        .is_some_and(|s| s.from < index);
    if image == "scratch" || names_stage || is_valid_reference(&image) {
        return;
    }
    let what = if image.is_empty() {
        "an empty image name".to_owned()
    } else {
        format!("`{image}`, not a valid image reference")
    };
    out.add(
        from.image.span,
        format!(
            "without `--build-arg` this FROM names {what}: give the ARG a default, or write \
             `${{NAME:-default}}`"
        ),
    );
}

/// The value BuildKit gives a platform ARG in a `linux/amd64` build.
fn platform_default(name: &str) -> Option<String> {
    let value = match name {
        "TARGETPLATFORM" | "BUILDPLATFORM" => "linux/amd64",
        "TARGETOS" | "BUILDOS" => "linux",
        "TARGETARCH" | "BUILDARCH" => "amd64",
        "TARGETVARIANT" | "BUILDVARIANT" => "",
        _ => return None,
    };
    Some(value.to_owned())
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    fn messages(src: &str) -> Vec<String> {
        findings("DD026", src)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn undeclared_in_from() {
        assert_lines("DD026", "FROM node:22${VARIANT} AS web\n", &[1]);
        assert_lines("DD026", "FROM alpine\nARG V=3\nFROM alpine:${V}\n", &[3]);
        assert_clean("DD026", "ARG VARIANT=-alpine\nFROM node:22${VARIANT}\n");
        assert_clean(
            "DD026",
            "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n",
        );
    }

    #[test]
    fn suggests_builtin_platform_args() {
        assert_eq!(
            messages("FROM --platform=$BUILDPLATFROM alpine:3.20\n"),
            ["`$BUILDPLATFROM` is not declared before the first FROM (did you mean `$BUILDPLATFORM`?): add `ARG BUILDPLATFROM=...` at the top of the file"]
        );
    }

    #[test]
    fn defaults_that_leave_an_invalid_image() {
        assert_eq!(
            messages("ARG TAG\nFROM busybox:${TAG}\n"),
            ["without `--build-arg` this FROM names `busybox:`, not a valid image reference: give the ARG a default, or write `${NAME:-default}`"]
        );
        assert_eq!(
            messages("ARG BASE_IMAGE\nFROM $BASE_IMAGE\n"),
            ["without `--build-arg` this FROM names an empty image name: give the ARG a default, or write `${NAME:-default}`"]
        );
        assert_lines("DD026", "ARG REPO=Acme/App\nFROM ${REPO}:1\n", &[2]);
    }

    #[test]
    fn defaults_that_give_a_valid_image() {
        assert_clean("DD026", "ARG TAG=latest\nFROM busybox:${TAG}\n");
        assert_clean("DD026", "ARG VARIANT\nFROM busybox:stable${VARIANT}\n");
        assert_clean("DD026", "ARG TAG\nFROM alpine:${TAG:-3.14}\n");
        assert_clean(
            "DD026",
            "ARG BASE=build\nFROM alpine AS build\nFROM ${BASE}\n",
        );
        assert_clean("DD026", "ARG BASE=scratch\nFROM ${BASE}\n");
        assert_clean("DD026", "FROM ${TARGETARCH}/alpine\n");
    }
}
