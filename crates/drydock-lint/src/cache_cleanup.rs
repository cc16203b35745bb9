//! What keeps a package manager's download cache out of an image layer: a clean command after
//! the install in the same RUN, an `rm` of the cache directory, or a cache mount on it
//! ([`RunCommand::mount_covers`]: the cache then lives outside the image).

use drydock_syntax::shell::Command;

use crate::context::{Context, RunCommand};
use crate::shell_ext::CommandExt;

/// The commands of each RUN (and ONBUILD RUN), one group per instruction, in file order.
pub(crate) fn runs<'a>(cx: &Context<'a>) -> Vec<Vec<RunCommand<'a>>> {
    let all: Vec<RunCommand<'a>> = cx.run_commands().collect();
    all.chunk_by(|a, b| a.index == b.index)
        .map(<[RunCommand]>::to_vec)
        .collect()
}

/// Per RUN, the last command that `installs` when no command after it `cleans`: the install
/// whose cache stays in the layer.
pub(crate) fn uncleaned_installs<'a>(
    cx: &Context<'a>,
    installs: impl Fn(&Command) -> bool,
    cleans: impl Fn(&Command) -> bool,
) -> Vec<RunCommand<'a>> {
    runs(cx)
        .into_iter()
        .filter_map(|run| {
            let last = run.iter().rposition(|c| installs(c.command))?;
            let cleaned = run[last + 1..].iter().any(|c| cleans(c.command));
            (!cleaned).then_some(run[last])
        })
        .collect()
}

/// `rm` of `dir`, of its contents (`dir/*`) or of a parent directory.
pub(crate) fn removes_dir(cmd: &Command, dir: &str) -> bool {
    cmd.is("rm")
        && cmd.args_no_flags().iter().any(|w| {
            let path = w.value.strip_suffix("/*").unwrap_or(&w.value);
            covers(path, dir)
        })
}

/// Whether `path` is `dir` or one of its parents (the root itself does not count). A `dir`
/// written `~/rest` stands for `rest` under any home directory (`/root`, `/home/x`, ...).
pub(crate) fn covers(path: &str, dir: &str) -> bool {
    let path: Vec<&str> = components(path);
    if path.is_empty() {
        return false;
    }
    match dir.strip_prefix("~/") {
        // Under a home directory: the path ends with a leading part of `rest`, after some
        // home (`~`, `/root`, `/home/app`, or `$HOME`).
        Some(rest) => {
            let rest = components(rest);
            (1..=rest.len()).any(|n| path.len() > n && path.ends_with(&rest[..n]))
        }
        None => {
            let dir = components(dir);
            dir.starts_with(&path)
        }
    }
}

fn components(path: &str) -> Vec<&str> {
    path.split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::covers;

    #[test]
    fn a_path_covers_itself_and_its_children() {
        assert!(covers("/var/cache/yum", "/var/cache/yum"));
        assert!(covers("/var/cache/yum/", "/var/cache/yum"));
        assert!(covers("/var/cache", "/var/cache/yum"));
        assert!(!covers("/var/cache/yum/x86_64", "/var/cache/yum"));
        assert!(!covers("/", "/var/cache/yum"));
        assert!(!covers("/tmp/yum", "/var/cache/yum"));
    }

    #[test]
    fn home_paths_match_any_home() {
        for target in [
            "/root/.cache/pip",
            "~/.cache/pip",
            "/home/app/.cache",
            "/root/.cache",
        ] {
            assert!(covers(target, "~/.cache/pip"), "{target}");
        }
        assert!(!covers("/root", "~/.cache/pip"));
        assert!(!covers("/root/.cache/npm", "~/.cache/pip"));
        assert!(!covers(".cache", "~/.cache/pip"));
    }
}
