use drydock_syntax::Kind;

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3023",
    name: "copy-from-own-stage",
    aliases: &[],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `COPY --from` that names the stage it is in.

## Why is this bad?
A stage cannot copy from itself: BuildKit fails with a circular dependency. The intended source
is usually another stage or the build context.

## Example
```dockerfile
FROM golang:1.22 AS build
COPY --from=build /src /src
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
COPY . /src
```

## Differences from hadolint
Stage names match case-insensitively, as in BuildKit, so `--from=BUILD` inside stage `build`
is flagged too.

## References
hadolint DL3023.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for (index, instruction) in cx.instructions() {
        let Kind::Copy(copy) = &instruction.kind else {
            continue;
        };
        let (Some(from), Some(stage)) = (&copy.from, cx.dockerfile.stage_of(index)) else {
            continue;
        };
        if stage.name.as_deref() == Some(from.value.to_ascii_lowercase().as_str()) {
            out.add(
                from.span,
                "`COPY --from` cannot reference its own `FROM` alias",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_copy_from_the_current_stage() {
        assert_lines("DL3023", "FROM a:1 AS build\nCOPY --from=build /x /y\n", &[2]);
        assert_lines("DL3023", "FROM a:1 AS build\nCOPY --from=BUILD /x /y\n", &[2]);
    }

    #[test]
    fn accepts_other_stages() {
        assert_clean("DL3023", "FROM a:1 AS build\nFROM b:1 AS run\nCOPY --from=build /x /y\n");
        assert_clean("DL3023", "FROM a:1\nCOPY --from=0 /x /y\n");
    }
}
