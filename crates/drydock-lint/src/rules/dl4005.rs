use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL4005",
    name: "ln-bin-sh",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags `ln` with `/bin/sh` as an argument, typically `ln -sf /bin/bash /bin/sh`.

## Why is this bad?
Replacing `/bin/sh` changes the shell of every script and package maintainer script in the
image, not just of your RUN instructions. To run your instructions with another shell, say so
with `SHELL`.

## Example
```dockerfile
FROM debian:12-slim
RUN ln -sf /bin/bash /bin/sh
```

## Use instead
```dockerfile
FROM debian:12-slim
SHELL ["/bin/bash", "-c"]
```

## References
hadolint DL4005.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for c in cx.run_commands() {
        if c.command.is("ln") && c.command.has_arg("/bin/sh") {
            out.add(c.span(), "Use SHELL to change the default shell");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_linking_bin_sh() {
        assert_lines("DL4005", "FROM a\nRUN ln -sf /bin/bash /bin/sh\n", &[2]);
        assert_lines(
            "DL4005",
            "FROM a\nRUN rm /bin/sh && \\\n  ln -s bash /bin/sh\n",
            &[3],
        );
        assert_lines(
            "DL4005",
            "FROM a\nRUN <<EOF\nln -sf /bin/bash /bin/sh\nEOF\n",
            &[3],
        );
    }

    #[test]
    fn accepts_other_links() {
        assert_clean(
            "DL4005",
            "FROM a\nRUN ln -s /usr/bin/python3 /usr/bin/python\n",
        );
        assert_clean("DL4005", "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\n");
    }
}
