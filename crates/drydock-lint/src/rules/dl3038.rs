use crate::rpm::installs_without_yes;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3038",
    name: "dnf-install-without-assume-yes",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags `dnf install` or `microdnf install` (also `groupinstall` and `localinstall`) without `-y`
or `--assumeyes`.

## Why is this bad?
Without `-y`, dnf asks for confirmation. A build has no terminal to answer, so dnf aborts the
install and the build fails.

## Example
```dockerfile
FROM fedora:40
RUN dnf install httpd-2.4.62 && dnf clean all
```

## Use instead
```dockerfile
FROM fedora:40
RUN dnf install -y httpd-2.4.62 && dnf clean all
```

## References
hadolint DL3038.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for c in cx.run_commands() {
        if installs_without_yes(c.command, &["dnf", "microdnf"]) {
            out.add(
                c.span(),
                "Use the -y switch to avoid manual input `dnf install -y <package>`",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_install_without_yes() {
        assert_lines("DL3038", "FROM f\nRUN dnf install x\n", &[2]);
        assert_lines("DL3038", "FROM f\nRUN microdnf install x-1\n", &[2]);
        assert_lines("DL3038", "FROM f\nRUN dnf localinstall x.rpm\n", &[2]);
        assert_lines("DL3038", "FROM f\nONBUILD RUN dnf install x\n", &[2]);
        assert_lines(
            "DL3038",
            "FROM f\nRUN <<EOF\ndnf groupinstall tools\nEOF\n",
            &[3],
        );
    }

    #[test]
    fn accepts_yes_flags_and_other_subcommands() {
        assert_clean("DL3038", "FROM f\nRUN dnf install -y x\n");
        assert_clean("DL3038", "FROM f\nRUN dnf -y install x\n");
        assert_clean("DL3038", "FROM f\nRUN microdnf --assumeyes install x\n");
        assert_clean("DL3038", "FROM f\nRUN dnf upgrade\n");
        assert_clean("DL3038", "FROM f\nRUN yum install x\n");
    }
}
