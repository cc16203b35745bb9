use drydock_syntax::Kind;

use crate::stages::lineage;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3002",
    name: "root-user",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `USER root` (or `USER 0`) that is still in effect at the end of the final stage, the
stage `docker build` produces.

## Why is this bad?
A container that runs as root turns any compromise of the application into root inside the
container, one kernel bug away from the host. Switching to root for installing is fine as long
as the image ends with an unprivileged user.

## Example
```dockerfile
FROM debian:12.5
USER root
RUN apt-get update
```

## Use instead
```dockerfile
FROM debian:12.5
USER root
RUN apt-get update
USER app
```

## Differences from hadolint
hadolint flags the last `USER root` of every stage, although only the final stage becomes the
image: builder stages that run as root are reported for nothing. Drydock looks at the final
stage only, and follows it into the stages it is built on (`FROM builder`), since the user
set there is inherited.

## References
hadolint DL3002.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    let Some(last) = df.final_stage() else {
        return;
    };
    // The nearest stage of the lineage that sets a user decides which user the image runs as.
    let last_user = lineage(df, last).into_iter().find_map(|stage| {
        stage
            .instructions
            .clone()
            .rev()
            .find_map(|i| match &df.instructions[i].kind {
                Kind::User(user) => Some(user),
                _ => None,
            })
    });
    if let Some(user) = last_user {
        if user.user.value == "root" || user.user.value == "0" {
            out.add(user.user.span, "Last USER should not be root");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_root_at_the_end_of_the_final_stage() {
        assert_lines("DL3002", "FROM debian:12\nUSER root\n", &[2]);
        assert_lines("DL3002", "FROM debian:12\nUSER 0:0\nRUN id\n", &[2]);
        assert_lines("DL3002", "FROM debian:12\nUSER app\nUSER root:root\n", &[3]);
    }

    #[test]
    fn accepts_a_later_unprivileged_user() {
        assert_clean("DL3002", "FROM debian:12\nUSER root\nRUN id\nUSER 1000\n");
        assert_clean("DL3002", "FROM debian:12\nRUN id\n");
        assert_clean("DL3002", "FROM debian:12\nUSER rooty\n");
    }

    #[test]
    fn ignores_builder_stages() {
        assert_clean(
            "DL3002",
            "FROM debian:12 AS build\nUSER root\nRUN make\nFROM debian:12\nUSER app\n",
        );
        assert_clean("DL3002", "FROM debian:12 AS build\nUSER root\nFROM debian:12\n");
    }

    #[test]
    fn follows_the_final_stage_into_its_base_stage() {
        assert_lines(
            "DL3002",
            "FROM debian:12 AS base\nUSER root\nFROM base\nRUN id\n",
            &[2],
        );
        assert_clean(
            "DL3002",
            "FROM debian:12 AS base\nUSER root\nFROM base\nUSER app\n",
        );
    }
}
