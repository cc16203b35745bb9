//! System package installs in shell commands: `apt-get install`, `apk add`, `yum`/`dnf`/
//! `microdnf install`, `zypper install`, and the package words they name.

use drydock_syntax::shell::{Command, ShellWord};

use crate::shell_ext::CommandExt;

/// A package install command and its package words (flags and flag values left out).
pub(crate) struct Install<'a> {
    pub(crate) packages: Vec<&'a ShellWord>,
    /// `apk add --virtual NAME`: the packages can be removed together as `NAME`.
    pub(crate) virtual_name: Option<&'a str>,
}

/// The install a command performs, if it is one.
pub(crate) fn install(cmd: &Command) -> Option<Install<'_>> {
    let (subcommands, valued_flags): (&[&str], &[&str]) = match cmd.program()? {
        "apt-get" | "apt" | "aptitude" => (&["install"], &["-o", "-t", "-c", "--target-release"]),
        "apk" => (
            &["add"],
            &[
                "-t",
                "--virtual",
                "-X",
                "--repository",
                "-p",
                "--root",
                "--arch",
                "--cache-dir",
            ],
        ),
        "yum" | "dnf" | "microdnf" | "tdnf" => (
            &["install"],
            &[
                "--enablerepo",
                "--disablerepo",
                "--releasever",
                "--installroot",
                "-x",
                "--exclude",
            ],
        ),
        "zypper" => (&["install", "in"], &["-r", "--repo", "-t", "--type"]),
        _ => return None,
    };
    let mut install = Install {
        packages: Vec::new(),
        virtual_name: None,
    };
    let mut subcommand = None;
    let mut value_of: Option<&str> = None;
    for word in cmd.args() {
        let text = word.value.as_str();
        if let Some(flag) = value_of.take() {
            if is_virtual_flag(cmd, flag) {
                install.virtual_name = Some(text);
            }
        } else if text.starts_with('-') {
            match text.split_once('=') {
                Some((flag, value)) if is_virtual_flag(cmd, flag) => {
                    install.virtual_name = Some(value);
                }
                Some(_) => {}
                None if valued_flags.contains(&text) => value_of = Some(text),
                None => {}
            }
        } else if subcommand.is_none() {
            subcommand = Some(text);
        } else {
            install.packages.push(word);
        }
    }
    subcommand
        .is_some_and(|s| subcommands.contains(&s))
        .then_some(install)
}

fn is_virtual_flag(cmd: &Command, flag: &str) -> bool {
    cmd.is("apk") && matches!(flag, "-t" | "--virtual")
}

/// The package name of a package word: `gcc=4:12.2` → `gcc`, `musl-dev~=1.2` → `musl-dev`,
/// `python3-devel-3.9.16` is left as written.
pub(crate) fn package_name(word: &str) -> &str {
    let end = word.find(['=', '~', '<', '>']).unwrap_or(word.len());
    &word[..end]
}

/// Whether a command removes packages: `apt-get purge|remove|autoremove`, `apk del`,
/// `yum|dnf remove|erase`.
pub(crate) fn removes_packages(cmd: &Command) -> bool {
    cmd.runs("apt-get", &["purge", "remove", "autoremove"])
        || cmd.runs("apt", &["purge", "remove", "autoremove"])
        || cmd.runs("apk", &["del"])
        || ["yum", "dnf", "microdnf", "tdnf"]
            .iter()
            .any(|p| cmd.runs(p, &["remove", "erase", "autoremove"]))
        || cmd.runs("zypper", &["remove", "rm"])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(script: &str) -> Vec<String> {
        let parsed = drydock_syntax::shell::parse(script);
        parsed
            .commands
            .iter()
            .filter_map(install)
            .flat_map(|i| i.packages.into_iter().map(|w| w.value.clone()))
            .collect()
    }

    #[test]
    fn package_words_skip_flags_and_their_values() {
        assert_eq!(
            names("apt-get -o Dpkg::Options::=--force-confnew install -y --no-install-recommends gcc make=4.3"),
            ["gcc", "make=4.3"]
        );
        assert_eq!(
            names("apk add --no-cache --virtual .deps gcc musl-dev"),
            ["gcc", "musl-dev"]
        );
        assert_eq!(
            names("dnf install -y --setopt=tsflags=nodocs gcc-c++"),
            ["gcc-c++"]
        );
        assert!(names("apt-get update && apk del gcc").is_empty());
    }

    #[test]
    fn virtual_names_and_versions() {
        let parsed = drydock_syntax::shell::parse("apk add -t .build gcc");
        assert_eq!(
            install(&parsed.commands[0]).unwrap().virtual_name,
            Some(".build")
        );
        assert_eq!(package_name("gcc=4:12.2"), "gcc");
        assert_eq!(package_name("musl-dev~=1.2"), "musl-dev");
    }
}
