use drydock_syntax::{Kind, Word};

use crate::cache_cleanup::runs;
use crate::scope::{program_name, runs_non_posix_script, shell_at};
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL4006",
    name: "pipe-without-pipefail",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a RUN with a pipe (`a | b`) when the stage's shell was not set with `-o pipefail`, e.g.
`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`. PowerShell and `cmd` shells are left alone, and
so is a RUN that starts `powershell`, `pwsh` or `cmd` (its pipes are theirs, not the shell's).

## Why is this bad?
A pipeline's exit status is that of its last command. Without `pipefail`,
`RUN curl -fsSL https://example.com/install.sh | sh` succeeds even when the download fails, and
the build goes on with a broken image.

## Example
```dockerfile
FROM debian:12-slim
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
```

## Use instead
```dockerfile
FROM debian:12-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
```

## Differences from hadolint
- A stage built `FROM` another stage inherits that stage's `SHELL`, as in Docker; hadolint
  forgets the `SHELL` at every `FROM`.
- The shell is recognised by its program name: `SHELL ["/usr/bin/env", "bash", "-o",
  "pipefail", "-c"]` and `SHELL ["pwsh.exe", "-c"]` are understood, and `ksh`/`mksh` count as
  shells with `pipefail` (hadolint only knows `bash`, `zsh` and `ash`).
- hadolint finds no pipe in scripts its shell parser rejects, such as PowerShell code passed to
  `powershell -Command` on Windows images; Drydock skips RUNs that start `powershell`, `pwsh`
  or `cmd`, and finds pipes in scripts with other syntax errors.

## References
hadolint DL4006.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    for run in runs(cx) {
        let first = run[0];
        if matches!(first.instruction.kind, Kind::Onbuild(_)) {
            // The trigger runs with the SHELL of an image this file cannot see.
            continue;
        }
        let Some(pipe) = run.iter().find(|c| c.command.in_pipeline) else {
            continue;
        };
        if runs_non_posix_script(df, first.index, first.command.name()) {
            continue;
        }
        if !shell_at(df, first.index).is_some_and(sets_pipefail) {
            out.add(
                pipe.span(),
                "Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check",
            );
        }
    }
}

/// A shell that supports `pipefail`, started with `-o pipefail`.
fn sets_pipefail(words: &[Word]) -> bool {
    let mut words = words.iter().map(|w| w.value.as_str());
    let Some(shell) = words.by_ref().map(program_name).find(|p| p != "env") else {
        return false;
    };
    let args: Vec<&str> = words.collect();
    let option_o = args.iter().any(|a| {
        a.strip_prefix('-')
            .is_some_and(|short| !short.starts_with('-') && short.contains('o'))
    });
    ["bash", "zsh", "ash", "ksh", "mksh"].contains(&shell.as_str())
        && option_o
        && args.contains(&"pipefail")
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_pipes_without_pipefail() {
        assert_lines("DL4006", "FROM a\nRUN a | b\n", &[2]);
        assert_lines("DL4006", "FROM a\nRUN x && \\\n  a | b\n", &[3]);
        assert_lines("DL4006", "FROM a\nRUN set -o pipefail && a | b\n", &[2]);
        assert_lines("DL4006", "FROM a\nRUN echo $(a | b)\n", &[2]);
        assert_lines("DL4006", "FROM a\nRUN <<EOF\na | b\nEOF\n", &[3]);
        assert_lines(
            "DL4006",
            "FROM a\nSHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n",
            &[3],
        );
        assert_lines(
            "DL4006",
            "FROM a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nSHELL [\"/bin/bash\", \"-c\"]\nRUN a | b\n",
            &[4],
        );
        assert_lines(
            "DL4006",
            "FROM a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM b\nRUN a | b\n",
            &[4],
        );
    }

    #[test]
    fn accepts_pipefail_shells() {
        for shell in [
            "\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"",
            "\"bash\", \"-euxo\", \"pipefail\", \"-c\"",
            "\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"",
            "\"/usr/bin/env\", \"bash\", \"-o\", \"pipefail\", \"-c\"",
            "\"pwsh\", \"-Command\"",
            "\"powershell.exe\", \"-Command\"",
            "\"C:\\\\Windows\\\\System32\\\\cmd.exe\", \"/S\", \"/C\"",
        ] {
            assert_clean("DL4006", &format!("FROM a\nSHELL [{shell}]\nRUN a | b\n"));
        }
    }

    #[test]
    fn accepts_runs_without_pipes() {
        assert_clean("DL4006", "FROM a\nRUN a || b && c\nRUN echo 'a | b'\n");
        assert_clean("DL4006", "FROM a\nONBUILD RUN a | b\n");
        assert_clean(
            "DL4006",
            "FROM a\nRUN powershell -Command Get-ChildItem | Out-Null\n",
        );
        assert_lines("DL4006", "FROM a\nRUN { echo a; echo b; } | tee f\n", &[2]);
        assert_clean(
            "DL4006",
            "FROM a AS base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM base\nRUN a | b\n",
        );
    }
}
