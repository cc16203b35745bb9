use drydock_syntax::{Base, Kind, Span};

use crate::{Context, Edit, Fix, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD021",
    name: "stage-name-casing",
    aliases: &["StageNameCasing"],
    severity: Severity::Style,
    fix: FixAvailability::Always,
    docs: r#"
## What it does
Flags a stage name (`FROM image AS name`) that is not all lower case.

## Why is this bad?
Stage names are matched case-insensitively, so `Builder` and `builder` are the same stage:
mixed case only suggests a difference that does not exist, and lower-case names stand apart
from the upper-case keywords around them.

## Example
```dockerfile
FROM golang:1.22 AS BuildBase
RUN go build -o /out/app .
FROM gcr.io/distroless/static
COPY --from=BuildBase /out/app /app
```

## Use instead
```dockerfile
FROM golang:1.22 AS build-base
RUN go build -o /out/app .
FROM gcr.io/distroless/static
COPY --from=build-base /out/app /app
```

## Fix safety
Safe: the name and every reference to it (`FROM name`, `--from=name`, `--mount=from=name`)
are lower-cased together, and references were case-insensitive already.

## References
BuildKit check `StageNameCasing`.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for (index, stage) in cx.dockerfile.stages.iter().enumerate() {
        let Kind::From(from) = &cx.dockerfile.instructions[stage.from].kind else {
            continue;
        };
        let Some(name) = &from.name else {
            continue;
        };
        let lower = name.value.to_ascii_lowercase();
        if name.value == lower {
            continue;
        }
        let mut edits = vec![Edit::replace(name.span, lower.clone())];
        edits.extend(
            references(cx, index, &name.value)
                .into_iter()
                .map(|span| Edit::replace(span, lower.clone())),
        );
        out.add_with_fix(
            name.span,
            format!("stage name `{}` should be lower case", name.value),
            Fix::safe(format!("rename the stage to `{lower}`"), edits),
        );
    }
}

/// Spans of the references to stage `index` (named `name`) that are not lower case.
fn references(cx: &Context, index: usize, name: &str) -> Vec<Span> {
    let refers = |value: &str| value.eq_ignore_ascii_case(name) && value != name.to_lowercase();
    let mut spans = Vec::new();
    for stage in &cx.dockerfile.stages {
        if let (Base::Stage(base), Kind::From(from)) =
            (&stage.base, &cx.dockerfile.instructions[stage.from].kind)
        {
            if *base == index && refers(&from.image.value) {
                spans.push(from.image.span);
            }
        }
    }
    for instruction in &cx.dockerfile.instructions {
        match &instruction.kind {
            Kind::Copy(copy) | Kind::Add(copy) => {
                spans.extend(
                    copy.from
                        .iter()
                        .filter(|f| refers(&f.value))
                        .map(|f| f.span),
                );
            }
            Kind::Run(run) => {
                for mount in &run.mounts {
                    let Some(from) = mount.from.as_deref().filter(|f| refers(f)) else {
                        continue;
                    };
                    let text = cx.text(mount.span);
                    if let Some(at) = text.find(&format!("from={from}")) {
                        let start = mount.span.start + at + "from=".len();
                        spans.push(Span::new(start, start + from.len()));
                    }
                }
            }
            _ => {}
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn mixed_case_names() {
        assert_lines("DD021", "FROM alpine AS BuilderBase\n", &[1]);
        assert_lines("DD021", "FROM alpine AS a\nFROM alpine AS B\n", &[2]);
        assert_clean("DD021", "FROM alpine AS builder-base\nFROM alpine\n");
    }

    #[test]
    fn fix_renames_the_stage_and_its_references() {
        assert_fix(
            "DD021",
            "FROM alpine AS Build\nRUN touch /x\n\
             FROM Build AS Test\n\
             RUN --mount=type=bind,from=BUILD,target=/b ls /b\n\
             FROM scratch\nCOPY --from=Build /x /x\n",
            "FROM alpine AS build\nRUN touch /x\n\
             FROM build AS test\n\
             RUN --mount=type=bind,from=build,target=/b ls /b\n\
             FROM scratch\nCOPY --from=build /x /x\n",
        );
    }
}
