use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3027",
    name: "apt-in-run",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags the `apt` command in `RUN`.

## Why is this bad?
`apt` is the interactive front end: its output and behaviour may change between releases and
it warns that it "does not have a stable CLI interface". `apt-get` and `apt-cache` are meant
for scripts.

## Example
```dockerfile
FROM debian:12.5
RUN apt update && apt install -y --no-install-recommends curl=7.88.1-10+deb12u5
```

## Use instead
```dockerfile
FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \
    && rm -rf /var/lib/apt/lists/*
```

## References
hadolint DL3027.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for cmd in cx.run_commands() {
        if cmd.command.is("apt") {
            if let Some(span) = cmd.word_span(0) {
                out.add(
                    span,
                    "Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_apt() {
        assert_lines("DL3027", "FROM debian:12\nRUN apt update && apt install -y x\n", &[2, 2]);
        assert_lines("DL3027", "FROM debian:12\nRUN <<EOF\napt install -y x\nEOF\n", &[3]);
        assert_lines("DL3027", "FROM debian:12\nONBUILD RUN apt install -y x\n", &[2]);
    }

    #[test]
    fn accepts_apt_get_and_apt_cache() {
        assert_clean("DL3027", "FROM debian:12\nRUN apt-get update && apt-cache policy x\n");
        assert_clean("DL3027", "FROM debian:12\nRUN echo apt && apt-get install -y apt\n");
    }
}
