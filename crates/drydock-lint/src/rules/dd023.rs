use drydock_syntax::{Instruction, Keyword, Kind};

use crate::{Context, Edit, Fix, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD023",
    name: "inconsistent-instruction-casing",
    aliases: &["ConsistentInstructionCasing"],
    severity: Severity::Style,
    fix: FixAvailability::Always,
    docs: r#"
## What it does
Flags instruction keywords that are not in the file's majority casing: the lower-case ones in
a mostly upper-case file and the other way round. A keyword in mixed case (`Run`, `EntryPoint`)
is always flagged. Ties count as upper case. Keywords after `ONBUILD` count too.

## Why is this bad?
One casing throughout makes instructions easy to spot and the file easy to scan; a mixed file
looks like it was pasted together.

## Example
```dockerfile
FROM alpine:3.20
run echo hello > /greeting.txt
ENTRYPOINT ["cat", "/greeting.txt"]
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN echo hello > /greeting.txt
ENTRYPOINT ["cat", "/greeting.txt"]
```

## Fix safety
Safe: keywords are case-insensitive. A `FROM`'s `AS` is rewritten along with it, so the fix
never leaves a `FromAsCasing` (DD020) finding behind.

## References
BuildKit check `ConsistentInstructionCasing`.
"#,
    check,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Casing {
    Upper,
    Lower,
}

impl Casing {
    fn of(word: &str) -> Option<Casing> {
        if word == word.to_ascii_uppercase() {
            Some(Casing::Upper)
        } else if word == word.to_ascii_lowercase() {
            Some(Casing::Lower)
        } else {
            None
        }
    }

    fn apply(self, word: &str) -> String {
        match self {
            Casing::Upper => word.to_ascii_uppercase(),
            Casing::Lower => word.to_ascii_lowercase(),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Casing::Upper => "upper case",
            Casing::Lower => "lower case",
        }
    }
}

fn check(cx: &Context, out: &mut Report) {
    let keywords: Vec<&Instruction> = cx
        .dockerfile
        .instructions
        .iter()
        .flat_map(with_onbuild_inner)
        .filter(|i| i.keyword != Keyword::Unknown)
        .collect();
    let count = |casing| {
        keywords
            .iter()
            .filter(|i| Casing::of(&i.keyword_word.value) == Some(casing))
            .count()
    };
    let majority = if count(Casing::Lower) > count(Casing::Upper) {
        Casing::Lower
    } else {
        Casing::Upper
    };
    for instruction in keywords {
        let written = &instruction.keyword_word;
        if Casing::of(&written.value) == Some(majority) {
            continue;
        }
        let wanted = majority.apply(&written.value);
        let mut edits = vec![Edit::replace(written.span, wanted.clone())];
        if let Kind::From(from) = &instruction.kind {
            edits.extend(
                from.as_keyword
                    .as_ref()
                    .filter(|kw| Casing::of(&kw.value) != Some(majority))
                    .map(|kw| Edit::replace(kw.span, majority.apply(&kw.value))),
            );
        }
        out.add_with_fix(
            written.span,
            format!(
                "`{}` is not in the file's {}: write `{wanted}`",
                written.value,
                majority.name()
            ),
            Fix::safe(format!("write `{wanted}`"), edits),
        );
    }
}

/// An instruction, followed by the one an ONBUILD wraps.
fn with_onbuild_inner(instruction: &Instruction) -> Vec<&Instruction> {
    match &instruction.kind {
        Kind::Onbuild(inner) => vec![instruction, inner.as_ref()],
        _ => vec![instruction],
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn the_minority_casing_is_flagged() {
        assert_lines("DD023", "FROM alpine\nrun echo\nCMD [\"x\"]\n", &[2]);
        assert_lines("DD023", "from alpine\nrun echo\nCMD [\"x\"]\n", &[3]);
        assert_lines("DD023", "from alpine\nRUN echo\n", &[1]);
        assert_lines(
            "DD023",
            "From alpine\nRun echo\nEntRYpOiNT [\"cat\"]\n",
            &[1, 2, 3],
        );
        assert_clean("DD023", "FROM alpine\nRUN echo\n");
        assert_clean("DD023", "from alpine\nrun echo\n");
    }

    #[test]
    fn onbuild_inner_keywords_count() {
        assert_lines("DD023", "FROM alpine\nONBUILD run echo\n", &[2]);
    }

    #[test]
    fn fix_rewrites_to_the_majority() {
        assert_fix(
            "DD023",
            "FROM alpine AS base\nrun echo hi\nWorkdir /app\nCMD [\"sh\"]\n",
            "FROM alpine AS base\nRUN echo hi\nWORKDIR /app\nCMD [\"sh\"]\n",
        );
    }

    #[test]
    fn fix_keeps_from_and_as_together() {
        assert_fix(
            "DD023",
            "FROM alpine AS base\nrun echo\nworkdir /app\n",
            "from alpine as base\nrun echo\nworkdir /app\n",
        );
        assert_fix(
            "DD023",
            "From alpine as base\nRUN echo\nWORKDIR /app\n",
            "FROM alpine AS base\nRUN echo\nWORKDIR /app\n",
        );
    }
}
