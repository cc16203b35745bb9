use drydock_syntax::Kind;

use crate::{Context, Edit, Fix, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD020",
    name: "from-as-casing",
    aliases: &["FromAsCasing"],
    severity: Severity::Style,
    fix: FixAvailability::Always,
    docs: r#"
## What it does
Flags a `FROM ... as name` whose `AS` keyword is not in the casing of its `FROM` keyword: an
upper-case `FROM` with anything but `AS`, or a lower-case `from` with anything but `as`.

## Why is this bad?
Keywords in one casing read as keywords; a lone lower-case `as` in an upper-case file reads
like part of the image name.

## Example
```dockerfile
FROM debian:12-slim as builder
```

## Use instead
```dockerfile
FROM debian:12-slim AS builder
```

## Fix safety
Safe: keywords are case-insensitive, so only the spelling changes.

## References
BuildKit check `FromAsCasing`.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for instruction in &cx.dockerfile.instructions {
        let Kind::From(from) = &instruction.kind else {
            continue;
        };
        let Some(as_keyword) = &from.as_keyword else {
            continue;
        };
        let keyword = instruction.keyword_word.value.as_str();
        let wanted = if keyword == keyword.to_ascii_uppercase() {
            "AS"
        } else if keyword == keyword.to_ascii_lowercase() {
            "as"
        } else {
            continue;
        };
        if as_keyword.value != wanted {
            out.add_with_fix(
                as_keyword.span,
                format!(
                    "`{}` does not match the casing of `{keyword}`: write `{wanted}`",
                    as_keyword.value
                ),
                Fix::safe(
                    format!("write `{wanted}`"),
                    vec![Edit::replace(as_keyword.span, wanted)],
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn mismatched_as() {
        assert_lines("DD020", "FROM debian as builder\n", &[1]);
        assert_lines("DD020", "from debian AS builder\n", &[1]);
        assert_lines("DD020", "FROM debian As builder\n", &[1]);
        assert_clean("DD020", "FROM debian AS builder\nfrom alpine as x\n");
        assert_clean("DD020", "From debian as builder\nFrom alpine AS other\n");
        assert_clean("DD020", "FROM debian\n");
    }

    #[test]
    fn fix_matches_the_from_keyword() {
        assert_fix(
            "DD020",
            "FROM debian:12 as build\nRUN make\n",
            "FROM debian:12 AS build\nRUN make\n",
        );
        assert_fix(
            "DD020",
            "from debian:12 As build\nrun make\n",
            "from debian:12 as build\nrun make\n",
        );
    }
}
