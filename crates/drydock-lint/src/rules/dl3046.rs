use drydock_syntax::shell::Command;

use crate::scope::resolve;
use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3046",
    name: "useradd-high-uid-without-no-log-init",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags `useradd` with a UID of six digits or more and without `-l`/`--no-log-init`. A UID given
by a variable is checked with the value the stage gives it; a build argument without default
is trusted.

## Why is this bad?
useradd records the new user in `/var/log/lastlog` and `/var/log/faillog`, sparse files indexed
by UID. A layer cannot keep a file sparse, so a high UID fills the layer with gigabytes of
zeros.

## Example
```dockerfile
FROM debian:12-slim
RUN useradd -u 123456 app
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN useradd -l -u 123456 app
```

## Differences from hadolint
hadolint looks at the length of the text after `-u`, so it flags `-u $USER_ID` whatever
`USER_ID` holds (`ARG USER_ID=6191` is not a high UID) but not `-u $UID`, and it ignores
`--uid`. Drydock resolves the variable and reads `--uid N`, `--uid=N` and `-uN` too.

## References
hadolint DL3046.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for c in cx.run_commands() {
        if !c.command.is("useradd") || c.command.has_any_flag(&["l", "no-log-init"]) {
            continue;
        }
        let high = uid(c.command)
            .and_then(|u| resolve(cx.dockerfile, c.index, u))
            .is_some_and(|u| u.len() > 5 && u.chars().all(|c| c.is_ascii_digit()));
        if high {
            out.add(
                c.span(),
                "`useradd` without flag `-l` and high UID will result in excessively large Image.",
            );
        }
    }
}

/// The value of `-u`/`--uid`.
fn uid(cmd: &Command) -> Option<&str> {
    let args = cmd.args();
    args.iter().enumerate().find_map(|(i, w)| {
        let a = w.value.as_str();
        let next = || args.get(i + 1).map(|n| n.value.as_str());
        match a {
            "-u" | "--uid" => next(),
            _ => a
                .strip_prefix("--uid=")
                .or_else(|| a.strip_prefix("-u").filter(|v| !v.is_empty())),
        }
    })
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_high_uids_without_no_log_init() {
        assert_lines("DL3046", "FROM a\nRUN useradd -u 123456 app\n", &[2]);
        assert_lines("DL3046", "FROM a\nRUN useradd --uid=1000000 app\n", &[2]);
        assert_lines("DL3046", "FROM a\nRUN useradd -m --uid 123456 app\n", &[2]);
        assert_lines(
            "DL3046",
            "FROM a\nARG UID=200000\nRUN groupadd g && \\\n  useradd -u $UID app\n",
            &[4],
        );
        assert_lines(
            "DL3046",
            "FROM a\nRUN <<EOF\nuseradd -u 1234567 app\nEOF\n",
            &[3],
        );
    }

    #[test]
    fn accepts_low_uids_and_no_log_init() {
        assert_clean("DL3046", "FROM a\nRUN useradd -u 1000 app\n");
        assert_clean("DL3046", "FROM a\nRUN useradd -l -u 123456 app\n");
        assert_clean(
            "DL3046",
            "FROM a\nRUN useradd --no-log-init -u 123456 app\n",
        );
        assert_clean("DL3046", "FROM a\nRUN useradd -m app\n");
        assert_clean("DL3046", "FROM a\nRUN adduser -u 123456 app\n");
        assert_clean(
            "DL3046",
            "FROM a\nARG USER_ID=6191\nRUN useradd -u ${USER_ID} app\n",
        );
        assert_clean(
            "DL3046",
            "FROM a\nARG USER_ID\nRUN useradd -u ${USER_ID} app\n",
        );
    }
}
