use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3035",
    name: "zypper-dist-upgrade",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags `zypper dist-upgrade` (`zypper dup`).

## Why is this bad?
A distribution upgrade inside a build replaces much of the base image with whatever the
repositories offer that day: the image grows, builds stop being reproducible, and packages the
base image maintainers never tested together end up side by side. Use a newer base image
instead, or update only the packages you need.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive dist-upgrade
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive update curl
```

## Differences from hadolint
hadolint flags any zypper command with a `dup` argument, even `zypper install dup`; Drydock
looks at the subcommand.

## References
hadolint DL3035.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for c in cx.run_commands() {
        if c.command.runs("zypper", &["dist-upgrade", "dup"]) {
            out.add(c.span(), "Do not use `zypper dist-upgrade`.");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_dist_upgrade() {
        assert_lines("DL3035", "FROM s\nRUN zypper dist-upgrade\n", &[2]);
        assert_lines("DL3035", "FROM s\nRUN zypper -n dup\n", &[2]);
        assert_lines("DL3035", "FROM s\nRUN <<EOF\nzypper -n dup\nEOF\n", &[3]);
    }

    #[test]
    fn accepts_other_subcommands() {
        assert_clean("DL3035", "FROM s\nRUN zypper -n update\n");
        assert_clean("DL3035", "FROM s\nRUN zypper -n install dup\n");
    }
}
