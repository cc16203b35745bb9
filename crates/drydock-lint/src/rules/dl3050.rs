use crate::labels::label_pairs;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3050",
    name: "superfluous-label",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::None,
    docs: r#"
## What it does
With `strict-labels: true`, flags each LABEL key that the `label-schema` setting does not
list.

## Why is this bad?
A strict schema keeps every image's metadata to one agreed set of keys; an extra key is usually a
typo of a schema key or metadata that belongs elsewhere.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://example.org/app" team=payments
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://example.org/app"
```

## Options
```yaml
label-schema:
  org.opencontainers.image.source: url
strict-labels: true
```

## References
hadolint DL3050.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    if !cx.config.strict_labels {
        return;
    }
    for pair in label_pairs(cx) {
        if !cx.config.label_schema.contains_key(&pair.key.value) {
            out.add(pair.key.span, "Superfluous label(s) present.");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::labels::test_support::{schema_lines, schema_lines_with};
    use crate::LabelType::Text;

    #[test]
    fn flags_keys_outside_the_schema_when_strict() {
        let src = "FROM x\nLABEL owner=me\nLABEL extra=1 owner=me\nLABEL a=1 \\\n  b=2\n";
        assert_eq!(
            schema_lines_with("DL3050", src, &[("owner", Text)], true),
            [3, 4, 5]
        );
        assert!(schema_lines_with("DL3050", "FROM x\nLABEL owner=me\n", &[("owner", Text)], true)
            .is_empty());
    }

    #[test]
    fn quiet_unless_strict() {
        assert!(schema_lines("DL3050", "FROM x\nLABEL extra=1\n", &[("owner", Text)]).is_empty());
    }
}
