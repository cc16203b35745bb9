use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3034",
    name: "zypper-without-non-interactive",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `zypper` command that asks for confirmation (`install`, `remove`, `source-install`,
`patch` and their short forms) without `-n`/`--non-interactive` or `-y`/`--no-confirm`.

## Why is this bad?
zypper waits for an answer that a build cannot give, so the command aborts and the build fails.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper install curl=8.6.0 && zypper clean
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl=8.6.0 && zypper clean
```

## References
hadolint DL3034.
"#,
    check,
};

const ASKING: &[&str] = &[
    "install",
    "in",
    "remove",
    "rm",
    "source-install",
    "si",
    "patch",
];

fn check(cx: &Context, out: &mut Report) {
    for c in cx.run_commands() {
        if c.command.runs("zypper", ASKING)
            && !c
                .command
                .has_any_flag(&["n", "non-interactive", "y", "no-confirm"])
        {
            out.add(
                c.span(),
                "Non-interactive switch missing from `zypper` command: `zypper install -y`",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_commands_that_ask() {
        assert_lines("DL3034", "FROM s\nRUN zypper install x\n", &[2]);
        assert_lines("DL3034", "FROM s\nRUN zypper rm x\n", &[2]);
        assert_lines("DL3034", "FROM s\nRUN zypper -q patch\n", &[2]);
        assert_lines("DL3034", "FROM s\nONBUILD RUN zypper in x\n", &[2]);
        assert_lines("DL3034", "FROM s\nRUN <<EOF\nzypper si x\nEOF\n", &[3]);
    }

    #[test]
    fn accepts_non_interactive_switches() {
        assert_clean("DL3034", "FROM s\nRUN zypper install -y x\n");
        assert_clean("DL3034", "FROM s\nRUN zypper -n install x\n");
        assert_clean("DL3034", "FROM s\nRUN zypper --non-interactive in x\n");
        assert_clean("DL3034", "FROM s\nRUN zypper remove --no-confirm x\n");
        assert_clean("DL3034", "FROM s\nRUN zypper refresh\n");
    }
}
