use crate::rpm::unpinned_packages;
use crate::scope::resolve;
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

A version given by a variable counts when the stage defines the variable.

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
- A version given by a variable (`x-$VERSION`) is checked with the value the stage gives it
  (an `ARG` without default is trusted, an undefined variable is empty). hadolint trusts any
  variable that an earlier `ARG` or `ENV` of the file declares, even in another stage or with a
  value such as `latest`.
- hadolint reports the RUN once; Drydock reports each unpinned package.

## References
hadolint DL3033.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for c in cx.run_commands() {
        for package in unpinned_packages(c.command, &["yum"], |text| {
            resolve(cx.dockerfile, c.index, text)
        }) {
            out.add(
                c.span_of(package),
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
        assert_eq!(
            findings("DL3033", "FROM c\nRUN yum install -y a b-1 c\n").len(),
            2
        );
    }

    #[test]
    fn accepts_versions_and_streams() {
        assert_clean("DL3033", "FROM c\nRUN yum install -y x-1.2\n");
        assert_clean(
            "DL3033",
            "FROM c\nRUN yum -y install x-1.2.3-4.el7 https://h/b-1.rpm\n",
        );
        assert_clean("DL3033", "FROM c\nRUN yum module install -y nodejs:18\n");
        assert_clean("DL3033", "FROM c\nRUN yum groupinstall -y tools\n");
        assert_clean("DL3033", "FROM c\nRUN yum remove -y x\n");
    }

    #[test]
    fn versions_in_variables_are_resolved() {
        assert_clean("DL3033", "FROM c\nARG V\nRUN yum install -y x-$V\n");
        assert_clean(
            "DL3033",
            "FROM c\nENV V=1.2-3\nRUN yum install -y \"x-$V\"\n",
        );
        assert_clean(
            "DL3033",
            "ARG V=1.2\nFROM c AS base\nARG V\nFROM base\nRUN yum install -y x-${V}\n",
        );
        assert_lines(
            "DL3033",
            "FROM c\nARG V=latest\nRUN yum install -y x-$V\n",
            &[3],
        );
        assert_lines("DL3033", "FROM c\nRUN yum install -y x-$V\n", &[2]);
        assert_lines(
            "DL3033",
            "FROM c AS a\nARG V=1\nFROM c\nRUN yum install -y x-$V\n",
            &[4],
        );
    }
}
