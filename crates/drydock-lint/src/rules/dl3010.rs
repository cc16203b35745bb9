use drydock_syntax::{Kind, Span};

use crate::shell_ext::CommandExt;
use crate::sources::{basename, is_archive};
use crate::{Context, FixAvailability, Report, Rule, RunCommand, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3010",
    name: "copy-then-extract",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `COPY` of a local archive that a later `RUN` of the same stage extracts with `tar -x`,
`unzip`, `gunzip` and the like.

## Why is this bad?
The copied archive stays in the image in the `COPY` layer even when the `RUN` deletes it, so
the image carries both the archive and its contents. `ADD` unpacks a local tar archive in a
single layer.

## Example
```dockerfile
FROM debian:12.5
COPY app.tar.gz /tmp/
RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
```

## Use instead
```dockerfile
FROM debian:12.5
ADD app.tar.gz /opt/
```

## Differences from hadolint
hadolint only reports archives of the last stage (a `FROM` discards what it found before);
Drydock reports them in every stage. Old-style `tar xzf archive` (no dash) counts as
extracting.

## References
hadolint DL3010.
"#,
    check,
};

const UNPACKERS: &[&str] = &[
    "unzip",
    "gunzip",
    "bunzip2",
    "unlzma",
    "unxz",
    "zgz",
    "uncompress",
    "zcat",
    "gzcat",
];

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    for (index, instruction) in cx.instructions() {
        let Kind::Copy(copy) = &instruction.kind else {
            continue;
        };
        if copy.from.is_some() {
            continue;
        }
        for (name, span) in copied_archives(copy) {
            let extracted = df.stage_of(index).is_some_and(|stage| {
                cx.stage_commands(stage)
                    .any(|cmd| cmd.index > index && extracts(&cmd, name))
            });
            if extracted {
                out.add(span, "Use `ADD` for extracting archives into an image");
            }
        }
    }
}

/// The archive names a COPY creates: the destination's if it names an archive, else each
/// archive source's.
fn copied_archives(copy: &drydock_syntax::Copy) -> Vec<(&str, Span)> {
    match &copy.dest {
        Some(dest) if is_archive(&dest.value) => vec![(basename(&dest.value), dest.span)],
        _ => copy
            .sources
            .iter()
            .filter(|s| is_archive(&s.value))
            .map(|s| (basename(&s.value), s.span))
            .collect(),
    }
}

fn extracts(cmd: &RunCommand, archive: &str) -> bool {
    let c = cmd.command;
    let unpacks = c.is_any(UNPACKERS)
        || (c.is("tar")
            && (c.has_any_flag(&["x", "extract", "get"])
                || c.args()
                    .first()
                    .is_some_and(|a| !a.value.starts_with('-') && a.value.contains('x'))));
    unpacks && c.args().iter().any(|a| basename(&a.value) == archive)
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_copied_archives_that_are_extracted() {
        let src = "FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz\n";
        assert_lines("DL3010", src, &[2]);
        let src = "FROM debian:12\nCOPY dist/app.tgz /tmp/\nRUN tar xzf /tmp/app.tgz\n";
        assert_lines("DL3010", src, &[2]);
        let src = "FROM debian:12\nCOPY x /tmp/app.tar.xz\nRUN <<EOF\ntar --extract -f /tmp/app.tar.xz\nEOF\n";
        assert_lines("DL3010", src, &[2]);
        let src = "FROM debian:12\nCOPY a.gz /tmp/\nRUN gunzip /tmp/a.gz\n";
        assert_lines("DL3010", src, &[2]);
    }

    #[test]
    fn every_stage_counts_but_stages_do_not_mix() {
        let src = "FROM debian:12 AS a\nCOPY app.tar /t/\nRUN tar -xf /t/app.tar\nFROM debian:12\n";
        assert_lines("DL3010", src, &[2]);
        let src = "FROM debian:12 AS a\nCOPY app.tar /t/\nFROM debian:12\nRUN tar -xf /t/app.tar\n";
        assert_clean("DL3010", src);
    }

    #[test]
    fn ignores_archives_that_are_not_extracted() {
        assert_clean("DL3010", "FROM debian:12\nCOPY app.tar.gz /srv/\nRUN ls /srv\n");
        assert_clean("DL3010", "FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -czf /tmp/app.tar.gz /x\n");
        assert_clean("DL3010", "FROM debian:12\nCOPY --from=build /app.tar /t/\nRUN tar -xf /t/app.tar\n");
        assert_clean("DL3010", "FROM debian:12\nRUN tar -xf /t/app.tar\nCOPY app.tar /t/\n");
    }
}
