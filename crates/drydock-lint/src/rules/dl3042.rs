use drydock_syntax::shell::Command;
use drydock_syntax::Dockerfile;

use crate::context::RunCommand;
use crate::scope::{variable, Var};
use crate::shell_ext::CommandExt;
use crate::{Context, Edit, Fix, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3042",
    name: "pip-cache-not-disabled",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    docs: r#"
## What it does
Flags `pip install` (also `python -m pip install`) without `--no-cache-dir`, unless the stage
sets `PIP_NO_CACHE_DIR=1` (by ENV or ARG), the RUN sets `PIP_NO_CACHE_DIR=1`, or the RUN mounts
a cache on pip's cache directory (`~/.cache/pip`, or the stage's `PIP_CACHE_DIR`).

## Why is this bad?
pip keeps every wheel it downloads or builds in `~/.cache/pip`. In an image nobody installs
from that cache again: it only makes the layer larger.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install requests==2.32.3
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir requests==2.32.3
```

Or keep the cache out of the image with a cache mount, which also speeds up rebuilds:

```dockerfile
FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install requests==2.32.3
```

## Fix safety
The fix adds `--no-cache-dir` after `install`. It changes what pip keeps on disk, not what it
installs, so it is safe.

## Differences from hadolint
- A cache mount on pip's cache directory silences the rule: nothing is left in the layer.
  hadolint does not know cache mounts.
- A pip run by path (`/opt/venv/bin/pip install`, `/usr/bin/python3 -m pip install`) is
  checked too; hadolint only recognises a bare `pip...` or `python...` command name.
- `PIP_NO_CACHE_DIR` is inherited only by stages built `FROM` the stage that sets it, a later
  `ENV PIP_NO_CACHE_DIR=0` turns the cache back on, and `ARG PIP_NO_CACHE_DIR=1` counts too (RUN
  sees build arguments as environment variables); hadolint only reads ENV, remembers it by image
  name and never forgets it.
- hadolint reports the RUN once; Drydock reports each pip command, each with its fix.

## References
hadolint DL3042.
"#,
    check,
};

/// The values pip reads as "true" in `PIP_NO_CACHE_DIR`.
const TRUTHY: &[&str] = &[
    "1", "true", "True", "TRUE", "on", "On", "ON", "yes", "Yes", "YES",
];

fn check(cx: &Context, out: &mut Report) {
    for c in cx.run_commands() {
        let Some(install) = pip_install_word(c.command) else {
            continue;
        };
        if c.command.has_any_flag(&["no-cache-dir"]) || cache_disabled(cx.dockerfile, &c) {
            continue;
        }
        let Some(span) = c.word_span(install) else {
            continue;
        };
        out.add_with_fix(
            c.span(),
            "Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`",
            Fix::safe(
                "add `--no-cache-dir`",
                vec![Edit::insert(span.end, " --no-cache-dir")],
            ),
        );
    }
}

/// The index of the `install` word of `pip install` or `python -m pip install` (pipx and
/// pipenv are other tools).
fn pip_install_word(cmd: &Command) -> Option<usize> {
    let program = cmd.program()?;
    let words = &cmd.words;
    let pip = if program.starts_with("python") {
        words
            .windows(2)
            .position(|w| w[0].value == "-m" && w[1].value == "pip")?
            + 1
    } else if program.starts_with("pip")
        && !program.starts_with("pipx")
        && !program.starts_with("pipenv")
    {
        0
    } else {
        return None;
    };
    (pip + 1..words.len()).find(|&i| words[i].value == "install")
}

/// `PIP_NO_CACHE_DIR` set in the script or the stage, or a cache mount on pip's cache.
fn cache_disabled(df: &Dockerfile, c: &RunCommand) -> bool {
    let set_in_script = c
        .shell
        .text
        .match_indices("PIP_NO_CACHE_DIR=")
        .any(|(i, m)| {
            let value = c.shell.text[i + m.len()..].trim_start_matches(['"', '\'']);
            TRUTHY.iter().any(|t| value.starts_with(t))
        });
    let value = |name: &str| match variable(df, c.index, name) {
        Some(Var::Value(v)) => Some(v),
        _ => None,
    };
    let set_in_env = value("PIP_NO_CACHE_DIR").is_some_and(|v| TRUTHY.contains(&v.as_str()));
    let mut cache_dirs = vec!["~/.cache/pip".to_owned()];
    cache_dirs.extend(value("PIP_CACHE_DIR"));
    set_in_script || set_in_env || cache_dirs.iter().any(|d| c.mount_covers(d))
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_pip_install_without_no_cache_dir() {
        assert_lines("DL3042", "FROM p\nRUN pip install x==1\n", &[2]);
        assert_lines(
            "DL3042",
            "FROM p\nRUN pip3 install -r requirements.txt\n",
            &[2],
        );
        assert_lines(
            "DL3042",
            "FROM p\nRUN python3 -m pip install -U pip\n",
            &[2],
        );
        assert_lines("DL3042", "FROM p\nRUN /opt/venv/bin/pip install x\n", &[2]);
        assert_lines(
            "DL3042",
            "FROM p\nRUN cd /app && \\\n  pip install .\n",
            &[3],
        );
        assert_lines("DL3042", "FROM p\nONBUILD RUN pip install x\n", &[2]);
        assert_lines("DL3042", "FROM p\nRUN <<EOF\npip install x\nEOF\n", &[3]);
    }

    #[test]
    fn accepts_no_cache_dir_and_other_commands() {
        assert_clean("DL3042", "FROM p\nRUN pip install --no-cache-dir x\n");
        assert_clean("DL3042", "FROM p\nRUN pip --no-cache-dir install x\n");
        assert_clean(
            "DL3042",
            "FROM p\nRUN python -m pip install --no-cache-dir x\n",
        );
        assert_clean("DL3042", "FROM p\nRUN pip download x && pip freeze\n");
        assert_clean(
            "DL3042",
            "FROM p\nRUN pipx install black && pipenv install\n",
        );
        assert_clean("DL3042", "FROM p\nRUN python -m pipx install black\n");
    }

    #[test]
    fn honours_pip_no_cache_dir() {
        assert_clean(
            "DL3042",
            "FROM p\nENV PIP_NO_CACHE_DIR=1\nRUN pip install x\n",
        );
        assert_clean(
            "DL3042",
            "FROM p\nRUN PIP_NO_CACHE_DIR=true pip install x\n",
        );
        assert_clean(
            "DL3042",
            "FROM p AS base\nENV PIP_NO_CACHE_DIR=on\nFROM base\nRUN pip install x\n",
        );
        assert_lines(
            "DL3042",
            "FROM p AS base\nENV PIP_NO_CACHE_DIR=1\nFROM p\nRUN pip install x\n",
            &[4],
        );
        assert_lines(
            "DL3042",
            "FROM p\nENV PIP_NO_CACHE_DIR=1\nENV PIP_NO_CACHE_DIR=0\nRUN pip install x\n",
            &[4],
        );
    }

    #[test]
    fn a_cache_mount_keeps_the_cache_out_of_the_layer() {
        for target in [
            "/root/.cache/pip",
            "~/.cache/pip",
            "/root/.cache",
            "/home/app/.cache/pip",
        ] {
            assert_clean(
                "DL3042",
                &format!("FROM p\nRUN --mount=type=cache,target={target} pip install x\n"),
            );
        }
        assert_clean(
            "DL3042",
            "FROM p\nENV PIP_CACHE_DIR=/pipcache\n\
             RUN --mount=type=cache,target=/pipcache pip install x\n",
        );
        assert_lines(
            "DL3042",
            "FROM p\nRUN --mount=type=cache,target=/root/.npm pip install x\n",
            &[2],
        );
    }

    #[test]
    fn fix_adds_no_cache_dir_after_install() {
        assert_fix(
            "DL3042",
            "FROM p\nRUN pip install x && python -m pip install -U y\n",
            "FROM p\nRUN pip install --no-cache-dir x && python -m pip install --no-cache-dir -U y\n",
        );
        assert_fix(
            "DL3042",
            "FROM p\nRUN <<EOF\npip3 install \\\n  x\nEOF\n",
            "FROM p\nRUN <<EOF\npip3 install --no-cache-dir \\\n  x\nEOF\n",
        );
    }
}
