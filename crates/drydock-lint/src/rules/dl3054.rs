use crate::labels::{check_type, is_spdx_expression};
use crate::{Context, FixAvailability, LabelType, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3054",
    name: "label-not-spdx",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a label of type `spdx` in the `label-schema` setting whose value is not an SPDX license
expression: a current SPDX License List identifier written as listed (`MIT`, `Apache-2.0`,
`GPL-3.0-or-later`), a `LicenseRef-` reference, or such terms combined with `AND`, `OR`, `WITH`
an exception, and parentheses.

## Why is this bad?
Licence scanners and compliance reports match identifiers exactly. `Apache 2`, `mit` or the
deprecated `GPL-2.0` (which does not say "only" or "or later") are guesses for a reviewer.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache 2"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache-2.0 OR MIT"
```

## Options
```yaml
label-schema:
  org.opencontainers.image.licenses: spdx
```

## Differences from hadolint
hadolint accepts a single identifier only; Drydock also accepts the license expressions the
OCI `org.opencontainers.image.licenses` annotation is defined to hold (`MIT OR Apache-2.0`,
`GPL-2.0-or-later WITH Classpath-exception-2.0`, `LicenseRef-acme`). An empty value is reported
by DL3051 only, and a value holding a `$variable` is not judged.

## References
hadolint DL3054; SPDX License List and SPDX license expressions.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    check_type(cx, out, LabelType::Spdx, is_spdx_expression, |key| {
        format!("Label `{key}` is not a valid SPDX identifier.")
    });
}

#[cfg(test)]
mod tests {
    use crate::labels::test_support::schema_lines;
    use crate::LabelType::Spdx;

    #[test]
    fn flags_values_that_are_not_spdx() {
        let src = "FROM x\nLABEL lic=mit\nLABEL lic=GPL-2.0\nLABEL lic=\"MIT OR\"\n\
                   LABEL lic=MIT\nLABEL lic=\"(MIT OR Apache-2.0) AND BSD-3-Clause\"\n";
        assert_eq!(schema_lines("DL3054", src, &[("lic", Spdx)]), [2, 3, 4]);
    }
}
