use drydock_syntax::shell::Command;
use drydock_syntax::{Base, Kind, LineIndex};

use crate::run_index::RunIndex;
use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD019",
    name: "stale-package-lists",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags an `apt-get install` (or `apt install`) in a RUN that does not run `apt-get update`
itself, when an earlier RUN of the stage did.

## Why is this bad?
The install relies on package lists stored in the earlier RUN's layer. That layer stays cached
while the Dockerfile changes below it, so weeks later the install asks for package versions
the mirrors no longer have and fails, or silently installs outdated ones. And when the earlier
RUN removed the lists to save space, the install finds no package at all. Docker's best
practices: always combine `apt-get update` with `apt-get install` in the same RUN.

## Example
```dockerfile
FROM debian:12-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Differences from hadolint
hadolint has no such rule. A stage built on an earlier stage inherits that stage's update.
A RUN counts as updating when it runs `apt-get update`, `apt-get install --update`,
`add-apt-repository`, or pipes a downloaded setup script into a shell (vendor scripts such as
NodeSource's end with an update).
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let runs = RunIndex::new(cx);
    let lines = LineIndex::new(cx.source);
    // For each stage: the index of its last RUN that updated the package lists.
    let mut updated: Vec<Option<usize>> = Vec::new();
    for stage in &cx.dockerfile.stages {
        let mut last_update = match stage.base {
            Base::Stage(parent) => updated.get(parent).copied().flatten(),
            _ => None,
        };
        for index in stage.instructions.clone() {
            if !matches!(cx.dockerfile.instructions[index].kind, Kind::Run(_)) {
                continue;
            }
            let commands = runs.of(index);
            let is_apt = |c: &&crate::RunCommand| c.command.is_any(&["apt-get", "apt"]);
            if commands.iter().any(|c| updates_lists(c.command)) {
                last_update = Some(index);
                continue;
            }
            let Some(earlier) = last_update else {
                continue;
            };
            let line = lines.line(cx.dockerfile.instructions[earlier].span.start);
            for install in commands
                .iter()
                .filter(is_apt)
                .filter(|c| c.command.subcommand() == Some("install"))
            {
                out.add(
                    install.span(),
                    format!(
                        "this install uses the package lists of the `apt-get update` on line \
                         {line}, which go stale in the cache: run `apt-get update && apt-get \
                         install` in one RUN"
                    ),
                );
            }
        }
        updated.push(last_update);
    }
}

/// Whether a command (re)reads the package lists: `apt-get update`, `apt-get install
/// --update`, `add-apt-repository` (which updates unless told not to), or a downloaded setup
/// script piped into a shell, which vendors' scripts (NodeSource, ...) end with an update.
fn updates_lists(cmd: &Command) -> bool {
    match cmd.program() {
        Some("apt-get" | "apt") => {
            cmd.subcommand() == Some("update")
                || (cmd.subcommand() == Some("install") && cmd.has_any_flag(&["update"]))
        }
        Some("add-apt-repository") => !cmd.has_any_flag(&["n", "no-update"]),
        Some("sh" | "bash") => cmd.in_pipeline && cmd.args_no_flags().is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn install_relying_on_an_earlier_update() {
        assert_lines(
            "DD019",
            "FROM debian\nRUN apt-get update\nRUN apt-get install -y curl\nRUN apt install -y git && apt-get install -y jq\n",
            &[3, 4, 4],
        );
        assert_lines(
            "DD019",
            "FROM debian AS base\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*\nFROM base\nRUN apt-get install -y b\n",
            &[4],
        );
        assert_lines(
            "DD019",
            "FROM debian\nRUN apt-get update\nRUN <<EOF\napt-get install -y curl\nEOF\n",
            &[4],
        );
    }

    #[test]
    fn updates_in_the_same_run_or_none_before() {
        assert_clean(
            "DD019",
            "FROM debian\nRUN apt-get update && apt-get install -y a\nRUN apt-get update && apt-get install -y b\n",
        );
        assert_clean("DD019", "FROM debian\nRUN apt-get install -y a\n");
        assert_clean(
            "DD019",
            "FROM debian AS a\nRUN apt-get update\nFROM debian\nRUN apt-get install -y b\n",
        );
        assert_clean("DD019", "FROM alpine\nRUN apk update\nRUN apk add curl\n");
        assert_clean(
            "DD019",
            "FROM debian\nRUN apt-get update\nRUN apt-get install --update -y a\n",
        );
        assert_clean(
            "DD019",
            "FROM debian\nRUN apt-get update\nRUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs\n",
        );
        assert_clean(
            "DD019",
            "FROM debian\nRUN apt-get update\nRUN add-apt-repository ppa:x/y && apt-get install -y z\n",
        );
    }

    #[test]
    fn message_names_the_update_line() {
        let found = findings(
            "DD019",
            "FROM debian\nRUN apt-get update\nRUN apt-get install x\n",
        );
        assert!(found[0].message.contains("`apt-get update` on line 2"));
    }
}
