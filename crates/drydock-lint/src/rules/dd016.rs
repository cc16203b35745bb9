use drydock_syntax::{Base, Kind, Span};

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD016",
    name: "moving-tag",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `FROM` image whose tag moves: a named channel (`lts`, `stable`, `current`, `edge`,
`rolling`, `mainline`, also with a suffix such as `lts-alpine` or `stable-slim`) or a
major-version-only tag (`3`, `20`, `20-alpine`).

## Why is this bad?
Such tags are repointed at every release: `node:20` is a different image each month and
`alpine:edge` every day. The same Dockerfile builds different images over time, a rebuild can
break without any change of yours, and two machines can run different code for the same
commit. Pin at least the minor version (`node:20.12-slim`), or a digest.

## Example
```dockerfile
FROM node:lts-alpine
```

## Use instead
```dockerfile
FROM node:20.12.2-alpine3.19
```

## Differences from hadolint
`latest` is DL3007's. Numeric tags of four or more digits (years, dates) are not taken for
major versions, and a tag pinned by digest, or given by a variable, is not flagged.
"#,
    check,
};

const MOVING: &[&str] = &["lts", "stable", "current", "edge", "rolling", "mainline"];

fn check(cx: &Context, out: &mut Report) {
    for stage in &cx.dockerfile.stages {
        let (Base::Image(image), Kind::From(from)) =
            (&stage.base, &cx.dockerfile.instructions[stage.from].kind)
        else {
            continue;
        };
        let Some(tag) = image.tag.as_deref() else {
            continue;
        };
        if image.unresolved || image.digest.is_some() {
            continue;
        }
        let head = tag.split('-').next().unwrap_or(tag);
        let why = if MOVING.contains(&head.to_ascii_lowercase().as_str()) {
            format!("`{head}` moves with every release")
        } else if (1..=3).contains(&head.len()) && head.bytes().all(|b| b.is_ascii_digit()) {
            format!("the major-only `{head}` moves with every minor release")
        } else {
            continue;
        };
        out.add(
            tag_span(cx, from.image.span, tag),
            format!("tag `{tag}` is not a release: {why}; pin a full version or a digest"),
        );
    }
}

/// The tag inside the image word as written, or the whole word when it came from a variable.
fn tag_span(cx: &Context, word: Span, tag: &str) -> Span {
    let raw = cx.text(word);
    match raw.rsplit_once(':') {
        Some((_, written)) if written == tag => Span::new(word.end - tag.len(), word.end),
        _ => word,
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn moving_tags() {
        for image in [
            "node:lts",
            "node:lts-alpine",
            "debian:stable-slim",
            "alpine:edge",
            "nginx:mainline",
            "alpine:3",
            "node:20",
            "node:20-bookworm-slim",
            "ghcr.io/acme/app:1",
            "localhost:5000/app:current",
        ] {
            assert_lines("DD016", &format!("FROM {image}\n"), &[1]);
        }
    }

    #[test]
    fn pinned_or_other_tags() {
        for image in [
            "node:20.12",
            "alpine:3.20",
            "debian:bookworm",
            "debian:latest",
            "ubuntu",
            "app:20240101",
            "mcr.microsoft.com/mssql/server:2022-CU12-ubuntu-22.04",
            "node:20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "localhost:5000/app",
            "scratch",
        ] {
            assert_clean("DD016", &format!("FROM {image}\n"));
        }
        assert_clean("DD016", "FROM alpine:3.20 AS base\nFROM base\n");
    }

    #[test]
    fn the_span_is_the_tag() {
        let src = "FROM node:20-alpine AS build\n";
        let f = &findings("DD016", src)[0];
        assert_eq!(&src[f.span.start..f.span.end], "20-alpine");
        assert_eq!(
            f.message,
            "tag `20-alpine` is not a release: the major-only `20` moves with every minor \
             release; pin a full version or a digest"
        );
    }

    #[test]
    fn tags_from_arguments_point_at_the_image() {
        let src = "ARG V=lts\nFROM node:${V}\n";
        let f = &findings("DD016", src)[0];
        assert_eq!(&src[f.span.start..f.span.end], "node:${V}");
    }
}
