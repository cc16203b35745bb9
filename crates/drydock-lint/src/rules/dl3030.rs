use crate::rpm::installs_without_yes;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3030",
    name: "yum-install-without-assume-yes",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags `yum install` (also `groupinstall` and `localinstall`) without `-y` or `--assumeyes`.

## Why is this bad?
Without `-y`, yum asks for confirmation. A build has no terminal to answer, so yum reads end of
input and aborts the install, failing the build.

## Example
```dockerfile
FROM centos:7
RUN yum install httpd-2.4.6 && yum clean all
```

## Use instead
```dockerfile
FROM centos:7
RUN yum install -y httpd-2.4.6 && yum clean all
```

## References
hadolint DL3030.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for c in cx.run_commands() {
        if installs_without_yes(c.command, &["yum"]) {
            out.add(
                c.span(),
                "Use the -y switch to avoid manual input `yum install -y <package`",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_install_without_yes() {
        assert_lines("DL3030", "FROM c\nRUN yum install x\n", &[2]);
        assert_lines("DL3030", "FROM c\nRUN yum groupinstall 'Dev Tools'\n", &[2]);
        assert_lines("DL3030", "FROM c\nRUN yum localinstall /tmp/x.rpm\n", &[2]);
        assert_lines("DL3030", "FROM c\nRUN true && \\\n  yum install x\n", &[3]);
        assert_lines("DL3030", "FROM c\nONBUILD RUN yum install x\n", &[2]);
    }

    #[test]
    fn accepts_yes_flags_and_other_subcommands() {
        assert_clean("DL3030", "FROM c\nRUN yum install -y x\n");
        assert_clean("DL3030", "FROM c\nRUN yum -y install x\n");
        assert_clean("DL3030", "FROM c\nRUN yum install -qy x\n");
        assert_clean("DL3030", "FROM c\nRUN yum --assumeyes install x\n");
        assert_clean("DL3030", "FROM c\nRUN yum update\n");
        assert_clean("DL3030", "FROM c\nRUN dnf install x\n");
    }

    #[test]
    fn looks_into_heredocs() {
        assert_lines(
            "DL3030",
            "FROM c\nRUN <<EOF\nset -e\nyum install x\nEOF\n",
            &[4],
        );
        assert_clean("DL3030", "FROM c\nRUN <<EOF\nyum install -y x\nEOF\n");
    }
}
