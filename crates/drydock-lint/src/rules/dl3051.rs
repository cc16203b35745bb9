use crate::labels::label_pairs;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3051",
    name: "empty-label",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a label listed in the `label-schema` setting whose value is empty.

## Why is this bad?
An empty value passes the "label is present" check while telling nothing: it is a placeholder
that nobody filled in, and whoever reads the image's metadata gets no answer.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version=""
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.4.2"
```

## Options
```yaml
label-schema:
  org.opencontainers.image.version: semver
```

## References
hadolint DL3051.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for pair in label_pairs(cx) {
        let key = pair.key.value.as_str();
        if pair.value.value.is_empty() && cx.config.label_schema.contains_key(key) {
            out.add(pair.span, format!("label `{key}` is empty."));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::labels::test_support::schema_lines;
    use crate::LabelType::{Text, Url};

    #[test]
    fn flags_empty_schema_labels() {
        let schema = [("owner", Text), ("source", Url)];
        let src = "FROM x\nLABEL owner=\"\"\nLABEL source=\nLABEL other=\"\"\nLABEL owner=me\n";
        assert_eq!(schema_lines("DL3051", src, &schema), [2, 3]);
    }

    #[test]
    fn quiet_without_schema() {
        assert!(schema_lines("DL3051", "FROM x\nLABEL owner=\"\"\n", &[]).is_empty());
    }
}
