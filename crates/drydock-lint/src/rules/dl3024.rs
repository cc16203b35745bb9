use drydock_syntax::Kind;

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3024",
    name: "duplicate-stage-name",
    aliases: &["DuplicateStageName"],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `FROM ... AS name` whose name an earlier stage already uses.

## Why is this bad?
`COPY --from=name`, `FROM name` and `--target name` can only mean one stage; BuildKit refuses
to build a file with duplicate stage names.

## Example
```dockerfile
FROM golang:1.22 AS build
FROM node:20.12 AS build
```

## Use instead
```dockerfile
FROM golang:1.22 AS build-api
FROM node:20.12 AS build-web
```

## Differences from hadolint
Names are compared case-insensitively, as BuildKit does (`AS Build` and `AS build` are the
same stage); hadolint compares them as written.

## References
hadolint DL3024; BuildKit check `DuplicateStageName`.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    for (i, stage) in df.stages.iter().enumerate() {
        let Some(name) = &stage.name else {
            continue;
        };
        if !df.stages[..i].iter().any(|s| s.name.as_ref() == Some(name)) {
            continue;
        }
        if let Kind::From(from) = &df.instructions[stage.from].kind {
            if let Some(word) = &from.name {
                out.add(word.span, "FROM aliases (stage names) must be unique");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_every_repeated_name() {
        assert_lines("DL3024", "FROM a:1 AS b\nFROM a:1 AS b\nFROM a:1 AS b\n", &[2, 3]);
        assert_lines("DL3024", "FROM a:1 AS build\nFROM a:1 AS Build\n", &[2]);
    }

    #[test]
    fn accepts_distinct_names() {
        assert_clean("DL3024", "FROM a:1 AS a\nFROM a:1 AS b\nFROM a:1\nFROM a:1\n");
    }
}
