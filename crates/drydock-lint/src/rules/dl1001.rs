use crate::suppress::is_inline_ignore;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL1001",
    name: "inline-ignore-pragma",
    aliases: &[],
    severity: Severity::Ignore,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags inline `# hadolint ignore=...` (or `# drydock ignore=...`) comments. Off by default, as
in hadolint: turn it on for teams that want every exception in the shared configuration.

## Why is this bad?
An inline pragma silences a rule for one instruction where nobody reviewing the configuration
sees it. Some teams prefer every exception to live in `.hadolint.yaml`, where it is reviewed
once and applies everywhere.

## Example
```dockerfile
FROM debian:12.5
# hadolint ignore=DL3003
RUN cd /tmp && make
```

## Use instead
```dockerfile
FROM debian:12.5
WORKDIR /tmp
RUN make
```

## Differences from hadolint
`# drydock ignore=` pragmas are flagged too, since Drydock honours them like hadolint's.
`# hadolint global ignore=` is not an inline pragma and is not flagged, as in hadolint.

## References
hadolint DL1001.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for comment in &cx.dockerfile.comments {
        if is_inline_ignore(&comment.text) {
            out.add(
                comment.span,
                "Please refrain from using inline ignore pragmas  `# hadolint ignore=DLxxxx`.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_inline_pragmas_only() {
        let src = "# hadolint global ignore=DL3008\nFROM debian:12\n# hadolint ignore=DL3003\n\
                   RUN cd /x\n# drydock ignore = DL3003\nRUN cd /y\n# a plain comment\n";
        assert_lines("DL1001", src, &[3, 5]);
    }

    #[test]
    fn is_off_by_default() {
        let src = "FROM debian:12\n# hadolint ignore=DL3003\nRUN cd /x\n";
        let all = crate::lint(src, &crate::LintOptions::default());
        assert!(all.iter().all(|f| f.code != "DL1001"));
    }
}
