use drydock_syntax::shell::Command;
use drydock_syntax::{Base, Kind, LineIndex};

use crate::packages::{install, refreshes_index, removes_packages, upgrade_subcommand};
use crate::paths::{changed_paths, is_within, resolve};
use crate::run_index::RunIndex;
use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD014",
    name: "root-command-as-non-root",
    aliases: &[],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a command that needs root (a package install or update, `useradd` and friends, or a
write to `/etc`, `/usr`, `/var`, `/bin`, `/sbin`, `/lib` or `/root`) in a RUN that comes after
`USER` switched the stage to another user.

## Why is this bad?
The command fails with "permission denied" and the build stops, usually after every earlier
layer was built. Put root-only steps before the `USER` line, or switch back with `USER root`
for them.

## Example
```dockerfile
FROM debian:12-slim
RUN useradd --create-home app
USER app
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN useradd --create-home app
USER app
```

## Differences from hadolint
hadolint has no such rule.

A write is not flagged below a path that an earlier step handed over (`chown`, `chmod`,
`COPY --chown`) or that `WORKDIR` created for the user. A `USER` given by a variable is not
known, and commands run through `sudo` or `gosu` are not flagged. ONBUILD RUN runs in the
child build, as that build's user, and is not checked.
"#,
    check,
};

/// What a stage looks like to the commands that follow.
#[derive(Clone)]
struct State<'a> {
    /// The non-root user the stage runs as, with its USER instruction's index; `None` for root
    /// or a user given by a variable.
    user: Option<(&'a str, usize)>,
    workdir: String,
    /// Paths another user may write below: chowned, chmodded, `COPY --chown` destinations.
    opened: Vec<String>,
}

impl Default for State<'_> {
    fn default() -> Self {
        State {
            user: None,
            workdir: "/".to_owned(),
            opened: Vec::new(),
        }
    }
}

fn check(cx: &Context, out: &mut Report) {
    let runs = RunIndex::new(cx);
    let lines = LineIndex::new(cx.source);
    let mut ends: Vec<State> = Vec::new();
    for stage in &cx.dockerfile.stages {
        let mut state = match stage.base {
            Base::Stage(parent) => ends.get(parent).cloned().unwrap_or_default(),
            _ => State::default(),
        };
        for index in stage.instructions.clone() {
            let instruction = &cx.dockerfile.instructions[index];
            match &instruction.kind {
                Kind::User(u) => {
                    let name = u.user.value.as_str();
                    state.user = (!name.contains('$') && name != "root" && name != "0")
                        .then_some((name, index));
                }
                Kind::Workdir(dir) => {
                    if let Some(dir) = resolve(&state.workdir, &dir.value) {
                        if state.user.is_some() {
                            state.opened.push(dir.clone());
                        }
                        state.workdir = dir;
                    }
                }
                Kind::Copy(copy) | Kind::Add(copy) if copy.chown.is_some() => {
                    let dest = copy.dest.as_ref().map(|d| d.value.as_str()).unwrap_or("");
                    state.opened.extend(resolve(&state.workdir, dest));
                }
                Kind::Run(_) => {
                    for run in runs.of(index) {
                        if let Some((user, since)) = state.user {
                            if let Some(what) = needs_root(run.command, &state.opened) {
                                let line = lines.line(cx.dockerfile.instructions[since].span.start);
                                out.add(
                                    run.span(),
                                    format!(
                                        "`{what}` needs root, but this stage runs as `{user}` \
                                         (USER on line {line}): the build will fail; run it \
                                         before that USER or switch back with `USER root`"
                                    ),
                                );
                            }
                        }
                        state.opened.extend(
                            changed_paths(run.command)
                                .into_iter()
                                .filter_map(|p| resolve(&state.workdir, p)),
                        );
                    }
                }
                _ => {}
            }
        }
        ends.push(state);
    }
}

const ACCOUNT_TOOLS: &[&str] = &[
    "useradd", "adduser", "usermod", "userdel", "deluser", "groupadd", "addgroup", "groupmod",
    "groupdel", "delgroup", "chpasswd",
];

/// Directories only root may write to in a stock image.
const SYSTEM_DIRS: &[&str] = &[
    "/etc", "/usr", "/var", "/bin", "/sbin", "/lib", "/lib64", "/root",
];

/// What about `cmd` needs root, for the message.
fn needs_root(cmd: &Command, opened: &[String]) -> Option<String> {
    let program = cmd.program()?;
    if install(cmd).is_some()
        || removes_packages(cmd)
        || upgrade_subcommand(cmd).is_some()
        || refreshes_index(cmd)
    {
        return Some(format!(
            "{program} {}",
            cmd.subcommand().unwrap_or_default()
        ));
    }
    if ACCOUNT_TOOLS.contains(&program)
        || (program == "dpkg" && cmd.has_any_flag(&["i", "install", "r", "remove", "P", "purge"]))
    {
        return Some(program.to_owned());
    }
    write_targets(cmd)
        .into_iter()
        .filter(|p| p.starts_with('/'))
        .filter_map(|p| resolve("/", p))
        .find(|p| is_system(p) && !opened.iter().any(|o| is_within(p, o)))
        .map(|p| format!("{program} {p}"))
}

fn is_system(path: &str) -> bool {
    SYSTEM_DIRS.iter().any(|d| is_within(path, d)) && !is_within(path, "/var/tmp")
}

/// The paths a file command writes to.
fn write_targets(cmd: &Command) -> Vec<&str> {
    let args: Vec<&str> = cmd
        .args_no_flags()
        .iter()
        .map(|w| w.value.as_str())
        .collect();
    match cmd.program() {
        Some("cp" | "mv" | "ln" | "install") => args.last().copied().into_iter().collect(),
        Some("chown" | "chmod" | "chgrp") => changed_paths(cmd),
        Some("sed") if cmd.args().iter().any(|w| is_in_place(&w.value)) => {
            args.into_iter().skip(1).collect()
        }
        Some("mkdir" | "touch" | "tee" | "rm" | "rmdir") => args,
        _ => Vec::new(),
    }
}

fn is_in_place(arg: &str) -> bool {
    arg.starts_with("--in-place") || (arg.starts_with("-i") && !arg.starts_with("--"))
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn package_and_account_commands_after_user() {
        assert_lines("DD014", "FROM alpine\nUSER app\nRUN apk add curl\n", &[3]);
        assert_lines(
            "DD014",
            "FROM debian\nUSER 1000:1000\nRUN apt-get update && apt-get install -y curl\nRUN useradd x\n",
            &[3, 3, 4],
        );
        assert_lines(
            "DD014",
            "FROM fedora\nUSER app\nRUN dnf -y install git\n",
            &[3],
        );
        assert_lines("DD014", "FROM debian\nUSER app\nRUN dpkg -i x.deb\n", &[3]);
    }

    #[test]
    fn before_user_or_as_root_is_fine() {
        assert_clean(
            "DD014",
            "FROM alpine\nRUN apk add curl && adduser -D app\nUSER app\nRUN echo hi\n",
        );
        assert_clean(
            "DD014",
            "FROM alpine\nUSER app\nUSER root\nRUN apk add curl\n",
        );
        assert_clean("DD014", "FROM alpine\nUSER 0\nRUN apk add curl\n");
        assert_clean("DD014", "FROM alpine\nUSER root:root\nRUN apk add curl\n");
        assert_clean("DD014", "FROM alpine\nUSER $APP_USER\nRUN apk add curl\n");
        assert_clean("DD014", "FROM alpine\nUSER app\nRUN sudo apk add curl\n");
        assert_clean(
            "DD014",
            "FROM alpine\nUSER app\nRUN apk info && apt-get --version\n",
        );
        assert_clean("DD014", "FROM alpine\nUSER app\nONBUILD RUN apk add curl\n");
    }

    #[test]
    fn a_new_stage_starts_as_root_unless_built_on_a_stage() {
        assert_clean(
            "DD014",
            "FROM alpine AS a\nUSER app\nFROM alpine\nRUN apk add x\n",
        );
        assert_lines(
            "DD014",
            "FROM alpine AS base\nUSER app\nFROM base\nRUN apk add x\n",
            &[4],
        );
    }

    #[test]
    fn writes_to_system_paths() {
        assert_lines(
            "DD014",
            "FROM alpine\nUSER app\nRUN mkdir -p /usr/local/app && touch /tmp/x\n",
            &[3],
        );
        assert_lines(
            "DD014",
            "FROM alpine\nUSER app\nRUN ln -s /app/bin/tool /usr/local/bin/tool\n",
            &[3],
        );
        assert_lines(
            "DD014",
            "FROM alpine\nUSER app\nRUN sed -i 's/a/b/' /etc/app.conf\n",
            &[3],
        );
        assert_lines(
            "DD014",
            "FROM alpine\nUSER app\nRUN rm -rf /var/lib/apt/lists/*\n",
            &[3],
        );
        assert_clean(
            "DD014",
            "FROM alpine\nUSER app\nRUN cp /usr/share/a /home/app/ && mkdir /var/tmp/x && sed 's/a/b/' /etc/x\n",
        );
    }

    #[test]
    fn handed_over_paths_are_writable() {
        assert_clean(
            "DD014",
            "FROM alpine\nRUN chown -R app /usr/local/share\nUSER app\nRUN cp x /usr/local/share/x\n",
        );
        assert_clean(
            "DD014",
            "FROM alpine\nCOPY --chown=app . /usr/src/app\nUSER app\nRUN rm -rf /usr/src/app/tmp\n",
        );
        assert_clean(
            "DD014",
            "FROM alpine\nWORKDIR /usr/src\nCOPY --chown=app . app\nUSER app\nRUN rm -rf /usr/src/app/tmp\n",
        );
        assert_clean(
            "DD014",
            "FROM alpine\nUSER app\nWORKDIR /var/app\nRUN mkdir /var/app/data\n",
        );
    }

    #[test]
    fn heredoc_scripts_are_checked() {
        assert_lines(
            "DD014",
            "FROM alpine\nUSER app\nRUN <<EOF\nset -e\napk add curl\nEOF\n",
            &[5],
        );
    }

    #[test]
    fn the_message_names_the_user_and_line() {
        let found = findings("DD014", "FROM alpine\n\nUSER app\nRUN apk add curl\n");
        assert_eq!(
            found[0].message,
            "`apk add` needs root, but this stage runs as `app` (USER on line 3): the build will \
             fail; run it before that USER or switch back with `USER root`"
        );
    }
}
