use crate::packages::install;
use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3008",
    name: "apt-get-unpinned",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags each package of an `apt-get install` that has no version (`package=version`).

## Why is this bad?
Without a version, every build installs whatever the mirror serves that day: rebuilding the
same Dockerfile gives a different image, and an upstream release can break the build or the
application without any change of yours.

## Example
```dockerfile
FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \
    && rm -rf /var/lib/apt/lists/*
```

## Differences from hadolint
Drydock reports each unpinned package rather than the whole instruction, and skips the values
of `-o`/`-c` as well as `-t` (hadolint only skips `-t`). A package given by release
(`curl/bookworm-backports`) or a local `.deb` file counts as pinned, as in hadolint.

## References
hadolint DL3008.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for cmd in cx.run_commands() {
        if !cmd.command.is("apt-get") {
            continue;
        }
        let Some(install) = install(cmd.command) else {
            continue;
        };
        for package in install.packages {
            if !is_pinned(&package.value) {
                out.add(
                    cmd.span_of(package),
                    "Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`",
                );
            }
        }
    }
}

fn is_pinned(package: &str) -> bool {
    package.contains('=') || package.contains('/') || package.ends_with(".deb")
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_each_unpinned_package() {
        assert_lines("DL3008", "FROM debian:12\nRUN apt-get install -y curl\n", &[2]);
        assert_lines(
            "DL3008",
            "FROM debian:12\nRUN apt-get install -y \\\n  curl=1 \\\n  git \\\n  vim\n",
            &[4, 5],
        );
        assert_lines("DL3008", "FROM debian:12\nRUN apt-get install -y $PACKAGES\n", &[2]);
        assert_lines("DL3008", "FROM debian:12\nRUN <<EOF\napt-get install -y jq\nEOF\n", &[3]);
        assert_lines("DL3008", "FROM debian:12\nONBUILD RUN apt-get install -y jq\n", &[2]);
    }

    #[test]
    fn accepts_versions_releases_and_files() {
        assert_clean("DL3008", "FROM debian:12\nRUN apt-get install -y curl=7.88 \"git=${V}\"\n");
        assert_clean("DL3008", "FROM debian:12\nRUN apt-get install -y curl/bookworm ./x.deb\n");
        assert_clean(
            "DL3008",
            "FROM debian:12\nRUN apt-get -t bookworm-backports -o Acquire::Retries=3 install -y git=1\n",
        );
        assert_clean("DL3008", "FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n");
        assert_clean("DL3008", "FROM debian:12\nRUN apt install -y curl\n");
    }
}
