use drydock_syntax::Kind;

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3021",
    name: "copy-many-to-file",
    aliases: &[],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `COPY` of several sources whose destination does not end with `/`.

## Why is this bad?
Several sources can only go into a directory. Without the trailing slash the destination reads
as a file name, and the classic builder rejects the instruction.

## Example
```dockerfile
FROM node:20.12-slim
COPY package.json package-lock.json /app
```

## Use instead
```dockerfile
FROM node:20.12-slim
COPY package.json package-lock.json /app/
```

## Differences from hadolint
A destination of `.` (the working directory) is accepted: both builders treat it as a
directory. hadolint flags it.

## References
hadolint DL3021.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for (_, instruction) in cx.instructions() {
        let Kind::Copy(copy) = &instruction.kind else {
            continue;
        };
        let Some(dest) = &copy.dest else {
            continue;
        };
        let is_dir = dest.value.ends_with(['/', '\\']) || dest.value == ".";
        if copy.sources.len() > 1 && !is_dir {
            out.add(
                dest.span,
                "COPY with more than 2 arguments requires the last argument to end with /",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_many_sources_into_a_file_name() {
        assert_lines("DL3021", "FROM a:1\nCOPY a b /c\n", &[2]);
        assert_lines("DL3021", "FROM a:1\nCOPY [\"a\", \"b\", \"c\"]\n", &[2]);
        assert_lines("DL3021", "FROM a:1\nCOPY a b $DIR\n", &[2]);
        assert_lines("DL3021", "FROM a:1\nCOPY a \\\n  b \\\n  c\n", &[4]);
        assert_lines("DL3021", "FROM a:1\nCOPY <<A <<B /x\na\nA\nb\nB\n", &[2]);
    }

    #[test]
    fn accepts_directories_and_single_sources() {
        for line in [
            "COPY a b c/",
            "COPY [\"a\", \"b\", \"c/\"]",
            "COPY a b \"c/\"",
            "COPY a b ${DIR}/",
            "COPY a b .",
            "COPY *.json ./",
            "COPY a /b",
            "ADD a b c",
        ] {
            assert_clean("DL3021", &format!("FROM a:1\n{line}\n"));
        }
    }
}
