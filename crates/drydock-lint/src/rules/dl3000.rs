use drydock_syntax::Kind;

use crate::stages::lineage;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3000",
    name: "relative-workdir",
    aliases: &["WorkdirRelativePath"],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a relative `WORKDIR` path when no absolute `WORKDIR` came before it in the stage (or in
the stages it is built on).

## Why is this bad?
A relative `WORKDIR` is resolved against the working directory the base image happens to set.
When the base image changes it, every later instruction silently runs somewhere else.

## Example
```dockerfile
FROM nginx:1.27
WORKDIR usr/share/nginx/html
```

## Use instead
```dockerfile
FROM nginx:1.27
WORKDIR /usr/share/nginx/html
WORKDIR assets
```

## Differences from hadolint
hadolint flags every relative `WORKDIR`, also one that follows an absolute `WORKDIR` of the
same stage, where the result no longer depends on the base image. Drydock follows BuildKit's
`WorkdirRelativePath` check and accepts it. Paths starting with a variable are accepted, as in
hadolint, since their value is unknown.

## References
hadolint DL3000; BuildKit check `WorkdirRelativePath`.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for (index, instruction) in cx.instructions() {
        let Kind::Workdir(path) = &instruction.kind else {
            continue;
        };
        if !is_anchored(&path.value) && !follows_anchored_workdir(cx, index) {
            out.add(path.span, "Use absolute WORKDIR");
        }
    }
}

/// Absolute on Linux or Windows, or starting with a variable whose value is unknown.
fn is_anchored(path: &str) -> bool {
    let mut chars = path.chars();
    match (chars.next(), chars.next()) {
        (Some('/' | '\\' | '$'), _) => true,
        (Some(drive), Some(':')) => drive.is_ascii_alphabetic(),
        _ => path.is_empty(),
    }
}

/// An anchored WORKDIR comes earlier in the instruction's stage or in a stage it builds on.
fn follows_anchored_workdir(cx: &Context, index: usize) -> bool {
    let df = cx.dockerfile;
    let Some(stage) = df.stage_of(index) else {
        return false;
    };
    lineage(df, stage).into_iter().any(|s| {
        s.instructions.clone().filter(|&i| i < index).any(|i| {
            matches!(&df.instructions[i].kind, Kind::Workdir(p) if is_anchored(&p.value))
        })
    })
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_relative_paths() {
        assert_lines("DL3000", "FROM alpine:3\nWORKDIR app\n", &[2]);
        assert_lines("DL3000", "FROM alpine:3\nWORKDIR ~/x\n", &[2]);
        assert_lines("DL3000", "FROM alpine:3\nWORKDIR \"app/src\"\n", &[2]);
    }

    #[test]
    fn accepts_absolute_windows_and_variable_paths() {
        assert_clean("DL3000", "FROM alpine:3\nWORKDIR /app\n");
        assert_clean("DL3000", "FROM alpine:3\nWORKDIR \"/app\"\n");
        assert_clean("DL3000", "FROM alpine:3\nWORKDIR $HOME/x\n");
        assert_clean("DL3000", "FROM alpine:3\nWORKDIR ${DIR}\n");
        assert_clean("DL3000", "FROM mcr.microsoft.com/windows:1\nWORKDIR C:\\\\app\n");
        assert_clean("DL3000", "FROM mcr.microsoft.com/windows:1\nWORKDIR c:/app\n");
    }

    #[test]
    fn relative_after_absolute_in_the_lineage_is_fine() {
        assert_clean("DL3000", "FROM alpine:3\nWORKDIR /src\nWORKDIR tools/gopls\n");
        assert_clean(
            "DL3000",
            "FROM alpine:3 AS base\nWORKDIR /src\nFROM base\nWORKDIR sub\n",
        );
        // Another stage's WORKDIR does not count, nor a later one.
        assert_lines(
            "DL3000",
            "FROM alpine:3 AS a\nWORKDIR /src\nFROM alpine:3\nWORKDIR sub\nWORKDIR /x\n",
            &[4],
        );
    }

    #[test]
    fn onbuild_is_not_checked() {
        assert_clean("DL3000", "FROM alpine:3\nONBUILD WORKDIR app\n");
    }
}
