use drydock_syntax::shell::Command;

use crate::shell_ext::CommandExt;
use crate::{Context, Edit, Fix, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3015",
    name: "apt-get-recommends",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::Always,
    docs: r#"
## What it does
Flags an `apt-get install` without `--no-install-recommends`.

## Why is this bad?
By default apt also installs every package the requested ones merely recommend: often
documentation, X11 libraries or daemons the image never uses, which add size, build time and
vulnerabilities to patch.

## Example
```dockerfile
FROM debian:12.5
RUN apt-get install -y curl=7.88.1-10+deb12u5
```

## Use instead
```dockerfile
FROM debian:12.5
RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
```

## Fix safety
The fix adds `--no-install-recommends` after `install`. Recommended packages are by definition
not needed for the requested ones to work, so the fix is safe; if the image relied on one of
them, install it by name.

## Differences from hadolint
`-o APT::Install-Recommends=0` is accepted as well as `=false`.

## References
hadolint DL3015.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for cmd in cx.run_commands() {
        let c = cmd.command;
        if !c.is("apt-get") || skips_recommends(c) {
            continue;
        }
        let Some(install) = c.args().iter().find(|w| w.value == "install") else {
            continue;
        };
        let at = cmd.span_of(install).end;
        out.add_with_fix(
            cmd.span(),
            "Avoid additional packages by specifying `--no-install-recommends`",
            Fix::safe(
                "add `--no-install-recommends`",
                vec![Edit::insert(at, " --no-install-recommends")],
            ),
        );
    }
}

fn skips_recommends(c: &Command) -> bool {
    c.has_any_flag(&["no-install-recommends"])
        || c.args().iter().any(|w| {
            let v = w.value.to_ascii_lowercase();
            v == "apt::install-recommends=false" || v == "apt::install-recommends=0"
        })
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_installs_with_recommends() {
        assert_lines("DL3015", "FROM debian:12\nRUN apt-get install -y curl\n", &[2]);
        assert_lines("DL3015", "FROM debian:12\nRUN <<EOF\napt-get -y install curl\nEOF\n", &[3]);
        assert_lines("DL3015", "FROM debian:12\nONBUILD RUN apt-get install -y curl\n", &[2]);
    }

    #[test]
    fn accepts_disabled_recommends() {
        for flags in [
            "--no-install-recommends",
            "-o APT::Install-Recommends=false",
            "-o APT::Install-Recommends=0",
        ] {
            assert_clean("DL3015", &format!("FROM debian:12\nRUN apt-get install -y {flags} curl\n"));
        }
        assert_clean("DL3015", "FROM debian:12\nRUN apt-get update && apt install -y curl\n");
    }

    #[test]
    fn fix_adds_the_flag_after_install() {
        assert_fix(
            "DL3015",
            "FROM debian:12\nRUN apt-get -y install curl=1 \\\n && apt-get -y install \\\n    git=1\n",
            "FROM debian:12\nRUN apt-get -y install --no-install-recommends curl=1 \\\n && apt-get -y install --no-install-recommends \\\n    git=1\n",
        );
    }
}
