use drydock_syntax::Kind;

use crate::scope::resolve;

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3066",
    name: "non-numeric-user",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `USER` given by name (`USER app`) rather than by numeric UID (`USER 10001`).

A user given by a variable is checked with the value the stage gives it; a build argument
without default is trusted.

## Why is this bad?
Tools outside the container, such as Kubernetes' `runAsNonRoot` check or a host mounting a
volume, see only the UID. A name means nothing to them: the check cannot prove the user is not
root, and file ownership on the host is unpredictable.

## Example
```dockerfile
FROM alpine:3.20
RUN adduser -D -u 10001 app
USER app
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN adduser -D -u 10001 app
USER 10001
```

## Differences from hadolint
hadolint trusts any variable that an earlier `ARG` or `ENV` declares, whatever its value, so
`ARG user=jenkins` then `USER ${user}` passes there; Drydock checks the value, `jenkins`.

## References
hadolint DL3066.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for (index, instruction) in cx.instructions() {
        let Kind::User(user) = &instruction.kind else {
            continue;
        };
        let Some(uid) = resolve(cx.dockerfile, index, &user.user.value) else {
            continue;
        };
        if uid.is_empty() || !uid.chars().all(|c| c.is_ascii_digit()) {
            out.add(
                user.user.span,
                "Non-numeric user-id may not be resolvable by host system",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_user_names() {
        assert_lines("DL3066", "FROM a\nUSER app\n", &[2]);
        assert_lines("DL3066", "FROM a\nUSER app:1000\n", &[2]);
        assert_lines("DL3066", "FROM a\nUSER $APP_USER\n", &[2]);
    }

    #[test]
    fn resolves_variables() {
        assert_lines("DL3066", "FROM a\nARG user=jenkins\nUSER ${user}\n", &[3]);
        assert_lines("DL3066", "ARG U=app\nFROM a\nARG U\nUSER $U\n", &[4]);
        assert_clean("DL3066", "FROM a\nARG UID=\"472\"\nUSER \"$UID\"\n");
        assert_clean("DL3066", "FROM a\nARG ID=0\nUSER \"$ID:$ID\"\n");
        assert_clean("DL3066", "FROM a\nARG UID\nUSER $UID\n");
    }

    #[test]
    fn accepts_numeric_uids() {
        assert_clean("DL3066", "FROM a\nUSER 1000\n");
        assert_clean("DL3066", "FROM a\nUSER 1000:app\n");
    }
}
