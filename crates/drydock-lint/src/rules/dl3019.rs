use crate::shell_ext::CommandExt;
use crate::{Context, Edit, Fix, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3019",
    name: "apk-cache-kept",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::Always,
    docs: r#"
## What it does
Flags an `apk add` without `--no-cache`, unless the `RUN` has a cache (or tmpfs) mount on
`/var/cache/apk`.

## Why is this bad?
Without `--no-cache`, apk keeps the package index it downloaded in `/var/cache/apk`: a few
megabytes in the layer for nothing, unless it is removed in the same `RUN`. `--no-cache`
fetches the index on the fly and leaves nothing behind. A cache mount keeps the index out of
the layer as well, and reuses it between builds.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add curl=8.9.1-r0
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r0
```

## Fix safety
The fix adds `--no-cache` after `add`. It changes where apk reads its index from, not what it
installs, so it is safe.

## References
hadolint DL3019.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for cmd in cx.run_commands() {
        let c = cmd.command;
        if !c.is("apk") || c.has_any_flag(&["no-cache"]) || cmd.mount_covers("/var/cache/apk") {
            continue;
        }
        let Some(add) = c.args().iter().find(|w| w.value == "add") else {
            continue;
        };
        let at = cmd.span_of(add).end;
        out.add_with_fix(
            cmd.span(),
            "Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages",
            Fix::safe("add `--no-cache`", vec![Edit::insert(at, " --no-cache")]),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_apk_add_without_no_cache() {
        assert_lines("DL3019", "FROM alpine:3\nRUN apk add curl=1\n", &[2]);
        assert_lines("DL3019", "FROM alpine:3\nRUN apk update && apk add -U curl=1\n", &[2]);
        assert_lines("DL3019", "FROM alpine:3\nRUN <<EOF\napk add curl=1\nEOF\n", &[3]);
        assert_lines("DL3019", "FROM alpine:3\nONBUILD RUN apk add curl=1\n", &[2]);
    }

    #[test]
    fn accepts_no_cache_and_cache_mounts() {
        assert_clean("DL3019", "FROM alpine:3\nRUN apk add --no-cache curl=1\n");
        assert_clean("DL3019", "FROM alpine:3\nRUN apk --no-cache add curl=1\n");
        assert_clean(
            "DL3019",
            "FROM alpine:3\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=1\n",
        );
        assert_clean("DL3019", "FROM alpine:3\nRUN apk update && apk info\n");
    }

    #[test]
    fn fix_adds_no_cache_after_add() {
        assert_fix(
            "DL3019",
            "FROM alpine:3\nRUN apk add curl=1 && \\\n    apk -U add git=2\n",
            "FROM alpine:3\nRUN apk add --no-cache curl=1 && \\\n    apk -U add --no-cache git=2\n",
        );
    }
}
