use drydock_syntax::{Base, CommandForm, Healthcheck, ImageRef, Instruction, Kind, Span};

use crate::packages::{install, package_name};
use crate::stages::{final_image, root_base};
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD010",
    name: "healthcheck-tool-missing",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a HEALTHCHECK of the final image that calls `curl` or `wget` when the image it is built
from most likely lacks that tool, and the final image neither installs it
(`apk add curl`, `apt-get install curl`, ...) nor copies it in:
- `alpine` images (and `busybox`): no curl; busybox provides `wget`;
- `-slim` variants, `debian` and `ubuntu`: neither curl nor wget;
- distroless (`gcr.io/distroless/...`) and `scratch`: no tools and no shell, so a shell-form
  HEALTHCHECK fails whatever it calls (distroless `:debug` tags have busybox).

## Why is this bad?
A health check that cannot run reports the container unhealthy forever: orchestrators then
restart it in a loop or never send it traffic, although the service itself is fine. The build
gives no warning; it only shows in production.

## Example
```dockerfile
FROM node:22-alpine
COPY . /app
HEALTHCHECK CMD curl -f http://localhost:3000/health || exit 1
CMD ["node", "/app/server.js"]
```

## Use instead
```dockerfile
FROM node:22-alpine
COPY . /app
HEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1
CMD ["node", "/app/server.js"]
```
"#,
    check,
};

/// What a base image ships.
#[derive(Clone, Copy, PartialEq)]
enum Toolset {
    /// `scratch`, distroless: no shell, no tools.
    Nothing,
    /// alpine, busybox, distroless `:debug`: a shell and busybox `wget`, no curl.
    Busybox,
    /// `-slim`, debian, ubuntu: a shell, neither curl nor wget.
    Minimal,
}

impl Toolset {
    fn of(base: &Base) -> Option<Toolset> {
        let image = match base {
            Base::Scratch => return Some(Toolset::Nothing),
            Base::Image(image) if !image.unresolved => image,
            _ => return None,
        };
        let tag = image.tag.as_deref().unwrap_or("");
        let name = image.repository.rsplit('/').next().unwrap_or("");
        if image.registry.as_deref() == Some("gcr.io") && image.repository.starts_with("distroless/") {
            Some(if tag.contains("debug") { Toolset::Busybox } else { Toolset::Nothing })
        } else if name == "alpine" || name == "busybox" || tag.contains("alpine") {
            Some(Toolset::Busybox)
        } else if tag.contains("slim") || name == "debian" || name == "ubuntu" {
            Some(Toolset::Minimal)
        } else {
            None
        }
    }

    fn has(self, tool: &str) -> bool {
        self == Toolset::Busybox && tool == "wget"
    }

    fn hint(self) -> &'static str {
        match self {
            Toolset::Busybox => "use busybox's `wget -qO- URL`, or install curl in the final stage",
            Toolset::Minimal => "install it in the final stage, or check health with a program the image has",
            Toolset::Nothing => "copy a static health-check binary in and call it in exec form",
        }
    }
}

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    let Some(stage) = df.final_stage() else {
        return;
    };
    let image = final_image(df);
    let Some(Healthcheck::Cmd { command, .. }) = image.iter().rev().find_map(|(_, i)| match &i.kind {
        Kind::Healthcheck(h) => Some(h),
        _ => None,
    }) else {
        return;
    };
    let base = root_base(df, stage);
    let Some(toolset) = Toolset::of(base) else {
        return;
    };
    let base_name = match base {
        Base::Image(ImageRef { text, .. }) => text.as_str(),
        _ => "scratch",
    };
    if let (Toolset::Nothing, CommandForm::Shell(shell)) = (toolset, command) {
        let span = shell.span(0, shell.text.trim_end().len());
        out.add(
            span,
            format!("`{base_name}` has no shell, so this shell-form HEALTHCHECK cannot run: {}", toolset.hint()),
        );
        return;
    }
    for (tool, span) in called_tools(command) {
        if toolset.has(tool) || provides(&image, tool) {
            continue;
        }
        out.add(
            span,
            format!(
                "the HEALTHCHECK calls `{tool}`, which `{base_name}` does not include: {}",
                toolset.hint()
            ),
        );
    }
}

/// `curl` and `wget` calls of a HEALTHCHECK command, with their spans.
fn called_tools(command: &CommandForm) -> Vec<(&'static str, Span)> {
    let tool = |word: &str| {
        let name = word.rsplit('/').next().unwrap_or(word);
        ["curl", "wget"].into_iter().find(|t| *t == name)
    };
    match command {
        // The span of a JSON string holds its quotes; the tool is inside them.
        CommandForm::Exec(words) => words
            .first()
            .and_then(|w| Some((tool(&w.value)?, Span::new(w.span.start + 1, w.span.end - 1))))
            .into_iter()
            .collect(),
        CommandForm::Shell(shell) => shell
            .script
            .commands
            .iter()
            .filter_map(|c| {
                let w = c.words.first()?;
                Some((tool(&w.value)?, shell.span(w.span.start, w.span.end)))
            })
            .collect(),
    }
}

/// Whether the image installs `tool` with a package manager or copies a file of that name in.
fn provides(image: &[(usize, &Instruction)], tool: &str) -> bool {
    image.iter().any(|(_, ins)| match &ins.kind {
        // A package list in a variable (`apt-get install $RUNTIME_PACKAGES`) may hold it.
        Kind::Run(_) => ins.scripts().iter().any(|s| {
            s.script.commands.iter().any(|c| {
                install(c).is_some_and(|i| {
                    i.packages
                        .iter()
                        .any(|p| package_name(&p.value) == tool || p.value.contains('$'))
                })
            })
        }),
        Kind::Copy(copy) | Kind::Add(copy) => copy
            .sources
            .iter()
            .chain(copy.dest.as_ref())
            .any(|w| w.value.trim_end_matches('/').rsplit('/').next() == Some(tool)),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn curl_on_alpine_and_slim() {
        assert_lines("DD010", "FROM alpine:3.20\nHEALTHCHECK CMD curl -f http://localhost/\n", &[2]);
        assert_lines("DD010", "FROM python:3.12-slim\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://x/\"]\n", &[2]);
        assert_lines("DD010", "FROM debian:12-slim\nHEALTHCHECK CMD wget -q http://x/ || exit 1\n", &[2]);
        assert_lines("DD010", "FROM ubuntu:24.04\nHEALTHCHECK --interval=5s \\\n  CMD /usr/bin/curl -f http://x/\n", &[3]);
    }

    #[test]
    fn busybox_has_wget() {
        assert_clean("DD010", "FROM node:22-alpine\nHEALTHCHECK CMD wget -qO- http://x/ || exit 1\n");
        assert_clean("DD010", "FROM gcr.io/distroless/base:debug\nHEALTHCHECK CMD wget -q http://x/\n");
    }

    #[test]
    fn exec_form_span_is_the_tool_name() {
        let src = "FROM alpine\nHEALTHCHECK CMD [\"curl\", \"http://x/\"]\n";
        let f = findings("DD010", src);
        assert_eq!(&src[f[0].span.start..f[0].span.end], "curl");
    }

    #[test]
    fn shell_less_images_cannot_run_shell_form() {
        assert_lines("DD010", "FROM gcr.io/distroless/static\nHEALTHCHECK CMD /app health\n", &[2]);
        assert_lines("DD010", "FROM scratch\nHEALTHCHECK CMD [\"curl\", \"http://x/\"]\n", &[2]);
        assert_clean("DD010", "FROM scratch\nCOPY app /app\nHEALTHCHECK CMD [\"/app\", \"health\"]\n");
    }

    #[test]
    fn installing_or_copying_the_tool_is_fine() {
        assert_clean("DD010", "FROM alpine\nRUN apk add --no-cache curl\nHEALTHCHECK CMD curl -f http://x/\n");
        assert_clean(
            "DD010",
            "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl=7.88\nHEALTHCHECK CMD curl http://x/\n",
        );
        assert_clean(
            "DD010",
            "FROM debian:12-slim\nARG PKGS=\"curl tini\"\nRUN apt-get install -y $PKGS\nHEALTHCHECK CMD curl http://x/\n",
        );
        assert_clean(
            "DD010",
            "FROM gcr.io/distroless/base\nCOPY --from=curlimages/curl:8.8.0 /usr/bin/curl /usr/bin/curl\n\
             HEALTHCHECK CMD [\"curl\", \"http://x/\"]\n",
        );
    }

    #[test]
    fn follows_the_final_stage_lineage() {
        let src = "FROM alpine AS base\nRUN apk add curl\nFROM base\nHEALTHCHECK CMD curl http://x/\n";
        assert_clean("DD010", src);
        let src = "FROM alpine AS build\nRUN apk add curl\nFROM alpine\nHEALTHCHECK CMD curl http://x/\n";
        assert_lines("DD010", src, &[4]);
        assert_clean("DD010", "FROM node:22\nHEALTHCHECK CMD curl http://x/\n");
        assert_clean("DD010", "FROM alpine\nHEALTHCHECK CMD curl http://x/\nHEALTHCHECK NONE\n");
    }
}
