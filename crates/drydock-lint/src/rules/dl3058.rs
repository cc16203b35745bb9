use crate::labels::{check_type, is_email};
use crate::{Context, FixAvailability, LabelType, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3058",
    name: "label-not-email",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a label of type `email` in the `label-schema` setting whose value is not a bare email
address (`local@domain`, RFC 5322).

## Why is this bad?
Alerting and ownership tools mail the address in the label; a name with the address in angle
brackets, or a half-written address, is not deliverable by them.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.org>"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="jane@example.org"
```

## Options
```yaml
label-schema:
  org.opencontainers.image.authors: email
```

## Differences from hadolint
An empty value is reported by DL3051 only, and a value holding a `$variable` is not judged.

## References
hadolint DL3058.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    check_type(cx, out, LabelType::Email, is_email, |key| {
        format!("Label `{key}` is not a valid email format - must be conform to RFC5322.")
    });
}

#[cfg(test)]
mod tests {
    use crate::labels::test_support::schema_lines;
    use crate::LabelType::Email;

    #[test]
    fn flags_values_that_are_not_addresses() {
        let src = "FROM x\nLABEL by=\"Jane <jane@x.org>\"\nLABEL by=jane@\nLABEL by=jane@x.org\n";
        assert_eq!(schema_lines("DL3058", src, &[("by", Email)]), [2, 3]);
    }
}
