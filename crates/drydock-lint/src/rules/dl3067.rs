use drydock_syntax::Kind;

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3067",
    name: "copy-whole-filesystem",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags `COPY --from=<stage or image> / /`.

## Why is this bad?
Copying a whole filesystem over the stage's own replaces its system files (package database,
`/etc`, libraries) with another image's, which breaks in ways that are hard to trace, and makes
the image carry everything the other one had. Copy the directories you need.

## Example
```dockerfile
FROM alpine:3.20 AS build
RUN mkdir -p /out && echo hi > /out/hello
FROM alpine:3.20
COPY --from=build / /
```

## Use instead
```dockerfile
FROM alpine:3.20 AS build
RUN mkdir -p /out && echo hi > /out/hello
FROM alpine:3.20
COPY --from=build /out/ /srv/
```

## References
hadolint DL3067.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for (_, instruction) in cx.instructions() {
        let Kind::Copy(copy) = &instruction.kind else {
            continue;
        };
        let (Some(_), Some(dest)) = (&copy.from, &copy.dest) else {
            continue;
        };
        let root = copy.sources.iter().find(|s| s.value == "/");
        if let (Some(source), "/") = (root, dest.value.as_str()) {
            out.add(
                source.span.cover(dest.span),
                "Do not copy an entire filesystem from another stage",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_root_to_root() {
        assert_lines("DL3067", "FROM a AS b\nFROM c\nCOPY --from=b / /\n", &[3]);
        assert_lines(
            "DL3067",
            "FROM c\nCOPY --link --from=tonistiigi/xx / /\n",
            &[2],
        );
        assert_lines("DL3067", "FROM c\nCOPY --from=x [\"/\", \"/\"]\n", &[2]);
    }

    #[test]
    fn accepts_partial_copies() {
        assert_clean("DL3067", "FROM c\nCOPY --from=b /out /\n");
        assert_clean("DL3067", "FROM c\nCOPY --from=b / /rootfs/\n");
        assert_clean("DL3067", "FROM c\nCOPY / /\n");
    }
}
