use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3047",
    name: "wget-progress-bar",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags `wget` without `--progress`, `-q`/`--quiet`, `-nv`/`--no-verbose`, or an output log
(`-o`/`--output-file`, `-a`/`--append-output`).

## Why is this bad?
Without a terminal, wget's progress bar prints a line for every few kilobytes: a large download
floods the build log with thousands of lines.

## Example
```dockerfile
FROM debian:12-slim
RUN wget https://example.com/tool.tar.gz
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN wget --progress=dot:giga https://example.com/tool.tar.gz
```

## References
hadolint DL3047.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for c in cx.run_commands() {
        let cmd = c.command;
        let quiet = cmd.has_any_flag(&[
            "progress",
            "q",
            "quiet",
            "o",
            "output-file",
            "a",
            "append-output",
            "no-verbose",
        ]) || cmd.has_arg("-nv");
        if cmd.is("wget") && !quiet {
            out.add(
                c.span(),
                "Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_wget_with_a_progress_bar() {
        assert_lines("DL3047", "FROM a\nRUN wget http://x/y\n", &[2]);
        assert_lines("DL3047", "FROM a\nRUN wget -O /tmp/y http://x/y\n", &[2]);
        assert_lines(
            "DL3047",
            "FROM a\nRUN cd /tmp && \\\n  wget http://x/y\n",
            &[3],
        );
        assert_lines("DL3047", "FROM a\nRUN <<EOF\nwget http://x/y\nEOF\n", &[3]);
    }

    #[test]
    fn accepts_quiet_wget() {
        for flags in [
            "--progress=dot:giga",
            "-q",
            "-qO-",
            "--quiet",
            "-nv",
            "--no-verbose",
            "-o log",
            "--output-file=log",
            "-a log",
        ] {
            assert_clean("DL3047", &format!("FROM a\nRUN wget {flags} http://x/y\n"));
        }
        assert_clean("DL3047", "FROM a\nRUN curl -fsSLO http://x/y\n");
    }
}
