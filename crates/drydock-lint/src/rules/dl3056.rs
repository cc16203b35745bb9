use crate::labels::{check_type, is_semver};
use crate::{Context, FixAvailability, LabelType, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3056",
    name: "label-not-semver",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a label of type `semver` in the `label-schema` setting whose value is not a semantic
version (`MAJOR.MINOR.PATCH`, optionally `-prerelease` and `+build`).

## Why is this bad?
Deployment tooling compares versions to decide what is newer; `v1.2`, `latest` or `1.02.0`
cannot be ordered by semver rules.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="v1.4"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.4.0"
```

## Options
```yaml
label-schema:
  org.opencontainers.image.version: semver
```

## Differences from hadolint
Drydock follows semver 2.0.0 to the letter: no leading zeros (`01.2.3`, `1.2.3-01`) and no
empty pre-release or build part (`1.2.3-`, `1.2.3+`), which hadolint lets through. An empty
value is reported by DL3051 only, and a value holding a `$variable` is not judged.

## References
hadolint DL3056; semver.org.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    check_type(cx, out, LabelType::Semver, is_semver, |key| {
        format!("Label `{key}` does not conform to semantic versioning.")
    });
}

#[cfg(test)]
mod tests {
    use crate::labels::test_support::schema_lines;
    use crate::LabelType::Semver;

    #[test]
    fn flags_values_that_are_not_versions() {
        let src = "FROM x\nLABEL v=v1.2.3\nLABEL v=1.2\nLABEL v=1.2.3-rc.1+b5\nLABEL v=latest\n";
        assert_eq!(schema_lines("DL3056", src, &[("v", Semver)]), [2, 3, 5]);
    }
}
