use crate::rpm::unpinned_packages;
use crate::scope::resolve;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3041",
    name: "dnf-unpinned-package",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a package of `dnf install` or `microdnf install` given without a version (`httpd`
instead of `httpd-2.4.62`), and a module of `dnf module install` without a stream (`nodejs`
instead of `nodejs:20`).

A version given by a variable counts when the stage defines the variable.

## Why is this bad?
Without a version, every build installs whatever the repository offers that day, so two builds
of the same Dockerfile can differ and a rebuild can break without any change of yours.

## Example
```dockerfile
FROM fedora:40
RUN dnf install -y httpd && dnf clean all
```

## Use instead
```dockerfile
FROM fedora:40
RUN dnf install -y httpd-2.4.62 && dnf clean all
```

## Differences from hadolint
- A version given by a variable (`x-$VERSION`) is checked with the value the stage gives it
  (an `ARG` without default is trusted, an undefined variable is empty). hadolint trusts any
  variable that an earlier `ARG` or `ENV` of the file declares, even in another stage or with a
  value such as `latest`.
- hadolint reports the RUN once; Drydock reports each unpinned package.

## References
hadolint DL3041.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for c in cx.run_commands() {
        for package in unpinned_packages(c.command, &["dnf", "microdnf"], |text| {
            resolve(cx.dockerfile, c.index, text)
        }) {
            out.add(
                c.span_of(package),
                "Specify version with `dnf install -y <package>-<version>`.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_packages_without_version() {
        assert_lines("DL3041", "FROM f\nRUN dnf install -y x\n", &[2]);
        assert_lines(
            "DL3041",
            "FROM f\nRUN microdnf install -y shadow-utils\n",
            &[2],
        );
        assert_lines(
            "DL3041",
            "FROM f\nRUN dnf install -y x-1 \\\n  y-${V}\n",
            &[3],
        );
        assert_lines("DL3041", "FROM f\nRUN dnf module install -y nodejs\n", &[2]);
        assert_lines("DL3041", "FROM f\nONBUILD RUN dnf install -y x\n", &[2]);
        assert_lines("DL3041", "FROM f\nRUN <<EOF\ndnf install -y x\nEOF\n", &[3]);
    }

    #[test]
    fn accepts_versions_and_streams() {
        assert_clean(
            "DL3041",
            "FROM f\nRUN dnf install -y x-1.2 y-1.0_beta z-2:1.0-1.fc40\n",
        );
        assert_clean(
            "DL3041",
            "FROM f\nRUN dnf --setopt=tsflags=nodocs install -y x-1\n",
        );
        assert_clean("DL3041", "FROM f\nRUN dnf module install -y nodejs:20\n");
        assert_clean("DL3041", "FROM f\nRUN dnf group install -y tools\n");
        assert_clean("DL3041", "FROM f\nRUN dnf upgrade -y\n");
    }

    #[test]
    fn versions_in_variables_are_resolved() {
        assert_clean("DL3041", "FROM f\nARG V\nRUN dnf install -y x-$V\n");
        assert_clean(
            "DL3041",
            "FROM f\nENV V=1.2-3\nRUN dnf install -y \"x-$V\"\n",
        );
        assert_clean(
            "DL3041",
            "ARG V=1.2\nFROM f AS base\nARG V\nFROM base\nRUN dnf install -y x-${V}\n",
        );
        assert_lines(
            "DL3041",
            "FROM f\nARG V=latest\nRUN dnf install -y x-$V\n",
            &[3],
        );
        assert_lines("DL3041", "FROM f\nRUN dnf install -y x-$V\n", &[2]);
        assert_lines(
            "DL3041",
            "FROM f AS a\nARG V=1\nFROM f\nRUN dnf install -y x-$V\n",
            &[4],
        );
    }
}
