use crate::shell_ext::CommandExt;
use crate::stages::is_built_upon;
use crate::{Context, FixAvailability, Report, Rule, RunCommand, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3009",
    name: "apt-lists-kept",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags an `apt-get update` whose `RUN` does not delete `/var/lib/apt/lists` afterwards, in a
stage that ends up in the image (the final stage, or one another stage is built on).

## Why is this bad?
The package lists weigh tens of megabytes. Deleting them in a later `RUN` does not help: they
stay in the layer of the `RUN` that downloaded them. A `RUN --mount=type=cache` (or `tmpfs`)
on `/var/lib/apt/lists` keeps them out of the layer altogether.

## Example
```dockerfile
FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
```

## Use instead
```dockerfile
FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \
    && rm -rf /var/lib/apt/lists/*
```

## Differences from hadolint
Cleanup is what removes the lists: `apt-get dist-clean` (apt 2.7 and later) or an `rm` of
`/var/lib/apt/lists`, its content or a parent (brace lists such as `/var/lib/{apt,dpkg}`
included). hadolint accepts any `rm -rf`, even of unrelated paths, and does not know
`dist-clean`. A cache or tmpfs mount on the lists or a parent (`/var/lib/apt`) silences the
rule; hadolint also wants `/var/cache/apt` mounted for a parent mount. A stage counts as built
upon when a `FROM` resolves to it after expanding `ARG` defaults (`FROM ${VARIANT}`), and stage
names match case-insensitively, as in BuildKit.

## References
hadolint DL3009.
"#,
    check,
};

const LISTS: &str = "/var/lib/apt/lists";

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    let in_image = |index: usize| {
        df.stage_of(index)
            .is_none_or(|s| s.index + 1 == df.stages.len() || is_built_upon(df, s))
    };
    for cmd in cx.run_commands() {
        if !is_update(&cmd) || cmd.mount_covers(LISTS) || !in_image(cmd.index) {
            continue;
        }
        if !cx.commands_of(cmd.index).any(|c| removes_lists(&c)) {
            out.add(
                cmd.span(),
                "Delete the apt lists (/var/lib/apt/lists) after installing something",
            );
        }
    }
}

fn is_update(cmd: &RunCommand) -> bool {
    cmd.command.is_any(&["apt-get", "apt", "aptitude"]) && cmd.command.has_arg("update")
}

/// `apt-get dist-clean`, or `rm` of the lists, of what is in them, or of a parent directory.
fn removes_lists(cmd: &RunCommand) -> bool {
    let c = cmd.command;
    if c.is_any(&["apt-get", "apt"]) {
        return c.has_arg("dist-clean");
    }
    c.is("rm")
        && c.operands(&[])
            .iter()
            .flat_map(|w| brace_alternatives(&w.value))
            .any(|p| {
                let path = p.trim_end_matches(['/', '*']);
                !path.is_empty()
                    && (path.starts_with(LISTS) || LISTS.starts_with(&format!("{path}/")))
            })
}

/// The words a single `{a,b}` brace expands to (`/var/lib/{apt,dpkg}` gives two paths).
fn brace_alternatives(word: &str) -> Vec<String> {
    let braces = word
        .find('{')
        .and_then(|open| Some((open, open + word[open..].find('}')?)));
    match braces {
        Some((open, close)) if word[open..close].contains(',') => word[open + 1..close]
            .split(',')
            .map(|alt| format!("{}{alt}{}", &word[..open], &word[close + 1..]))
            .collect(),
        _ => vec![word.to_owned()],
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_update_without_cleanup() {
        assert_lines("DL3009", "FROM debian:12\nRUN apt-get update && apt-get install -y x\n", &[2]);
        assert_lines("DL3009", "FROM debian:12\nRUN apt update\n", &[2]);
        assert_lines(
            "DL3009",
            "FROM debian:12\nRUN apt-get update && apt-get install -y x && rm -rf /tmp/*\n",
            &[2],
        );
        // Cleaning in a later RUN does not shrink the earlier layer.
        assert_lines(
            "DL3009",
            "FROM debian:12\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n",
            &[2],
        );
        assert_lines("DL3009", "FROM debian:12\nRUN <<EOF\napt-get update\nEOF\n", &[3]);
        assert_lines("DL3009", "FROM debian:12\nONBUILD RUN apt-get update\n", &[2]);
    }

    #[test]
    fn accepts_cleanup_in_the_same_run() {
        for rm in [
            "rm -rf /var/lib/apt/lists/*",
            "rm -r /var/lib/apt/lists",
            "rm -fr /var/cache/apt/* /var/lib/apt/lists/",
            "rm -rf -- /var/lib/apt",
            "rm -rf /var/lib/{apt,dpkg,cache,log}/",
            "apt-get dist-clean",
        ] {
            let src = format!("FROM debian:12\nRUN apt-get update && apt-get install -y x && {rm}\n");
            assert_clean("DL3009", &src);
        }
        assert_clean(
            "DL3009",
            "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y x\nrm -rf /var/lib/apt/lists/*\nEOF\n",
        );
    }

    #[test]
    fn a_cache_mount_on_the_lists_silences_it() {
        for target in ["/var/lib/apt/lists", "/var/lib/apt/lists/", "/var/lib/apt"] {
            let src = format!(
                "FROM debian:12\nRUN --mount=type=cache,target={target} apt-get update && apt-get install -y x\n"
            );
            assert_clean("DL3009", &src);
        }
        assert_clean(
            "DL3009",
            "FROM debian:12\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update\n",
        );
        assert_lines(
            "DL3009",
            "FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\n",
            &[2],
        );
    }

    #[test]
    fn only_stages_that_reach_the_image_count() {
        let builder = "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\n";
        assert_clean("DL3009", &format!("{builder}FROM debian:12\nCOPY --from=build /x /x\n"));
        assert_lines("DL3009", &format!("{builder}FROM build\nRUN make\n"), &[2]);
        assert_lines("DL3009", &format!("{builder}FROM BUILD\n"), &[2]);
    }
}
