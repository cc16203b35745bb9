use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD000",
    name: "syntax-error",
    aliases: &[],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Reports a line that BuildKit cannot parse: an unknown instruction, a malformed flag, an
unterminated heredoc or JSON array, a missing argument.

## Why is this bad?
`docker build` stops at the first such line. Drydock reports it and keeps analysing every other
instruction, so one typo does not hide the rest of the file's findings.

## Example
```dockerfile
FROM alpine:3.20
RUNN echo hi
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN echo hi
```
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for error in &cx.dockerfile.errors {
        out.add(error.span, error.message.clone());
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn one_bad_line_is_one_finding() {
        assert_lines("DD000", "FROM alpine\nRUNN echo\nRUN echo ok\n", &[2]);
        assert_clean("DD000", "FROM alpine\nRUN echo ok\n");
    }
}
