use drydock_syntax::Kind;

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3022",
    name: "copy-from-unknown-stage",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `COPY --from=name` where `name` is neither a stage defined earlier in the file nor an
image reference with a tag or digest.

## Why is this bad?
BuildKit reads an unknown name as an image to pull: a typo in a stage name, or a stage defined
further down, turns into a pull of `docker.io/library/<name>:latest`, which usually fails with
a confusing error, or worse, succeeds.

## Example
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /app .

FROM debian:12.5
COPY --from=biuld /app /app
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /app .

FROM debian:12.5
COPY --from=build /app /app
```

## Differences from hadolint
Stage names match case-insensitively, as in BuildKit (hadolint flags `--from=Build` for a
stage `build`). A value with a variable is not flagged, as its value is unknown. A name given
to the build as a named context (`--build-context name=...`) cannot be seen in the file and is
flagged by both.

## References
hadolint DL3022.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    for (_, instruction) in cx.instructions() {
        let (Kind::Copy(copy), Some(current)) = (&instruction.kind, instruction.stage) else {
            continue;
        };
        let Some(from) = &copy.from else {
            continue;
        };
        let name = from.value.as_str();
        let is_image = name.contains([':', '@']);
        let is_defined = df.stage_named(name).is_some_and(|s| s.index <= current);
        if !is_image && !is_defined && !name.contains('$') {
            out.add(
                from.span,
                "`COPY --from` should reference a previously defined `FROM` alias",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_unknown_and_later_stages() {
        assert_lines("DL3022", "FROM a:1 AS build\nFROM b:1\nCOPY --from=biuld /x /x\n", &[3]);
        assert_lines("DL3022", "FROM b:1\nCOPY --from=later /x /x\nFROM a:1 AS later\n", &[2]);
        assert_lines("DL3022", "FROM b:1\nCOPY --from=org/tool / /\n", &[2]);
        assert_lines("DL3022", "FROM a:1\nFROM b:1\nCOPY --from=5 /x /x\n", &[3]);
    }

    #[test]
    fn accepts_stages_indices_and_images() {
        assert_clean("DL3022", "FROM a:1 AS build\nFROM b:1\nCOPY --from=build /x /x\n");
        assert_clean("DL3022", "FROM a:1 AS Build\nFROM b:1\nCOPY --from=BUILD /x /x\n");
        assert_clean("DL3022", "FROM a:1\nFROM b:1\nCOPY --from=0 /x /x\n");
        assert_clean("DL3022", "FROM b:1\nCOPY --from=nginx:1.27 /x /x\n");
        assert_clean("DL3022", "FROM b:1\nCOPY --from=alpine@sha256:abc /x /x\n");
        assert_clean("DL3022", "FROM b:1\nCOPY --from=${STAGE} /x /x\n");
        assert_clean("DL3022", "FROM b:1\nCOPY /x /x\n");
    }
}
