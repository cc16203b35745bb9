use drydock_syntax::{Base, ImageRef, Kind};

use crate::stages::lineage;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD015",
    name: "full-size-final-base",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a final image built on the full-size variant of an official image that also comes in a
smaller variant (`node:20` rather than `node:20-slim`, `python:3.12` rather than
`python:3.12-slim`, `debian:bookworm` rather than `debian:bookworm-slim`, a JDK rather than a
JRE), or on a toolchain image (`golang`, `rust`, `gcc`, `maven`, `gradle`, the .NET SDK) that
a runtime image should replace once the build is done.

Only the final stage counts (with the stages it is built on); builder stages may use any
image. Images Drydock knows: `node`, `python`, `ruby`, `perl`, `elixir`, `erlang`, `debian`,
`openjdk`, `eclipse-temurin`, `golang`, `rust`, `gcc`, `maven`, `gradle`, `buildpack-deps` and
`mcr.microsoft.com/dotnet/sdk`. An image whose variables cannot be resolved, or pinned by
digest alone, is not judged.

## Why is this bad?
Full-size variants carry compilers, headers and hundreds of packages the application never
runs: images several times larger, slower pulls and cold starts, and more packages for
vulnerability scanners to report. Build in a full image if you need to, then copy the result
into a small final stage.

## Example
```dockerfile
FROM python:3.12
COPY app.py /app/
CMD ["python", "/app/app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY app.py /app/
CMD ["python", "/app/app.py"]
```
"#,
    check,
};

/// An official image with a full-size default and the tag markers of its small variants.
struct Family {
    registry: Option<&'static str>,
    repository: &'static str,
    small_markers: &'static [&'static str],
    advice: &'static str,
}

const SLIM_OR_ALPINE: &str = "its `-slim` or `-alpine` variant";
const SLIM: &str = "its `-slim` variant";
const BINARY_ONLY: &str = "a `scratch`, distroless or `-slim` base holding only the built binary";
const JRE: &str = "a JRE image such as `eclipse-temurin:21-jre` with the built artifact";

const FAMILIES: &[Family] = &[
    official("node", &["slim", "alpine"], SLIM_OR_ALPINE),
    official("python", &["slim", "alpine"], SLIM_OR_ALPINE),
    official("ruby", &["slim", "alpine"], SLIM_OR_ALPINE),
    official("perl", &["slim"], SLIM),
    official("elixir", &["slim", "alpine"], SLIM_OR_ALPINE),
    official("erlang", &["slim", "alpine"], SLIM_OR_ALPINE),
    official("debian", &["slim"], SLIM),
    official("openjdk", &["jre", "slim", "alpine"], JRE),
    official("eclipse-temurin", &["jre"], "its `-jre` variant"),
    official("golang", &[], BINARY_ONLY),
    official("rust", &[], BINARY_ONLY),
    official("gcc", &[], BINARY_ONLY),
    official("maven", &[], JRE),
    official("gradle", &[], JRE),
    official(
        "buildpack-deps",
        &[],
        "`debian:<release>-slim` with only the packages the application needs",
    ),
    Family {
        registry: Some("mcr.microsoft.com"),
        repository: "dotnet/sdk",
        small_markers: &[],
        advice: "`mcr.microsoft.com/dotnet/aspnet` or `mcr.microsoft.com/dotnet/runtime`",
    },
];

const fn official(
    repository: &'static str,
    small_markers: &'static [&'static str],
    advice: &'static str,
) -> Family {
    Family {
        registry: None,
        repository,
        small_markers,
        advice,
    }
}

/// Tags that are small whatever the family: Windows variants are judged by other means.
const ALWAYS_SMALL: &[&str] = &["distroless", "nanoserver", "windowsservercore"];

fn check(cx: &Context, out: &mut Report) {
    let Some(last) = cx.dockerfile.final_stage() else {
        return;
    };
    // The stage whose FROM names the image the final image is built on.
    let stage = lineage(cx.dockerfile, last).last().copied().unwrap_or(last);
    let (Base::Image(image), Kind::From(from)) =
        (&stage.base, &cx.dockerfile.instructions[stage.from].kind)
    else {
        return;
    };
    if let Some(family) = full_size_family(image) {
        out.add(
            from.image.span,
            format!(
                "the final image is built on the full-size `{}`: use {}",
                image.text, family.advice
            ),
        );
    }
}

fn full_size_family(image: &ImageRef) -> Option<&'static Family> {
    if image.unresolved || (image.tag.is_none() && image.digest.is_some()) {
        return None;
    }
    let registry = image
        .registry
        .as_deref()
        .filter(|r| !matches!(*r, "docker.io" | "index.docker.io" | "registry-1.docker.io"));
    let repository = image
        .repository
        .strip_prefix("library/")
        .unwrap_or(&image.repository);
    let family = FAMILIES
        .iter()
        .find(|f| f.registry == registry && f.repository == repository)?;
    let tag = image
        .tag
        .as_deref()
        .unwrap_or("latest")
        .to_ascii_lowercase();
    let small = family
        .small_markers
        .iter()
        .chain(ALWAYS_SMALL)
        .any(|m| tag.contains(m));
    (!small).then_some(family)
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn full_size_final_bases() {
        for image in [
            "node:20",
            "node",
            "node:lts-bookworm",
            "python:3.12",
            "docker.io/library/python:3.12-bookworm",
            "ruby:3.3",
            "debian:bookworm",
            "debian:12",
            "eclipse-temurin:21-jdk",
            "openjdk:17",
            "golang:1.22-alpine",
            "rust:1.77",
            "maven:3-eclipse-temurin-21",
            "mcr.microsoft.com/dotnet/sdk:8.0",
        ] {
            assert_lines("DD015", &format!("FROM {image}\nCMD [\"x\"]\n"), &[1]);
        }
    }

    #[test]
    fn small_or_unknown_bases() {
        for image in [
            "node:20-slim",
            "node:20-alpine3.19",
            "python:3.12-slim-bookworm",
            "debian:bookworm-slim",
            "eclipse-temurin:21-jre",
            "alpine:3.20",
            "ubuntu:24.04",
            "gcr.io/distroless/static",
            "ghcr.io/acme/node:20",
            "node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "mcr.microsoft.com/dotnet/aspnet:8.0",
            "scratch",
        ] {
            assert_clean("DD015", &format!("FROM {image}\nCMD [\"x\"]\n"));
        }
        assert_clean("DD015", "ARG TAG\nFROM node:${TAG}\n");
    }

    #[test]
    fn only_the_final_image_counts() {
        assert_clean(
            "DD015",
            "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n",
        );
        assert_lines(
            "DD015",
            "FROM node:20 AS base\nRUN npm ci\nFROM alpine AS other\nFROM base\nCMD [\"node\"]\n",
            &[1],
        );
    }

    #[test]
    fn the_message_gives_the_advice() {
        let found = findings("DD015", "FROM golang:1.22\n");
        assert_eq!(
            found[0].message,
            "the final image is built on the full-size `golang:1.22`: use a `scratch`, \
             distroless or `-slim` base holding only the built binary"
        );
    }
}
