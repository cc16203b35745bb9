use drydock_syntax::{Instruction, Keyword};

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL4003",
    name: "multiple-cmd",
    aliases: &["MultipleInstructionsDisallowed"],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags every `CMD` after the first one in a stage.

## Why is this bad?
Only the last `CMD` of a stage takes effect; the earlier ones do nothing, and a reader can
easily take one of them for the command the container runs.

## Example
```dockerfile
FROM alpine:3.20
CMD ["echo", "one"]
CMD ["echo", "two"]
```

## Use instead
```dockerfile
FROM alpine:3.20
CMD ["echo", "two"]
```

## Differences from hadolint
BuildKit's `MultipleInstructionsDisallowed` reports the earlier, ignored instructions; like
hadolint, Drydock reports the later ones.

## References
hadolint DL4003; BuildKit check `MultipleInstructionsDisallowed`.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for instruction in repeated_in_stage(cx, Keyword::Cmd) {
        out.add(
            instruction.keyword_word.span,
            "Multiple `CMD` instructions found. If you list more than one `CMD` then only the last `CMD` will take effect",
        );
    }
}

/// The instructions with `keyword` that follow another one in the same stage.
pub(crate) fn repeated_in_stage<'a>(cx: &Context<'a>, keyword: Keyword) -> Vec<&'a Instruction> {
    let mut seen_in = Vec::new();
    cx.instructions()
        .map(|(_, i)| i)
        .filter(|i| i.keyword == keyword)
        .filter(|i| {
            let repeated = seen_in.contains(&i.stage);
            seen_in.push(i.stage);
            repeated
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_later_cmds_of_a_stage() {
        assert_lines("DL4003", "FROM a\nCMD a\nCMD b\nCMD c\n", &[3, 4]);
        assert_lines(
            "DL4003",
            "FROM a\nCMD a\nFROM b\nCMD b\nRUN x\nCMD [\"c\"]\n",
            &[6],
        );
    }

    #[test]
    fn accepts_one_cmd_per_stage() {
        assert_clean("DL4003", "FROM a\nCMD a\nFROM b\nCMD b\n");
        assert_clean("DL4003", "FROM a\nONBUILD CMD a\nCMD b\n");
        assert_clean("DL4003", "FROM a\nCMD a\nENTRYPOINT b\n");
    }

    #[test]
    fn the_buildkit_name_silences_it() {
        assert_clean(
            "DL4003",
            "# check=skip=MultipleInstructionsDisallowed\nFROM a\nCMD a\nCMD b\n",
        );
    }
}
