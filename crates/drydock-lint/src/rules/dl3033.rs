use crate::rpm::unpinned_packages;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3033",
    name: "yum-unpinned-package",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a package of `yum install` given without a version (`httpd` instead of `httpd-2.4.6`),
and a module of `yum module install` without a stream (`nodejs` instead of `nodejs:18`).

## Why is this bad?
Without a version, every build installs whatever the repository offers that day, so two builds
of the same Dockerfile can differ and a rebuild can break without any change of yours.

## Example
```dockerfile
FROM centos:7
RUN yum install -y httpd && yum clean all
```

## Use instead
```dockerfile
FROM centos:7
RUN yum install -y httpd-2.4.6 && yum clean all
```

## Differences from hadolint
hadolint reports the RUN once; Drydock reports each unpinned package.

## References
hadolint DL3033.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for c in cx.run_commands() {
        for package in unpinned_packages(c.command, &["yum"]) {
            out.add(
                c.shell.span(package.span.start, package.span.end),
                "Specify version with `yum install -y <package>-<version>`.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_packages_without_version() {
        assert_lines("DL3033", "FROM c\nRUN yum install -y x\n", &[2]);
        assert_lines("DL3033", "FROM c\nRUN yum install -y python3-pip\n", &[2]);
        assert_lines("DL3033", "FROM c\nRUN yum install -y x-1 \\\n  y\n", &[3]);
        assert_lines("DL3033", "FROM c\nRUN yum module install -y nodejs\n", &[2]);
        assert_lines("DL3033", "FROM c\nRUN <<EOF\nyum install -y x\nEOF\n", &[3]);
        assert_eq!(findings("DL3033", "FROM c\nRUN yum install -y a b-1 c\n").len(), 2);
    }

    #[test]
    fn accepts_versions_and_streams() {
        assert_clean("DL3033", "FROM c\nRUN yum install -y x-1.2\n");
        assert_clean("DL3033", "FROM c\nRUN yum -y install x-1.2.3-4.el7 https://h/b-1.rpm\n");
        assert_clean("DL3033", "FROM c\nRUN yum module install -y nodejs:18\n");
        assert_clean("DL3033", "FROM c\nRUN yum groupinstall -y tools\n");
        assert_clean("DL3033", "FROM c\nRUN yum remove -y x\n");
    }
}
