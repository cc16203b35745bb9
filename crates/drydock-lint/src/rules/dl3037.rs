use crate::packages::install;
use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3037",
    name: "zypper-unpinned-package",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a package of `zypper install` given without a version or version range (`curl` instead
of `curl=8.6.0` or `'curl>=8'`).

## Why is this bad?
Without a version, every build installs whatever the repository offers that day, so two builds
of the same Dockerfile can differ and a rebuild can break without any change of yours.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl && zypper clean
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl=8.6.0 && zypper clean
```

## Differences from hadolint
hadolint reports the RUN once; Drydock reports each unpinned package.

## References
hadolint DL3037.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for c in cx.run_commands() {
        let Some(install) = install(c.command).filter(|_| c.command.is("zypper")) else {
            continue;
        };
        for package in install
            .packages
            .into_iter()
            .filter(|p| !has_version(&p.value))
        {
            out.add(
                c.span_of(package),
                "Specify version with `zypper install -y <package>=<version>`.",
            );
        }
    }
}

/// `name=1.0`, a range (`name>=1`, `name<2`), or an `.rpm` file.
fn has_version(package: &str) -> bool {
    package.contains(['=', '<', '>']) || package.ends_with(".rpm")
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_packages_without_version() {
        assert_lines("DL3037", "FROM s\nRUN zypper -n install x\n", &[2]);
        assert_lines("DL3037", "FROM s\nRUN zypper -n in x=1 \\\n  y\n", &[3]);
        assert_lines("DL3037", "FROM s\nRUN <<EOF\nzypper -n in x\nEOF\n", &[3]);
        assert_eq!(
            findings("DL3037", "FROM s\nRUN zypper -n in a b=1 c\n").len(),
            2
        );
    }

    #[test]
    fn accepts_versions_and_ranges() {
        assert_clean(
            "DL3037",
            "FROM s\nRUN zypper -n install x=1.0 'y>=2' 'z<3' /tmp/w.rpm\n",
        );
        assert_clean("DL3037", "FROM s\nRUN zypper -n remove x\n");
    }
}
