use drydock_syntax::Keyword;

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3012",
    name: "multiple-healthchecks",
    aliases: &["MultipleInstructionsDisallowed"],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags every `HEALTHCHECK` of a stage after the first one.

## Why is this bad?
Only the last `HEALTHCHECK` of a stage takes effect; the others are dead code that readers take
for the real check.

## Example
```dockerfile
FROM nginx:1.27
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
HEALTHCHECK CMD ["wget", "-q", "--spider", "http://localhost/"]
```

## Use instead
```dockerfile
FROM nginx:1.27
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
```

## References
hadolint DL3012; BuildKit check `MultipleInstructionsDisallowed` (its HEALTHCHECK part; CMD
and ENTRYPOINT are DL4003 and DL4004).
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for stage in &cx.dockerfile.stages {
        stage
            .instructions
            .clone()
            .map(|i| &cx.dockerfile.instructions[i])
            .filter(|i| i.keyword == Keyword::Healthcheck)
            .skip(1)
            .for_each(|i| out.add(i.span, "Multiple `HEALTHCHECK` instructions"));
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_repeated_healthchecks_per_stage() {
        let src = "FROM a:1\nHEALTHCHECK CMD [\"a\"]\nHEALTHCHECK NONE\nHEALTHCHECK CMD b\n";
        assert_lines("DL3012", src, &[3, 4]);
    }

    #[test]
    fn one_per_stage_is_fine() {
        let src = "FROM a:1 AS x\nHEALTHCHECK CMD [\"a\"]\nFROM b:1\nHEALTHCHECK CMD [\"b\"]\n";
        assert_clean("DL3012", src);
        assert_clean("DL3012", "FROM a:1\nONBUILD HEALTHCHECK NONE\nHEALTHCHECK NONE\n");
    }
}
