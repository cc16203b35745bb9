use drydock_syntax::shell::Command;
use drydock_syntax::{Dockerfile, Kind, Stage};

use crate::shell_ext::{short_name, CommandExt};
use crate::stages::lineage;
use crate::{Context, FixAvailability, Report, Rule, RunCommand, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD004",
    name: "cleanup-in-later-layer",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a cache cleanup (`rm -rf /var/lib/apt/lists/*`, `apt-get clean`, `yum clean all`,
`dnf clean all`, `rm -rf /var/cache/apk/*`, `rm -rf ~/.cache/pip`, `pip cache purge`,
`npm cache clean`, `yarn cache clean`) in a later RUN than the install that filled the cache,
when the cleanup's own RUN does not install anything into that cache itself.

## Why is this bad?
Each RUN is a layer, and a layer only records changes: deleting files in a later layer hides
them but the earlier layer still ships them, so the image is exactly as large as before and the
cleanup only costs build time. The cleanup must happen in the same RUN as the install.

## Example
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
```

Or keep the cache out of the layers with a cache mount:
`RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && ...`. An install whose RUN
mounts a cache on the directory leaves nothing behind, so a later cleanup is not flagged.
"#,
    check,
};

/// A cache that installs fill and cleanups empty.
struct Cache {
    /// Directories it lives in (`~` is root's home, where RUN runs by default).
    dirs: &'static [&'static str],
    fills: fn(&Command) -> bool,
    /// Cleanup commands other than `rm` of one of `dirs`.
    cleans: fn(&Command) -> bool,
}

const CACHES: &[Cache] = &[
    Cache {
        dirs: &["/var/lib/apt/lists"],
        fills: |c| c.runs("apt-get", &["update", "install"]) || c.runs("apt", &["update", "install"]),
        cleans: |_| false,
    },
    Cache {
        dirs: &["/var/cache/apt"],
        fills: |c| c.runs("apt-get", &["install"]) || c.runs("apt", &["install"]),
        cleans: |c| c.runs("apt-get", &["clean"]) || c.runs("apt", &["clean"]),
    },
    Cache {
        dirs: &["/var/cache/yum"],
        fills: |c| c.runs("yum", &["install", "update", "upgrade", "makecache"]),
        cleans: |c| c.runs("yum", &["clean"]),
    },
    Cache {
        dirs: &["/var/cache/dnf", "/var/cache/libdnf5"],
        fills: |c| c.is_any(&["dnf", "microdnf"]) && c.subcommand().is_some_and(|s| matches!(s, "install" | "update" | "upgrade" | "makecache")),
        cleans: |c| c.runs("dnf", &["clean"]) || c.runs("microdnf", &["clean"]),
    },
    Cache {
        dirs: &["/var/cache/apk"],
        fills: |c| c.runs("apk", &["add", "update", "upgrade"]) && !c.has_any_flag(&["no-cache"]),
        cleans: |c| c.runs("apk", &["cache"]),
    },
    Cache {
        dirs: &["/root/.cache/pip"],
        fills: |c| {
            (c.is_any(&["pip", "pip3"]) || c.has_arg("pip"))
                && c.has_arg("install")
                && !c.has_any_flag(&["no-cache-dir"])
        },
        cleans: |c| (c.is_any(&["pip", "pip3"]) || c.has_arg("pip")) && c.has_arg("cache"),
    },
    Cache {
        dirs: &["/root/.npm"],
        fills: |c| c.runs("npm", &["install", "i", "ci"]),
        cleans: |c| c.runs("npm", &["cache"]),
    },
    Cache {
        dirs: &["/usr/local/share/.cache/yarn", "/root/.cache/yarn"],
        fills: |c| c.is("yarn") && c.subcommand().is_none_or(|s| matches!(s, "install" | "add")),
        cleans: |c| c.runs("yarn", &["cache"]),
    },
];

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    for stage in &df.stages {
        let runs = image_runs(cx, df, stage);
        let own = runs.iter().filter(|c| c.instruction.stage == Some(stage.index));
        for cleanup in own {
            for cache in CACHES {
                if !cleans(cache, cleanup.command) {
                    continue;
                }
                let refilled_here = runs
                    .iter()
                    .any(|c| c.index == cleanup.index && (cache.fills)(c.command));
                let filled_before = runs.iter().find(|c| {
                    c.index < cleanup.index
                        && (cache.fills)(c.command)
                        && !mounts_cache(c, cache)
                        && !runs.iter().any(|o| o.index == c.index && cleans(cache, o.command))
                });
                if let (false, Some(install)) = (refilled_here, filled_before) {
                    report(cx, out, cleanup, install);
                    break;
                }
            }
        }
    }
}

/// The RUN commands (not ONBUILD) of the stage and the stages it is built on, in build order.
fn image_runs<'a>(cx: &Context<'a>, df: &Dockerfile, stage: &Stage) -> Vec<RunCommand<'a>> {
    let mut stages = lineage(df, stage);
    stages.sort_by_key(|s| s.index);
    stages
        .into_iter()
        .flat_map(|s| cx.stage_commands(s))
        .filter(|c| matches!(c.instruction.kind, Kind::Run(_)))
        .collect()
}

fn report(cx: &Context, out: &mut Report, cleanup: &RunCommand, install: &RunCommand) {
    let text = cx.text(cleanup.span());
    let name = short_name(install.command);
    out.add(
        cleanup.span(),
        format!(
            "`{text}` runs in a later RUN than `{name}` (line {}): the files stay in that earlier layer; clean up in the same RUN as the install",
            cx.line(install.span().start)
        ),
    );
}

fn cleans(cache: &Cache, cmd: &Command) -> bool {
    (cache.cleans)(cmd)
        || (cmd.is("rm")
            && cmd
                .args_no_flags()
                .iter()
                .any(|w| cache.dirs.iter().any(|d| removes(&w.value, d))))
}

/// Whether `rm` of `path` removes (part of) `dir`: the path is inside it, or an ancestor of it
/// other than `/`.
fn removes(path: &str, dir: &str) -> bool {
    let path = home_as_root(path);
    let path = path.trim_end_matches('*').trim_end_matches('/');
    if path.is_empty() {
        return false;
    }
    let within = |inner: &str, outer: &str| {
        inner == outer || inner.strip_prefix(outer).is_some_and(|r| r.starts_with('/'))
    };
    within(path, dir) || within(dir, path)
}

fn home_as_root(path: &str) -> String {
    for home in ["~", "$HOME", "${HOME}"] {
        if let Some(rest) = path.strip_prefix(home) {
            if rest.is_empty() || rest.starts_with('/') {
                return format!("/root{rest}");
            }
        }
    }
    path.to_owned()
}

/// Whether the install's RUN mounts a cache over one of the cache's directories (or a parent).
fn mounts_cache(install: &RunCommand, cache: &Cache) -> bool {
    let Kind::Run(run) = &install.instruction.kind else {
        return false;
    };
    run.mounts.iter().any(|m| {
        m.kind == drydock_syntax::MountType::Cache
            && m.target.as_deref().is_some_and(|t| {
                let t = home_as_root(t);
                let t = t.trim_end_matches('/');
                cache
                    .dirs
                    .iter()
                    .any(|d| *d == t || d.strip_prefix(t).is_some_and(|r| r.starts_with('/')))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;

    #[test]
    fn rm_paths() {
        assert!(removes("/var/lib/apt/lists/*", "/var/lib/apt/lists"));
        assert!(removes("/var/lib/apt", "/var/lib/apt/lists"));
        assert!(removes("~/.cache/pip", "/root/.cache/pip"));
        assert!(removes("$HOME/.cache", "/root/.cache/pip"));
        assert!(!removes("/", "/var/cache/apt"));
        assert!(!removes("/tmp/*", "/var/cache/apt"));
        assert!(!removes("/var/lib/aptly", "/var/lib/apt"));
    }

    #[test]
    fn flags_cleanups_in_a_later_run() {
        let src = "FROM debian\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n";
        assert_lines("DD004", src, &[3]);
        let src = "FROM debian\nRUN apt-get install -y curl\nRUN apt-get clean\n";
        assert_lines("DD004", src, &[3]);
        let src = "FROM centos\nRUN yum install -y git\nRUN yum clean all\n";
        assert_lines("DD004", src, &[3]);
        let src = "FROM python\nRUN pip install flask\nRUN <<EOF\nrm -rf ~/.cache/pip\nEOF\n";
        assert_lines("DD004", src, &[4]);
        let src = "FROM node\nRUN npm ci\nRUN npm cache clean --force\n";
        assert_lines("DD004", src, &[3]);
    }

    #[test]
    fn cleanup_in_the_same_run_is_right() {
        let src = "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n";
        assert_clean("DD004", src);
        let src = "FROM debian\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*\n\
                   RUN apt-get update && apt-get install -y b && rm -rf /var/lib/apt/lists/*\n";
        assert_clean("DD004", src);
    }

    #[test]
    fn caches_never_filled_are_not_flagged() {
        assert_clean("DD004", "FROM alpine\nRUN apk add --no-cache curl\nRUN rm -rf /var/cache/apk/*\n");
        assert_clean("DD004", "FROM python\nRUN pip install --no-cache-dir x\nRUN pip cache purge\n");
        assert_clean("DD004", "FROM debian\nRUN rm -rf /var/lib/apt/lists/*\n");
    }

    #[test]
    fn a_cache_mount_leaves_nothing_behind() {
        let src = "FROM debian\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n\
                   RUN rm -rf /var/lib/apt/lists/*\n";
        assert_clean("DD004", src);
        let src = "FROM python\nRUN --mount=type=cache,target=/root/.cache pip install x\nRUN rm -rf ~/.cache/pip\n";
        assert_clean("DD004", src);
    }

    #[test]
    fn the_install_may_be_in_a_parent_stage() {
        let src = "FROM debian AS base\nRUN apt-get update\nFROM base\nRUN rm -rf /var/lib/apt/lists/*\n";
        assert_lines("DD004", src, &[4]);
        let src = "FROM debian AS a\nRUN apt-get update\nFROM debian\nRUN rm -rf /var/lib/apt/lists/*\n";
        assert_clean("DD004", src);
        let src = "FROM debian AS base\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*\n\
                   FROM base\nRUN rm -rf /var/lib/apt/lists/*\n";
        assert_clean("DD004", src);
    }
}
