use crate::labels::{check_type, is_url};
use crate::{Context, FixAvailability, LabelType, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3052",
    name: "label-not-url",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a label of type `url` in the `label-schema` setting whose value is not an absolute URL
(RFC 3986: a scheme such as `https:`, then only the characters a URL may hold).

## Why is this bad?
Registries and dashboards turn such labels into links; `github.com/acme/app` without a scheme,
or a URL with a space in it, leads nowhere.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="github.com/acme/app"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/acme/app"
```

## Options
```yaml
label-schema:
  org.opencontainers.image.source: url
```

## Differences from hadolint
An empty value is reported by DL3051 only, and a value holding a `$variable` is not judged: it
is only known at build time.

## References
hadolint DL3052.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    check_type(cx, out, LabelType::Url, is_url, |key| {
        format!("Label `{key}` is not a valid URL.")
    });
}

#[cfg(test)]
mod tests {
    use crate::labels::test_support::schema_lines;
    use crate::LabelType::{Text, Url};

    fn lines(src: &str) -> Vec<u32> {
        schema_lines("DL3052", src, &[("src", Url), ("name", Text)])
    }

    #[test]
    fn flags_values_that_are_not_urls() {
        let src = "FROM x\nLABEL src=github.com/a/b\nLABEL src=\"https://x.org/a b\"\nLABEL src=https://x.org\n";
        assert_eq!(lines(src), [2, 3]);
    }

    #[test]
    fn other_types_empty_values_and_variables_are_not_judged() {
        assert!(lines("FROM x\nLABEL name=github.com src=\"\"\nARG U\nLABEL src=$U\n").is_empty());
    }
}
