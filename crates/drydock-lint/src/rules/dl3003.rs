use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3003",
    name: "cd-in-run",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags `cd` in a `RUN` command.

## Why is this bad?
A `cd` lasts for one `RUN` only, so the next instruction silently runs in the old directory.
`WORKDIR` changes the directory for every following instruction and states it where readers
look for it; it also creates the directory if it is missing.

## Example
```dockerfile
FROM golang:1.22
RUN cd /src && go build ./...
```

## Use instead
```dockerfile
FROM golang:1.22
WORKDIR /src
RUN go build ./...
```

## Differences from hadolint
`ONBUILD RUN cd ...` is flagged too: it has the same problem in the image built from this
one, and hadolint checks its other shell rules inside `ONBUILD`.

## References
hadolint DL3003.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for cmd in cx.run_commands() {
        if cmd.command.is("cd") {
            if let Some(span) = cmd.word_span(0) {
                out.add(span, "Use WORKDIR to switch to a directory");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_cd_wherever_it_runs() {
        assert_lines("DL3003", "FROM alpine:3\nRUN cd /src && make\n", &[2]);
        assert_lines("DL3003", "FROM alpine:3\nRUN (cd /src && make)\n", &[2]);
        assert_lines("DL3003", "FROM alpine:3\nRUN x=$(cd /a && pwd)\n", &[2]);
        assert_lines("DL3003", "FROM alpine:3\nRUN make && \\\n  cd /b\n", &[3]);
        assert_lines("DL3003", "FROM alpine:3\nRUN <<EOF\nmake\ncd /b\nEOF\n", &[4]);
        assert_lines("DL3003", "FROM alpine:3\nONBUILD RUN cd /b\n", &[2]);
    }

    #[test]
    fn ignores_other_uses_of_the_word() {
        assert_clean("DL3003", "FROM alpine:3\nRUN echo cd && make cd\n");
        assert_clean("DL3003", "FROM alpine:3\nWORKDIR /src\nRUN make\n");
    }
}
