use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3001",
    name: "interactive-command",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags commands in `RUN` that make no sense while building an image: `ssh`, `vim`,
`shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`.

## Why is this bad?
A build step has no terminal, no init system and no running services. These commands either
hang waiting for input, act on processes that only exist during the step, or report on the
build machine rather than on the image; they usually come from copying interactive sessions.

## Example
```dockerfile
FROM debian:12.5
RUN service nginx start
```

## Use instead
```dockerfile
FROM debian:12.5
CMD ["nginx", "-g", "daemon off;"]
```

## Differences from hadolint
A command given by path (`/usr/bin/vim`) is recognised too.

## References
hadolint DL3001.
"#,
    check,
};

const POINTLESS: &[&str] = &[
    "free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim",
];

fn check(cx: &Context, out: &mut Report) {
    for cmd in cx.run_commands() {
        if cmd.command.is_any(POINTLESS) {
            if let Some(span) = cmd.word_span(0) {
                out.add(
                    span,
                    "For some bash commands it makes no sense running them in a Docker container like `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig`",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_each_pointless_command() {
        assert_lines("DL3001", "FROM debian:12\nRUN ps aux && top -b\n", &[2, 2]);
        assert_lines("DL3001", "FROM debian:12\nRUN true && \\\n    /usr/bin/vim x\n", &[3]);
        assert_lines("DL3001", "FROM debian:12\nONBUILD RUN service x start\n", &[2]);
        assert_lines("DL3001", "FROM debian:12\nRUN <<EOF\nset -e\nkill 1\nEOF\n", &[4]);
    }

    #[test]
    fn ignores_mentions_and_other_commands() {
        assert_clean("DL3001", "FROM debian:12\nRUN echo ps && apt-get install -y procps\n");
        assert_clean("DL3001", "FROM debian:12\nRUN ssh-keygen -A && umount /x\n");
        assert_clean("DL3001", "FROM debian:12\nCMD [\"top\"]\n");
    }
}
