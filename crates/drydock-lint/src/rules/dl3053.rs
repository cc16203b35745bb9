use crate::labels::{check_type, is_rfc3339};
use crate::{Context, FixAvailability, LabelType, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3053",
    name: "label-not-rfc3339",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a label of type `rfc3339` in the `label-schema` setting whose value is not an RFC 3339
date-time such as `2024-05-01T12:30:00Z` or `2024-05-01T14:30:00+02:00`.

## Why is this bad?
Build dates are compared and sorted by tools; a bare date, a local time without an offset or a
made-up format cannot be ordered reliably.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-05-01 12:30"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-05-01T12:30:00Z"
```

## Options
```yaml
label-schema:
  org.opencontainers.image.created: rfc3339
```

## Differences from hadolint
Drydock follows RFC 3339 to the letter: a four-digit year, at least one digit after a decimal
point, an offset written `+HH:MM` with an hour up to 23. hadolint also accepts `20-01-01`,
`00:00:00.Z`, `+0100` and `+25:00`. An empty value is reported by DL3051 only, and a value
holding a `$variable` is not judged: it is only known at build time.

## References
hadolint DL3053.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    check_type(cx, out, LabelType::Rfc3339, is_rfc3339, |key| {
        format!("Label `{key}` is not a valid time format - must be conform to RFC3339.")
    });
}

#[cfg(test)]
mod tests {
    use crate::labels::test_support::schema_lines;
    use crate::LabelType::Rfc3339;

    #[test]
    fn flags_values_that_are_not_date_times() {
        let src = "FROM x\nLABEL at=2024-05-01\nLABEL at=\"2024-05-01 12:00:00Z\"\n\
                   LABEL at=2024-05-01T12:00:00Z\nARG NOW\nLABEL at=${NOW}\n";
        assert_eq!(schema_lines("DL3053", src, &[("at", Rfc3339)]), [2, 3]);
    }
}
