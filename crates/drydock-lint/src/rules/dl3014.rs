use drydock_syntax::shell::Command;

use crate::shell_ext::CommandExt;
use crate::{Context, Edit, Fix, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3014",
    name: "apt-get-without-yes",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    docs: r#"
## What it does
Flags an `apt-get install` without `-y` (or `--yes`, `--assume-yes`, `-qq`).

## Why is this bad?
A build has no terminal to answer apt's "Do you want to continue? [Y/n]": without `-y` the
prompt reads end of input and apt aborts, so the build fails as soon as an install needs
confirmation.

## Example
```dockerfile
FROM debian:12.5
RUN apt-get install --no-install-recommends curl=7.88.1-10+deb12u5
```

## Use instead
```dockerfile
FROM debian:12.5
RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
```

## Fix safety
The fix adds `-y` after `apt-get`. It only answers the confirmation prompt, so it is safe.

## Differences from hadolint
Any quiet level of 2 or more (`-qqq`, `--quiet=2`) counts as `-y`, as apt documents, as does
`-o APT::Get::Assume-Yes=true`; hadolint accepts exactly two `-q` or `-q=2` only.

## References
hadolint DL3014.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for cmd in cx.run_commands() {
        let c = cmd.command;
        if !c.is("apt-get") || !c.has_arg("install") || assumes_yes(c) {
            continue;
        }
        let Some(program) = cmd.word_span(0) else {
            continue;
        };
        out.add_with_fix(
            cmd.span(),
            "Use the `-y` switch to avoid manual input `apt-get -y install <package>`",
            Fix::safe("add `-y`", vec![Edit::insert(program.end, " -y")]),
        );
    }
}

fn assumes_yes(c: &Command) -> bool {
    let quiet_level = c.count_flag("q")
        + c.args()
            .iter()
            .filter_map(|w| {
                let v = w.value.as_str();
                v.strip_prefix("-q=").or_else(|| v.strip_prefix("--quiet="))
            })
            .filter_map(|n| n.parse::<usize>().ok())
            .sum::<usize>();
    c.has_any_flag(&["y", "yes", "assume-yes"])
        || quiet_level >= 2
        || c.args()
            .iter()
            .any(|w| w.value.eq_ignore_ascii_case("APT::Get::Assume-Yes=true"))
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_installs_that_would_prompt() {
        assert_lines("DL3014", "FROM debian:12\nRUN apt-get install curl\n", &[2]);
        assert_lines("DL3014", "FROM debian:12\nRUN apt-get -q install curl\n", &[2]);
        assert_lines("DL3014", "FROM debian:12\nRUN <<EOF\napt-get install curl\nEOF\n", &[3]);
        assert_lines("DL3014", "FROM debian:12\nONBUILD RUN apt-get install curl\n", &[2]);
    }

    #[test]
    fn accepts_every_way_of_saying_yes() {
        for flags in [
            "-y",
            "-qy",
            "--yes",
            "--assume-yes",
            "-qq",
            "-q -q",
            "-q=2",
            "--quiet=2",
            "-o APT::Get::Assume-Yes=true",
        ] {
            assert_clean("DL3014", &format!("FROM debian:12\nRUN apt-get {flags} install curl\n"));
        }
        assert_clean("DL3014", "FROM debian:12\nRUN apt-get update && apt install curl\n");
    }

    #[test]
    fn fix_adds_yes_after_apt_get() {
        assert_fix(
            "DL3014",
            "FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl=1\n",
            "FROM debian:12\nRUN apt-get update && apt-get -y install --no-install-recommends curl=1\n",
        );
        assert_fix(
            "DL3014",
            "FROM debian:12\nRUN apt-get install a=1 \\\n && /usr/bin/apt-get install b=1\n",
            "FROM debian:12\nRUN apt-get -y install a=1 \\\n && /usr/bin/apt-get -y install b=1\n",
        );
    }
}
