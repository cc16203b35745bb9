use drydock_syntax::{Keyword, Kind};

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3043",
    name: "onbuild-forbidden-trigger",
    aliases: &[],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`.

## Why is this bad?
Docker does not allow these instructions as ONBUILD triggers: the build of any image that
starts `FROM` this one fails when the trigger runs.

## Example
```dockerfile
FROM alpine:3.20
ONBUILD FROM alpine:3.20
```

## Use instead
```dockerfile
FROM alpine:3.20
ONBUILD RUN echo "building a child image"
```

## References
hadolint DL3043.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for (_, instruction) in cx.instructions() {
        let Kind::Onbuild(trigger) = &instruction.kind else {
            continue;
        };
        if matches!(
            trigger.keyword,
            Keyword::Onbuild | Keyword::From | Keyword::Maintainer
        ) {
            out.add(
                trigger.keyword_word.span,
                "`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_forbidden_triggers() {
        assert_lines("DL3043", "FROM a\nONBUILD ONBUILD RUN x\n", &[2]);
        assert_lines("DL3043", "FROM a\nONBUILD FROM b\n", &[2]);
        assert_lines("DL3043", "FROM a\nonbuild maintainer me\n", &[2]);
    }

    #[test]
    fn accepts_other_triggers() {
        assert_clean("DL3043", "FROM a\nONBUILD RUN x\nONBUILD COPY . /app\n");
    }
}
