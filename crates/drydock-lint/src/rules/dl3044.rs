use drydock_syntax::Kind;

use crate::scope::{references, variable};
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3044",
    name: "env-self-reference",
    aliases: &[],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags an `ENV` value that refers to a variable defined in the same `ENV` instruction when that
variable has no earlier definition in the stage.

## Why is this bad?
All the values of one `ENV` instruction are expanded with the variables as they were before the
instruction. `ENV DIR=/opt/app BIN=$DIR/bin` sets `BIN` to `/bin`, not `/opt/app/bin`.

## Example
```dockerfile
FROM alpine:3.20
ENV DIR=/opt/app BIN=$DIR/bin
```

## Use instead
```dockerfile
FROM alpine:3.20
ENV DIR=/opt/app
ENV BIN=$DIR/bin
```

## Differences from hadolint
- References are found as BuildKit expands them: `${A:-default}` and the other `${A...}` forms
  count (hadolint only knows `$A` and `${A}`), and `'$A'` in single quotes does not (hadolint
  counts it).
- hadolint counts a variable as defined when any earlier `ENV` or `ARG` of the file defines
  it, even in an unrelated stage or before the first `FROM`. Drydock only counts the
  definitions in scope: earlier `ENV` and `ARG` of the same stage and of the stages it is
  built from.

## References
hadolint DL3044.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for (index, instruction) in cx.instructions() {
        let Kind::Env(pairs) = &instruction.kind else {
            continue;
        };
        for (j, pair) in pairs.iter().enumerate() {
            let referenced = references(cx.text(pair.value.span), cx.dockerfile.escape);
            let same_instruction = pairs.iter().enumerate().any(|(k, other)| {
                let name = &other.key.value;
                k != j
                    && referenced.contains(name)
                    && variable(cx.dockerfile, index, name).is_none()
            });
            if same_instruction {
                out.add(
                    pair.value.span,
                    "Do not refer to an environment variable within the same `ENV` statement where it is defined.",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_references_to_the_same_instruction() {
        assert_lines("DL3044", "FROM a\nENV A=1 B=$A\n", &[2]);
        assert_lines("DL3044", "FROM a\nENV A=1 B=\"${A}/x\"\n", &[2]);
        assert_lines("DL3044", "FROM a\nENV A=1 \\\n    B=${A:-x}\n", &[3]);
        assert_lines(
            "DL3044",
            "# escape=`\nFROM a\nENV P=\"C:\\Program Files\" `\n    Q=\"$P\\x\"\n",
            &[4],
        );
    }

    #[test]
    fn accepts_earlier_definitions_and_own_references() {
        assert_clean("DL3044", "FROM a\nENV A=1\nENV B=$A\n");
        assert_clean("DL3044", "FROM a\nENV A=0\nENV A=1 B=$A\n");
        assert_clean("DL3044", "FROM a\nARG A\nENV A=1 B=$A\n");
        assert_clean("DL3044", "FROM a\nENV PATH=/x:$PATH\n");
        assert_clean("DL3044", "FROM a\nENV A=1 B=$AB C='$A'\n");
        assert_clean(
            "DL3044",
            "FROM a AS base\nENV A=0\nFROM base\nENV A=1 B=$A\n",
        );
    }

    #[test]
    fn definitions_in_other_stages_are_not_in_scope() {
        assert_lines("DL3044", "FROM a\nENV A=0\nFROM b\nENV A=1 B=$A\n", &[4]);
        assert_lines("DL3044", "ARG A=0\nFROM b\nENV A=1 B=$A\n", &[3]);
    }
}
