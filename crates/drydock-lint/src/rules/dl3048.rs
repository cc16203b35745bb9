use crate::labels::label_pairs;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3048",
    name: "invalid-label-key",
    aliases: &[],
    severity: Severity::Style,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a LABEL key that breaks Docker's key format: keys start with a lower-case letter, end
with a lower-case letter or digit, use only `a-z`, `0-9`, `.`, `-`, `_` and `/`, never repeat
`.` or `-`, and stay out of the namespaces Docker reserves (`com.docker.`, `io.docker.`,
`org.dockerproject.`).

## Why is this bad?
Tools that read labels (registries, scanners, orchestrators) expect reverse-DNS, lower-case
keys such as `org.opencontainers.image.source`. `MAINTAINER` and `maintainer` are different
keys, so a mis-cased one is silently not found.

## Example
```dockerfile
FROM alpine:3.20
LABEL Maintainer="dev@example.org"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="dev@example.org"
```

## References
hadolint DL3048; Docker's label key guidelines.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    // An empty key is a syntax error, reported as such.
    for pair in label_pairs(cx).filter(|p| !p.key.value.is_empty()) {
        if !is_valid_key(&pair.key.value) {
            out.add(pair.key.span, "Invalid label key.");
        }
    }
}

fn is_valid_key(key: &str) -> bool {
    const RESERVED: [&str; 3] = ["com.docker.", "io.docker.", "org.dockerproject."];
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_' | '/'))
        && !key.contains("..")
        && !key.contains("--")
        && !RESERVED.iter().any(|r| key.starts_with(r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;

    #[test]
    fn key_format() {
        for ok in ["a", "a1", "a_b", "a/b", "a.-b", "com.example.vendor", "com.dockerx"] {
            assert!(is_valid_key(ok), "{ok}");
        }
        for bad in [
            "", "Ab", "aB", "1a", "_a", "a.", "a-", "a/", "a..b", "a--b", "a b", "a:b", "a$b",
            "aé", "com.docker.x", "io.docker.x", "org.dockerproject.y",
        ] {
            assert!(!is_valid_key(bad), "{bad}");
        }
    }

    #[test]
    fn flags_each_bad_key() {
        assert_lines("DL3048", "FROM x\nLABEL MAINTAINER=\"a@b\"\n", &[2]);
        assert_lines("DL3048", "FROM x\nLABEL a=1 \\\n  B=2\n", &[3]);
        assert_lines("DL3048", "FROM x\nLABEL maintainer \"Jane Doe\"\nLABEL Bad key\n", &[3]);
        assert_clean("DL3048", "FROM x\nLABEL \"com.example.vendor\"=\"ACME\" version=1.0\n");
    }

    #[test]
    fn an_empty_key_is_left_to_the_syntax_error() {
        assert_clean("DL3048", "FROM x\nLABEL =x\n");
    }

    #[test]
    fn onbuild_labels_are_left_alone() {
        assert_clean("DL3048", "FROM x\nONBUILD LABEL Bad=1\n");
    }
}
