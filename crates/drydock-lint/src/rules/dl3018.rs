use crate::packages::install;
use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3018",
    name: "apk-unpinned",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags each package of an `apk add` without a version (`package=version` or `package~version`).

## Why is this bad?
Without a version apk installs whatever the repository serves that day: rebuilding the same
Dockerfile gives a different image, and an upstream update can break the build or the
application without any change of yours.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r0
```

## Differences from hadolint
Drydock reports each unpinned package rather than the whole instruction, and does not take the
values of `--root`/`-p`, `--arch` or `--cache-dir` for packages. A local `.apk` file counts as
pinned, as in hadolint.

## References
hadolint DL3018.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for cmd in cx.run_commands() {
        if !cmd.command.is("apk") {
            continue;
        }
        let Some(install) = install(cmd.command) else {
            continue;
        };
        for package in install.packages {
            let p = package.value.as_str();
            if !p.contains(['=', '~']) && !p.ends_with(".apk") {
                out.add(
                    cmd.span_of(package),
                    "Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_each_unpinned_package() {
        assert_lines("DL3018", "FROM alpine:3\nRUN apk add --no-cache curl\n", &[2]);
        assert_lines("DL3018", "FROM alpine:3\nRUN apk --no-cache add a=1 \\\n  b\n", &[3]);
        assert_lines("DL3018", "FROM alpine:3\nRUN apk add --no-cache $PKGS x@edge\n", &[2, 2]);
        assert_lines("DL3018", "FROM alpine:3\nRUN <<EOF\napk add --no-cache git\nEOF\n", &[3]);
        assert_lines("DL3018", "FROM alpine:3\nONBUILD RUN apk add --no-cache git\n", &[2]);
    }

    #[test]
    fn accepts_versions_files_and_option_values() {
        for args in [
            "curl=8.9.1-r0 git~2.45",
            "--virtual .build-deps gcc=13.2.1-r0",
            "-t .deps -X https://dl-cdn.alpinelinux.org/alpine/edge/main gcc=13",
            "--allow-untrusted /tmp/pkg.apk",
        ] {
            assert_clean("DL3018", &format!("FROM alpine:3\nRUN apk add --no-cache {args}\n"));
        }
        assert_clean("DL3018", "FROM alpine:3\nRUN apk update && apk upgrade\n");
    }
}
