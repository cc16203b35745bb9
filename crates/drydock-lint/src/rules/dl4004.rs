use drydock_syntax::Keyword;

use super::dl4003::repeated_in_stage;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL4004",
    name: "multiple-entrypoint",
    aliases: &["MultipleInstructionsDisallowed"],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags every `ENTRYPOINT` after the first one in a stage.

## Why is this bad?
Only the last `ENTRYPOINT` of a stage takes effect; the earlier ones do nothing, and a reader
can easily take one of them for the program the container runs.

## Example
```dockerfile
FROM alpine:3.20
ENTRYPOINT ["/bin/sh"]
ENTRYPOINT ["/usr/local/bin/app"]
```

## Use instead
```dockerfile
FROM alpine:3.20
ENTRYPOINT ["/usr/local/bin/app"]
```

## Differences from hadolint
BuildKit's `MultipleInstructionsDisallowed` reports the earlier, ignored instructions; like
hadolint, Drydock reports the later ones.

## References
hadolint DL4004; BuildKit check `MultipleInstructionsDisallowed`.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for instruction in repeated_in_stage(cx, Keyword::Entrypoint) {
        out.add(
            instruction.keyword_word.span,
            "Multiple `ENTRYPOINT` instructions found. If you list more than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_later_entrypoints_of_a_stage() {
        assert_lines("DL4004", "FROM a\nENTRYPOINT a\nENTRYPOINT b\n", &[3]);
        assert_lines(
            "DL4004",
            "FROM a\nENTRYPOINT a\nFROM b\nENTRYPOINT b\nENTRYPOINT c\n",
            &[5],
        );
    }

    #[test]
    fn accepts_one_entrypoint_per_stage() {
        assert_clean(
            "DL4004",
            "FROM a\nENTRYPOINT a\nFROM b\nENTRYPOINT b\nCMD c\n",
        );
    }

    #[test]
    fn the_buildkit_name_silences_it() {
        assert_clean(
            "DL4004",
            "FROM a\nENTRYPOINT a\n# hadolint ignore=MultipleInstructionsDisallowed\nENTRYPOINT b\n",
        );
    }
}
