use drydock_syntax::{Base, ImageRef, Kind};

use crate::stages::{final_image, root_base};
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD002",
    name: "runs-as-root",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags the final stage when neither it nor a stage it is built on ever sets `USER`, so the
container runs as root. Base images known to run as an unprivileged user (`nonroot` tags,
Chainguard images) and Windows images are left alone.

## Why is this bad?
A process running as root inside the container is root on every file the container can reach:
a bug in the application, or a compromised dependency, can rewrite the image's binaries, read
mounted secrets, and make any container escape worse. Most services need no privilege at all.

## Example
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
```

## Use instead
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY --chown=node:node . .
USER node
CMD ["node", "server.js"]
```

## Relation to DL3002
DD002 is about a final image that never switches user. When the final stage does set USER but
the last one is `root` (or `0`), that is DL3002's finding, not DD002's, so one mistake is
reported once.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    let Some(stage) = df.final_stage() else {
        return;
    };
    if final_image(df)
        .iter()
        .any(|(_, i)| matches!(i.kind, Kind::User(_)))
    {
        return;
    }
    let runs_unprivileged = match root_base(df, stage) {
        Base::Image(image) => image.unresolved || known_unprivileged(image) || is_windows(image),
        Base::Scratch => false,
        Base::Stage(_) => true,
    };
    if !runs_unprivileged {
        out.add(
            df.instructions[stage.from].span,
            "the final stage never sets USER, so the container runs as root: create an unprivileged user and switch to it with USER",
        );
    }
}

/// Images whose default user is not root.
fn known_unprivileged(image: &ImageRef) -> bool {
    let tag = image.tag.as_deref().unwrap_or("");
    tag.contains("nonroot")
        || tag.contains("non-root")
        || (image.registry.as_deref() == Some("cgr.dev")
            && image.repository.starts_with("chainguard/")
            && !tag.contains("dev"))
}

/// Windows base images run as `ContainerUser` or `ContainerAdministrator`, set differently.
fn is_windows(image: &ImageRef) -> bool {
    let text = image.text.to_ascii_lowercase();
    ["windows", "nanoserver", "servercore"]
        .iter()
        .any(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_a_final_image_without_user() {
        assert_lines("DD002", "FROM alpine:3.20\nCMD [\"/app\"]\n", &[1]);
        assert_lines("DD002", "FROM scratch\nCOPY app /app\n", &[1]);
        let src = "FROM golang:1.22 AS build\nUSER builder\nRUN go build\nFROM alpine:3.20\nCOPY --from=build /app /app\n";
        assert_lines("DD002", src, &[4]);
    }

    #[test]
    fn a_user_anywhere_in_the_final_image_counts() {
        assert_clean("DD002", "FROM alpine\nRUN adduser -D app\nUSER app\n");
        assert_clean("DD002", "FROM alpine AS base\nUSER app\nFROM base\nCMD [\"/app\"]\n");
        // Last USER root is DL3002's finding.
        assert_clean("DD002", "FROM alpine\nUSER root\n");
    }

    #[test]
    fn unprivileged_and_unknown_bases_are_left_alone() {
        assert_clean("DD002", "FROM gcr.io/distroless/static:nonroot\nCOPY app /app\n");
        assert_clean("DD002", "FROM cgr.dev/chainguard/node:latest\n");
        assert_clean("DD002", "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n");
        assert_clean("DD002", "ARG BASE\nFROM ${BASE}\n");
    }
}
