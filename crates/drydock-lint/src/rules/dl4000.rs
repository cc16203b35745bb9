use drydock_syntax::Kind;

use crate::{Context, Edit, Fix, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL4000",
    name: "maintainer-instruction",
    aliases: &["MaintainerDeprecated"],
    severity: Severity::Error,
    fix: FixAvailability::Always,
    docs: r#"
## What it does
Flags the `MAINTAINER` instruction.

## Why is this bad?
`MAINTAINER` is deprecated: Docker keeps it only for old files and tools no longer read it. A
`maintainer` label carries the same information where image tools look for it.

## Example
```dockerfile
FROM alpine:3.20
MAINTAINER Jane Doe <jane@example.com>
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL maintainer="Jane Doe <jane@example.com>"
```

## Fix safety
The fix replaces the instruction with `LABEL maintainer="..."`, quoting the text so that it is
kept as is (no variable expansion). The image gets a label instead of the deprecated author
field, which nothing depends on, so the fix is safe.

## References
hadolint DL4000; BuildKit check `MaintainerDeprecated`.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for (_, instruction) in cx.instructions() {
        let Kind::Maintainer(name) = &instruction.kind else {
            continue;
        };
        let keyword = if instruction
            .keyword_word
            .value
            .starts_with(|c: char| c.is_lowercase())
        {
            "label"
        } else {
            "LABEL"
        };
        let label = format!(
            "{keyword} maintainer=\"{}\"",
            quote(&name.value, cx.dockerfile.escape)
        );
        out.add_with_fix(
            instruction.span,
            "MAINTAINER is deprecated",
            Fix::safe(
                "replace with a `maintainer` label",
                vec![Edit::replace(instruction.span, label)],
            ),
        );
    }
}

/// Escapes what a double-quoted LABEL value would otherwise interpret.
fn quote(text: &str, escape: char) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '"' || c == '$' || c == escape {
            out.push(escape);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_maintainer() {
        assert_lines("DL4000", "FROM a\nMAINTAINER me\n", &[2]);
        assert_lines("DL4000", "FROM a\nmaintainer me\n", &[2]);
    }

    #[test]
    fn fix_writes_a_label() {
        assert_fix(
            "DL4000",
            "FROM a\n# who\nMAINTAINER Jane Doe <jane@example.com>\nRUN true\n",
            "FROM a\n# who\nLABEL maintainer=\"Jane Doe <jane@example.com>\"\nRUN true\n",
        );
        assert_fix(
            "DL4000",
            "FROM a\nmaintainer me\n",
            "FROM a\nlabel maintainer=\"me\"\n",
        );
    }

    #[test]
    fn fix_keeps_quotes_dollars_and_escapes_literal() {
        assert_fix(
            "DL4000",
            "FROM a\nMAINTAINER \"Jo\" $USER \\o/\n",
            "FROM a\nLABEL maintainer=\"\\\"Jo\\\" \\$USER \\\\o/\"\n",
        );
        assert_fix(
            "DL4000",
            "# escape=`\nFROM a\nMAINTAINER C:\\me $x\n",
            "# escape=`\nFROM a\nLABEL maintainer=\"C:\\me `$x\"\n",
        );
    }
}
