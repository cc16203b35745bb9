use drydock_syntax::Keyword;

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3061",
    name: "instruction-before-from",
    aliases: &[],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags an instruction other than `ARG` before the first `FROM`.

## Why is this bad?
Only `ARG` (and parser directives and comments) may come before the first `FROM`: Docker
rejects the file.

## Example
```dockerfile
LABEL org.opencontainers.image.title=app
FROM alpine:3.20
```

## Use instead
```dockerfile
ARG ALPINE_VERSION=3.20
FROM alpine:${ALPINE_VERSION}
LABEL org.opencontainers.image.title=app
```

## References
hadolint DL3061.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let before_from = cx
        .instructions()
        .take_while(|(_, i)| i.keyword != Keyword::From);
    for (_, instruction) in before_from {
        if instruction.keyword != Keyword::Arg {
            out.add(
                instruction.keyword_word.span,
                "Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_instructions_before_from() {
        assert_lines("DL3061", "LABEL a=b\nENV X=1\nARG Y\nFROM a\n", &[1, 2]);
        assert_lines("DL3061", "# comment\nRUN x\n", &[2]);
    }

    #[test]
    fn accepts_args_and_comments_first() {
        assert_clean(
            "DL3061",
            "# syntax=docker/dockerfile:1\n# c\nARG Y\nFROM a\nRUN x\n",
        );
    }
}
