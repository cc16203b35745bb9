use drydock_syntax::{KeyValue, Kind, Span};

use crate::{Context, Edit, Fix, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD022",
    name: "legacy-key-value-format",
    aliases: &["LegacyKeyValueFormat"],
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    docs: r#"
## What it does
Flags the legacy whitespace form `ENV key value` and `LABEL key value`.

## Why is this bad?
In the legacy form everything after the key is one value, spaces included, so
`ENV A 1 B 2` sets `A` to `1 B 2` rather than two variables; it also cannot be told apart from
a typo at a glance. The `key=value` form is unambiguous, sets several pairs at once, and is
the only one documented going forward.

## Example
```dockerfile
FROM alpine:3.20
ENV APP_HOME /srv/app
LABEL maintainer Jane Doe
```

## Use instead
```dockerfile
FROM alpine:3.20
ENV APP_HOME=/srv/app
LABEL maintainer="Jane Doe"
```

## Fix safety
Safe, and offered when the value has no quotes or backslashes of its own and fits on one
line: the value is written after `=`, in double quotes when it has spaces, which keeps the
same value and the same variable expansion.

## References
BuildKit check `LegacyKeyValueFormat`.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for instruction in &cx.dockerfile.instructions {
        let pairs = match &instruction.kind {
            Kind::Env(pairs) | Kind::Label(pairs) => pairs,
            _ => continue,
        };
        let keyword = instruction.keyword.as_str();
        for pair in pairs.iter().filter(|p| p.legacy) {
            let message = format!(
                "legacy `{keyword} {key} value` form: write `{keyword} {key}=value`",
                key = pair.key.value
            );
            match key_value_fix(cx, pair) {
                Some(fix) => out.add_with_fix(pair.span, message, fix),
                None => out.add(pair.span, message),
            }
        }
    }
}

fn key_value_fix(cx: &Context, pair: &KeyValue) -> Option<Fix> {
    let raw = cx.text(pair.value.span);
    if raw.is_empty() || raw.contains(['"', '\'', '\\', '\n']) {
        return None;
    }
    let value = if raw.contains(char::is_whitespace) {
        format!("\"{raw}\"")
    } else {
        raw.to_owned()
    };
    let tail = Span::new(pair.key.span.end, pair.value.span.end);
    Some(Fix::safe(
        format!("write `{}={value}`", pair.key.value),
        vec![Edit::replace(tail, format!("={value}"))],
    ))
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn legacy_pairs() {
        assert_lines(
            "DD022",
            "FROM alpine\nENV A 1\nLABEL b two words\nENV C=3 D=4\nLABEL e=\"f g\"\n",
            &[2, 3],
        );
    }

    #[test]
    fn fix_writes_key_equals_value() {
        assert_fix(
            "DD022",
            "FROM alpine\nENV APP_HOME   /srv/app\nLABEL maintainer Jane Doe\nENV PATH $PATH:/x\n",
            "FROM alpine\nENV APP_HOME=/srv/app\nLABEL maintainer=\"Jane Doe\"\nENV PATH=$PATH:/x\n",
        );
        assert_fix(
            "DD022",
            "FROM alpine\nENV A b=c\n",
            "FROM alpine\nENV A=b=c\n",
        );
    }

    #[test]
    fn quoted_values_get_no_fix() {
        let found = findings("DD022", "FROM alpine\nENV A \"x y\" z\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
    }
}
