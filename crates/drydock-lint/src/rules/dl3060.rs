use drydock_syntax::shell::Command;
use drydock_syntax::Dockerfile;

use crate::cache_cleanup::uncleaned_installs;
use crate::scope::{variable, Var};
use crate::shell_ext::CommandExt;
use crate::stages::lineage;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3060",
    name: "yarn-cache-not-cleaned",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a RUN that runs `yarn install` without a `yarn cache clean` after it, in the final stage
or a stage the final stage is built `FROM`, unless the RUN mounts a cache on yarn's cache
directory (`/usr/local/share/.cache/yarn`, `~/.cache/yarn`, `~/.yarn/berry/cache` or the
stage's `YARN_CACHE_FOLDER`).

## Why is this bad?
yarn keeps a copy of every package it downloads in its global cache. In an image nobody
installs from that cache again: it only makes the layer larger.

## Example
```dockerfile
FROM node:20-alpine
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
```

## Use instead
```dockerfile
FROM node:20-alpine
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile && yarn cache clean
```

A builder stage that is only copied from (`COPY --from=build`) is left alone: its cache never
reaches the image.

## Differences from hadolint
- hadolint checks the final stage and every stage that some stage names in its `FROM` (by the
  name as written, without expanding `ARG`s); Drydock checks the final stage and the stages it
  is built from, the layers of the image `docker build` produces.
- A cache mount on yarn's cache directory silences the rule: nothing is left in the layer.
  hadolint does not know cache mounts.

## References
hadolint DL3060.
"#,
    check,
};

/// Where yarn 1 (as root, or in a home directory) and yarn berry keep their global cache.
const CACHE_DIRS: &[&str] = &[
    "/usr/local/share/.cache/yarn",
    "~/.cache/yarn",
    "~/.yarn/berry/cache",
];

fn check(cx: &Context, out: &mut Report) {
    let installs = |c: &Command| c.runs("yarn", &["install"]);
    let cleans = |c: &Command| {
        c.is("yarn")
            && matches!(c.args_no_flags().as_slice(),
                [cache, clean, ..] if cache.value == "cache" && clean.value == "clean")
    };
    for c in uncleaned_installs(cx, installs, cleans) {
        if !c
            .instruction
            .stage
            .is_some_and(|s| reaches_image(cx.dockerfile, s))
        {
            continue;
        }
        let mut dirs: Vec<String> = CACHE_DIRS.iter().map(|d| d.to_string()).collect();
        if let Some(Var::Value(dir)) = variable(cx.dockerfile, c.index, "YARN_CACHE_FOLDER") {
            dirs.push(dir);
        }
        if !dirs.iter().any(|d| c.mount_covers(d)) {
            out.add(
                c.span(),
                "`yarn cache clean` missing after `yarn install` was run.",
            );
        }
    }
}

/// Whether the stage is the final one or one it is built `FROM`: its layers are in the image
/// `docker build` produces. A builder stage that is only copied from leaves its cache behind.
fn reaches_image(df: &Dockerfile, stage: usize) -> bool {
    df.final_stage()
        .is_some_and(|last| lineage(df, last).iter().any(|s| s.index == stage))
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_install_without_cache_clean() {
        assert_lines("DL3060", "FROM n\nRUN yarn install\n", &[2]);
        assert_lines(
            "DL3060",
            "FROM n\nRUN yarn --frozen-lockfile install\n",
            &[2],
        );
        assert_lines(
            "DL3060",
            "FROM n\nRUN yarn cache clean && yarn install\n",
            &[2],
        );
        assert_lines("DL3060", "FROM n\nONBUILD RUN yarn install\n", &[2]);
        assert_lines("DL3060", "FROM n\nRUN <<EOF\nyarn install\nEOF\n", &[3]);
    }

    #[test]
    fn only_stages_that_reach_an_image_count() {
        assert_clean(
            "DL3060",
            "FROM n AS build\nRUN yarn install\nFROM n\nCOPY --from=build /x /x\n",
        );
        assert_lines(
            "DL3060",
            "FROM n AS deps\nRUN yarn install\nFROM deps\nRUN yarn build\n",
            &[2],
        );
        assert_clean(
            "DL3060",
            "FROM n AS a\nRUN yarn install\nFROM a AS b\nFROM c\n",
        );
    }

    #[test]
    fn accepts_a_cache_clean_after_the_install() {
        assert_clean("DL3060", "FROM n\nRUN yarn install && yarn cache clean\n");
        assert_clean(
            "DL3060",
            "FROM n\nRUN yarn install && yarn cache clean --all\n",
        );
        assert_clean("DL3060", "FROM n\nRUN yarn build\n");
    }

    #[test]
    fn a_cache_mount_keeps_the_cache_out_of_the_layer() {
        for target in [
            "/usr/local/share/.cache/yarn",
            "/root/.cache/yarn",
            "/home/node/.yarn/berry/cache",
        ] {
            assert_clean(
                "DL3060",
                &format!("FROM n\nRUN --mount=type=cache,target={target} yarn install\n"),
            );
        }
        assert_clean(
            "DL3060",
            "FROM n\nENV YARN_CACHE_FOLDER=/yc\nRUN --mount=type=cache,target=/yc yarn install\n",
        );
        assert_lines(
            "DL3060",
            "FROM n\nRUN --mount=type=cache,target=/root/.npm yarn install\n",
            &[2],
        );
    }
}
