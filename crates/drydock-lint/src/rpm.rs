//! What the yum and dnf rules share: the install subcommands, `-y`, and whether a package
//! argument names a version.

use drydock_syntax::shell::{Command, ShellWord};

use crate::packages::install;
use crate::shell_ext::CommandExt;

/// `install`, `groupinstall` or `localinstall` by one of `programs` without `-y`/`--assumeyes`.
pub(crate) fn installs_without_yes(cmd: &Command, programs: &[&str]) -> bool {
    cmd.is_any(programs)
        && cmd
            .subcommand()
            .is_some_and(|s| ["install", "groupinstall", "localinstall"].contains(&s))
        && !cmd.has_any_flag(&["y", "assumeyes"])
}

/// A subcommand of yum, dnf or microdnf (one of `programs`) that downloads packages into the
/// cache: `install`, `upgrade`, `module install`, ...
pub(crate) fn downloads_packages(cmd: &Command, programs: &[&str]) -> bool {
    const DOWNLOADING: &[&str] = &[
        "install",
        "reinstall",
        "localinstall",
        "groupinstall",
        "upgrade",
        "update",
        "downgrade",
        "distro-sync",
    ];
    let args = cmd.args_no_flags();
    cmd.is_any(programs)
        && match args.as_slice() {
            [group, sub, ..] if ["module", "group"].contains(&group.value.as_str()) => {
                DOWNLOADING.contains(&sub.value.as_str())
            }
            [sub, ..] => DOWNLOADING.contains(&sub.value.as_str()),
            [] => false,
        }
}

/// The package arguments of `install` (and the module arguments of `module install`) by one of
/// `programs` that do not name a version: `name-1.2` (and `name:stream` for modules) do.
/// `resolve` expands the variables in an argument, `None` when only the build knows their value
/// (the argument is then trusted).
pub(crate) fn unpinned_packages<'a>(
    cmd: &'a Command,
    programs: &[&str],
    resolve: impl Fn(&str) -> Option<String>,
) -> Vec<&'a ShellWord> {
    if !cmd.is_any(programs) {
        return Vec::new();
    }
    let (pinned, words): (fn(&str) -> bool, Vec<&ShellWord>) = match cmd.args_no_flags()[..] {
        [module, sub, ref modules @ ..] if module.value == "module" && sub.value == "install" => {
            (|m| m.contains(':'), modules.to_vec())
        }
        _ => match install(cmd) {
            Some(install) => (package_has_version, install.packages),
            None => return Vec::new(),
        },
    };
    words
        .into_iter()
        .filter(|w| {
            if w.value.contains('$') {
                resolve(&w.value).is_some_and(|v| !pinned(&v))
            } else {
                !pinned(&w.value)
            }
        })
        .collect()
}

/// `name-version[-release]`: something after a dash that looks like a version (starts with a
/// digit, only version characters), or an `.rpm` file.
fn package_has_version(package: &str) -> bool {
    let mut parts = package.split('-');
    parts.next();
    let parts: Vec<&str> = parts.collect();
    if parts.is_empty() {
        return false;
    }
    if package.ends_with(".rpm") {
        return true;
    }
    let version_char = |c: char| c.is_ascii_alphanumeric() || ".~^_:+".contains(c);
    parts.iter().all(|p| p.chars().all(version_char))
        && parts
            .iter()
            .any(|p| p.starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::package_has_version;

    #[test]
    fn versions_follow_a_dash() {
        for p in ["x-1.2", "x-1.2.3-4.el8", "x-1.0_beta", "b-1.rpm", "x-2:1.0"] {
            assert!(package_has_version(p), "{p}");
        }
        for p in [
            "x",
            "python3-pip",
            "x-devel",
            "x-latest",
            "x-${V}",
            "x-1*",
            "y.rpm",
        ] {
            assert!(!package_has_version(p), "{p}");
        }
    }
}
