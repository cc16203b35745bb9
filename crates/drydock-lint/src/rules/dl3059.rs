use drydock_syntax::{CommandForm, Flag, Instruction, Kind};

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3059",
    name: "consecutive-run",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `RUN` that directly follows another `RUN` with the same flags when neither runs more
than one command.

## Why is this bad?
Each RUN makes a layer. Short commands in a row are cheaper as one RUN: fewer layers, and files
that a later command deletes never reach the image. Longer RUNs in a row are left alone: they
are usually split on purpose, to cache a slow step.

## Example
```dockerfile
FROM debian:12-slim
RUN mkdir /app
RUN chown nobody /app
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN mkdir /app && chown nobody /app
```

## Differences from hadolint
Both count the commands of a PowerShell script as if it were shell (`;` separates commands in
both languages), but hadolint's shell parser gives up on some PowerShell code and then counts
no command at all, so it flags such a RUN after another short one. Drydock's parser does not
give up.

## References
hadolint DL3059.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let mut previous: Option<(&Instruction, usize)> = None;
    for (index, instruction) in cx.instructions() {
        let Kind::Run(run) = &instruction.kind else {
            previous = None;
            continue;
        };
        let count = match &run.command {
            CommandForm::Exec(_) => 1,
            // Like hadolint, a test (`[ ... ]`) is not counted as a command.
            CommandForm::Shell(_) => cx
                .commands_of(index)
                .filter(|c| c.command.name().is_some_and(|n| n != "[" && n != "[["))
                .count(),
        };
        match previous {
            Some((prev, prev_count))
                if same_flags(&prev.flags, &instruction.flags) && count <= 1 && prev_count <= 1 =>
            {
                out.add(
                    instruction.keyword_word.span,
                    "Multiple consecutive `RUN` instructions. Consider consolidation.",
                );
            }
            _ => previous = Some((instruction, count)),
        }
    }
}

fn same_flags(a: &[Flag], b: &[Flag]) -> bool {
    let values = |flags: &[Flag]| -> Vec<(String, Option<String>)> {
        flags
            .iter()
            .map(|f| (f.name.clone(), f.value.as_ref().map(|v| v.value.clone())))
            .collect()
    };
    values(a) == values(b)
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_short_runs_in_a_row() {
        assert_lines("DL3059", "FROM a\nRUN a\nRUN b\nRUN c\n", &[3, 4]);
        assert_lines("DL3059", "FROM a\nRUN a\n# note\n\nRUN b\n", &[5]);
        assert_lines("DL3059", "FROM a\nRUN X=1 && Y=2\nRUN c\n", &[3]);
        assert_lines(
            "DL3059",
            "FROM a\nRUN [ -e f ] && a\nRUN if [ -n \"$X\" ]; then b; fi\n",
            &[3],
        );
        assert_lines("DL3059", "FROM a\nRUN [\"a\"]\nRUN [\"b\"]\n", &[3]);
        assert_lines(
            "DL3059",
            "FROM a\nRUN --mount=type=cache,target=/x a\nRUN --mount=type=cache,target=/x b\n",
            &[3],
        );
    }

    #[test]
    fn accepts_longer_runs_and_breaks() {
        assert_clean("DL3059", "FROM a\nRUN a\nRUN b && c\n");
        assert_clean("DL3059", "FROM a\nRUN a && b\nRUN c\n");
        assert_clean("DL3059", "FROM a\nRUN a | b\nRUN c\n");
        assert_clean("DL3059", "FROM a\nRUN a $(b)\nRUN c\n");
        assert_clean("DL3059", "FROM a\nRUN a\nWORKDIR /x\nRUN b\n");
        assert_clean("DL3059", "FROM a\nRUN a\nONBUILD RUN b\nRUN c\n");
        assert_clean("DL3059", "FROM a\nRUN a\nFROM b\nRUN c\n");
        assert_clean("DL3059", "FROM a\nRUN a\nRUN --network=none b\n");
        assert_clean("DL3059", "FROM a\nRUN <<EOF\na\nb\nEOF\nRUN c\n");
    }

    #[test]
    fn a_long_run_resets_the_count() {
        assert_lines(
            "DL3059",
            "FROM a\nRUN a\nRUN b && c && d\nRUN e\nRUN f\n",
            &[5],
        );
    }
}
