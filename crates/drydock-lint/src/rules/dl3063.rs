use drydock_syntax::Kind;

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3063",
    name: "reserved-stage-name",
    aliases: &["ReservedStageName"],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a stage named `scratch` or `context`.

## Why is this bad?
Both names already mean something to BuildKit: `scratch` is the empty image and `context` the
build context. `FROM scratch` or `COPY --from=context` after such a stage is ambiguous, and the
stage may not be used where you expect.

## Example
```dockerfile
FROM golang:1.22 AS scratch
RUN go build -o /out/app ./cmd/app
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app ./cmd/app
```

## Differences from hadolint
Stage names are case-insensitive, so Drydock also flags `AS Scratch`, as BuildKit does;
hadolint only flags the lower-case names.

## References
hadolint DL3063; BuildKit check `ReservedStageName`.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for stage in &cx.dockerfile.stages {
        let Kind::From(from) = &cx.dockerfile.instructions[stage.from].kind else {
            continue;
        };
        if let (Some(name), Some(word)) = (&stage.name, &from.name) {
            if name == "scratch" || name == "context" {
                out.add(word.span, "stage name should not be a reserved word");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_reserved_names() {
        assert_lines("DL3063", "FROM a AS scratch\n", &[1]);
        assert_lines("DL3063", "FROM a\nFROM b as context\n", &[2]);
        assert_lines("DL3063", "FROM a AS Scratch\n", &[1]);
    }

    #[test]
    fn accepts_other_names() {
        assert_clean("DL3063", "FROM scratch AS base\nFROM a AS build\n");
    }

    #[test]
    fn the_buildkit_name_silences_it() {
        assert_clean(
            "DL3063",
            "# check=skip=ReservedStageName\nFROM a AS scratch\n",
        );
        assert_clean(
            "DL3063",
            "# hadolint ignore=ReservedStageName\nFROM a AS scratch\n",
        );
    }
}
