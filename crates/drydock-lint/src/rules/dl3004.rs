use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3004",
    name: "sudo-in-run",
    aliases: &[],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags `sudo` in a `RUN` command.

## Why is this bad?
Build steps already run as the current `USER`; `sudo` adds a TTY- and PAM-dependent program
whose behaviour depends on `/etc/sudoers`, may prompt for a password and hang the build, and
ships a setuid binary in the image. Switch with `USER root` for the steps that need it, or use
a tool like `gosu` at runtime.

## Example
```dockerfile
FROM debian:12.5
USER app
RUN sudo apt-get update
```

## Use instead
```dockerfile
FROM debian:12.5
USER root
RUN apt-get update
USER app
```

## References
hadolint DL3004.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for cmd in cx.run_commands() {
        if cmd.command.is("sudo") {
            if let Some(span) = cmd.word_span(0) {
                out.add(
                    span,
                    "Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_sudo_commands() {
        assert_lines("DL3004", "FROM debian:12\nRUN sudo -u app make\n", &[2]);
        assert_lines("DL3004", "FROM debian:12\nRUN if true; then sudo x; fi\n", &[2]);
        assert_lines("DL3004", "FROM debian:12\nONBUILD RUN sudo x\n", &[2]);
        assert_lines("DL3004", "FROM debian:12\nRUN <<EOF\nsudo x\nEOF\n", &[3]);
    }

    #[test]
    fn ignores_installing_or_mentioning_sudo() {
        assert_clean("DL3004", "FROM debian:12\nRUN apt-get install -y sudo && echo sudo\n");
        assert_clean("DL3004", "FROM debian:12\nRUN gosu app make\n");
    }
}
