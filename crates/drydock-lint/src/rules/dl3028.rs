use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3028",
    name: "gem-unpinned",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags each gem of a `gem install` without a version (`gem:version`, or `-v`/`--version` for
the command).

## Why is this bad?
Without a version every build installs the newest release: rebuilding the same Dockerfile
gives a different image, and a new release can break the application without any change of
yours.

## Example
```dockerfile
FROM ruby:3.3-slim
RUN gem install bundler
```

## Use instead
```dockerfile
FROM ruby:3.3-slim
RUN gem install bundler:2.5.11
```

## Differences from hadolint
hadolint skips the word after any option (so `gem install --no-document rails` passes);
Drydock only skips the values of options that take one (`--source`, `--install-dir`, ...).
Drydock reports each unpinned gem rather than the whole instruction. A local `.gem` file is
flagged like a gem name, as in hadolint: pin its version with `-v`.

## References
hadolint DL3028.
"#,
    check,
};

/// gem install options that take a value in the next word.
const VALUED: &[&str] = &[
    "source",
    "s",
    "install-dir",
    "i",
    "bindir",
    "n",
    "platform",
    "P",
    "trust-policy",
    "g",
    "file",
];

fn check(cx: &Context, out: &mut Report) {
    for cmd in cx.run_commands() {
        let c = cmd.command;
        if !c.is("gem") || c.has_any_flag(&["v", "version"]) {
            continue;
        }
        let operands = c.operands(VALUED);
        let Some((first, gems)) = operands.split_first() else {
            continue;
        };
        if !matches!(first.value.as_str(), "install" | "i") {
            continue;
        }
        for gem in gems {
            if !gem.value.contains(':') {
                out.add(
                    cmd.span_of(gem),
                    "Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_each_unpinned_gem() {
        assert_lines("DL3028", "FROM ruby:3\nRUN gem install rails\n", &[2]);
        assert_lines("DL3028", "FROM ruby:3\nRUN gem i --no-document rails\n", &[2]);
        assert_lines("DL3028", "FROM ruby:3\nRUN gem install bundler:2 \\\n  rake\n", &[3]);
        assert_lines("DL3028", "FROM ruby:3\nRUN gem install --local --force pups-1.4.0.gem\n", &[2]);
        assert_lines("DL3028", "FROM ruby:3\nRUN <<EOF\ngem install rails\nEOF\n", &[3]);
        assert_lines("DL3028", "FROM ruby:3\nONBUILD RUN gem install rails\n", &[2]);
    }

    #[test]
    fn accepts_versions() {
        for args in [
            "rails:7.1.3",
            "rails -v 7.1.3",
            "rails --version 7.1.3",
            "rails --version=7.1.3",
            "--source https://rubygems.example rails:7",
            "-- rails:7",
        ] {
            assert_clean("DL3028", &format!("FROM ruby:3\nRUN gem install {args}\n"));
        }
        assert_clean("DL3028", "FROM ruby:3\nRUN gem update --system && gem fetch pups\n");
    }
}
