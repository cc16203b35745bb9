use drydock_syntax::shell::Command;

use crate::packages::upgrade_subcommand;
use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD018",
    name: "package-upgrade",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a whole-system package upgrade in a RUN: `apt-get upgrade`, `dist-upgrade` or
`full-upgrade` (and `apt`'s), `apk upgrade`, `yum`/`dnf`/`microdnf` `update` or `upgrade`
(`dnf distro-sync`), `zypper update` or `dist-upgrade`, when no package is named.

## Why is this bad?
The result depends on the day of the build: two builds of the same Dockerfile install
different package versions, and a cached layer keeps yesterday's. Upgrades inside an image can
also fail on packages that expect a running system. Rebuild on a newer, pinned base image to
get its fixes, and upgrade a single package by name when a fix cannot wait.

## Example
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get -y upgrade
```

## Use instead
```dockerfile
FROM debian:12.5-slim
RUN apt-get update && apt-get install -y --no-install-recommends --only-upgrade openssl
```

## Differences from hadolint
hadolint retired DL3005 (`apt-get upgrade`) and DL3017 (`apk upgrade`); the practice still
holds, so Drydock keeps it, as information. Upgrading named packages is not flagged.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for run in cx.run_commands() {
        if let Some(what) = system_upgrade(run.command) {
            out.add(
                run.span(),
                format!(
                    "`{what}` makes the build depend on the day it runs: pin a newer base \
                     image instead, or upgrade named packages"
                ),
            );
        }
    }
}

fn system_upgrade(cmd: &Command) -> Option<String> {
    let sub = upgrade_subcommand(cmd)?;
    let packages = cmd.args_no_flags().len() - 1;
    (packages == 0).then(|| format!("{} {sub}", cmd.program().unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn whole_system_upgrades() {
        assert_lines(
            "DD018",
            "FROM debian\nRUN apt-get update && apt-get -y upgrade\nRUN apt-get dist-upgrade -y\n",
            &[2, 3],
        );
        assert_lines("DD018", "FROM alpine\nRUN apk upgrade --no-cache\n", &[2]);
        assert_lines(
            "DD018",
            "FROM fedora\nRUN dnf -y update && yum upgrade -y\n",
            &[2, 2],
        );
        assert_lines(
            "DD018",
            "FROM suse\nRUN zypper --non-interactive dup\n",
            &[2],
        );
        assert_lines(
            "DD018",
            "FROM debian\nRUN <<EOF\napt-get update\napt upgrade -y\nEOF\n",
            &[4],
        );
    }

    #[test]
    fn named_packages_and_other_commands() {
        assert_clean(
            "DD018",
            "FROM debian\nRUN apt-get update && apt-get install -y --only-upgrade openssl\n",
        );
        assert_clean("DD018", "FROM alpine\nRUN apk upgrade --no-cache openssl\n");
        assert_clean(
            "DD018",
            "FROM fedora\nRUN dnf -y update openssl && pip install -U pip\n",
        );
        assert_clean("DD018", "FROM debian\nRUN apt-get update\n");
    }

    #[test]
    fn message() {
        let found = findings("DD018", "FROM alpine\nRUN apk upgrade\n");
        assert_eq!(
            found[0].message,
            "`apk upgrade` makes the build depend on the day it runs: pin a newer base image \
             instead, or upgrade named packages"
        );
    }
}
