use crate::labels::{check_type, is_git_hash};
use crate::{Context, FixAvailability, LabelType, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3055",
    name: "label-not-git-hash",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a label of type `hash` in the `label-schema` setting whose value is not a git commit
hash: lower-case hexadecimal, abbreviated (7 or more digits) or full (40, or 64 in a SHA-256
repository).

## Why is this bad?
The revision label is how an image is traced back to its source; a branch name or a tag moves,
and anything else cannot be looked up.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.revision="main"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.revision="4f2c9e1"
```

## Options
```yaml
label-schema:
  org.opencontainers.image.revision: hash
```

## Differences from hadolint
hadolint accepts exactly 7 or 40 digits. git abbreviates to more than 7 digits in larger
repositories, and SHA-256 repositories use 64, so Drydock accepts 7 to 40 and 64. An empty
value is reported by DL3051 only, and a value holding a `$variable` (the usual
`--build-arg GIT_SHA=...`) is not judged.

## References
hadolint DL3055.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    check_type(cx, out, LabelType::Hash, is_git_hash, |key| {
        format!("Label `{key}` is not a valid git hash.")
    });
}

#[cfg(test)]
mod tests {
    use crate::labels::test_support::schema_lines;
    use crate::LabelType::Hash;

    #[test]
    fn flags_values_that_are_not_hashes() {
        let src = "FROM x\nLABEL rev=main\nLABEL rev=ABCDEF1\nLABEL rev=abcdef1\n\
                   LABEL rev=0123456789abcdef0123456789abcdef01234567\nARG SHA\nLABEL rev=$SHA\n";
        assert_eq!(schema_lines("DL3055", src, &[("rev", Hash)]), [2, 3]);
    }
}
