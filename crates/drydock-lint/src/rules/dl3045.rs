use drydock_syntax::{Keyword, Kind};

use crate::scope::inherited;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3045",
    name: "copy-relative-dest-without-workdir",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `COPY` to a relative destination in a stage that has not set `WORKDIR` (neither itself
nor the stage it is built from).

## Why is this bad?
A relative destination is resolved against the working directory, which then comes from the
base image. It is `/` in most images but not in all, and it changes when the base image does:
the files land somewhere you did not choose.

## Example
```dockerfile
FROM node:20-alpine
COPY package.json .
```

## Use instead
```dockerfile
FROM node:20-alpine
WORKDIR /app
COPY package.json .
```

## Differences from hadolint
hadolint remembers WORKDIR by image name, so a second `FROM node` stage without alias inherits
the WORKDIR of the first one. Drydock only counts the stage itself and the stages it is built
from.

## References
hadolint DL3045.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for (index, instruction) in cx.instructions() {
        let Kind::Copy(copy) = &instruction.kind else {
            continue;
        };
        let Some(dest) = &copy.dest else {
            continue;
        };
        if is_absolute(&dest.value) || instruction.stage.is_none() {
            continue;
        }
        let workdir_set = inherited(cx.dockerfile, index)
            .iter()
            .any(|(_, i)| i.keyword == Keyword::Workdir);
        if !workdir_set {
            out.add(
                dest.span,
                "`COPY` to a relative destination without `WORKDIR` set.",
            );
        }
    }
}

/// `/x`, a Windows drive path (`C:\x`, `c:/x`), or a variable that may hold either.
fn is_absolute(dest: &str) -> bool {
    let dest = dest.trim_matches(['"', '\'']);
    let bytes = dest.as_bytes();
    let windows_drive = bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && matches!(bytes[2], b'\\' | b'/');
    dest.starts_with(['/', '$']) || windows_drive
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_relative_destinations_without_workdir() {
        assert_lines("DL3045", "FROM a\nCOPY x .\n", &[2]);
        assert_lines("DL3045", "FROM a\nCOPY x app/\n", &[2]);
        assert_lines("DL3045", "FROM a\nCOPY [\"x\", \"y z\"]\n", &[2]);
        assert_lines("DL3045", "FROM a\nCOPY x .\nWORKDIR /app\n", &[2]);
        assert_lines(
            "DL3045",
            "FROM a AS one\nWORKDIR /app\nFROM a\nCOPY x .\n",
            &[4],
        );
    }

    #[test]
    fn accepts_absolute_destinations() {
        assert_clean("DL3045", "FROM a\nCOPY x /app/\n");
        assert_clean("DL3045", "FROM a\nCOPY x $APP_HOME\n");
        assert_clean("DL3045", "FROM a\nCOPY x C:\\\\app\n");
        assert_clean("DL3045", "FROM a\nCOPY x c:/app\n");
        assert_clean("DL3045", "FROM a\nCOPY [\"x\", \"/app\"]\n");
    }

    #[test]
    fn accepts_a_workdir_in_the_stage_or_its_parent() {
        assert_clean("DL3045", "FROM a\nWORKDIR /app\nCOPY x .\n");
        assert_clean(
            "DL3045",
            "FROM a AS base\nWORKDIR /app\nFROM base\nCOPY x .\n",
        );
        assert_clean("DL3045", "FROM a\nADD x .\n");
    }
}
