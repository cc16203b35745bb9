//! Queries on shell commands that rules share: flags, subcommands, packages.

use drydock_syntax::shell::{Command, ShellWord};

/// How a message names a command: the program and up to two subcommand words, flags left out
/// (`go mod download`, `npm cache clean`, `pip install`).
pub fn short_name(cmd: &Command) -> String {
    let is_subcommand = |w: &&ShellWord| {
        w.value
            .chars()
            .all(|c| c.is_ascii_lowercase() || matches!(c, '-' | ':'))
    };
    let subcommands = cmd
        .args()
        .iter()
        .filter(|w| !w.value.starts_with('-'))
        .take(2)
        .take_while(is_subcommand);
    cmd.program()
        .into_iter()
        .chain(subcommands.map(|w| w.value.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

pub trait CommandExt {
    /// The program name (path stripped) equals `name`.
    fn is(&self, name: &str) -> bool;
    /// The program is one of `names`.
    fn is_any(&self, names: &[&str]) -> bool;
    /// Any of `flags` is present: one-letter entries are short flags (also inside a cluster
    /// such as `-qy`, or before an attached value as in `-qO-`), longer ones long flags (`yes`
    /// matches `--yes` and `--yes=...`).
    fn has_any_flag(&self, flags: &[&str]) -> bool;
    /// The arguments that do not start with `-`.
    fn args_no_flags(&self) -> Vec<&ShellWord>;
    /// The first argument that is not a flag, e.g. `install` in `apt-get -y install x`.
    fn subcommand(&self) -> Option<&str>;
    /// `is(name)` and the subcommand is one of `subs`.
    fn runs(&self, name: &str, subs: &[&str]) -> bool;
    /// An argument equals `arg`.
    fn has_arg(&self, arg: &str) -> bool;
    /// The operands: arguments that are neither flags nor the value of one of the `valued`
    /// flags (named as in [`CommandExt::has_any_flag`]: `t` takes `-t VALUE`, `target-release`
    /// takes `--target-release VALUE`). Everything after `--` is an operand.
    fn operands(&self, valued: &[&str]) -> Vec<&ShellWord>;
    /// How often a flag is given: `-qq` and `-q -q` both count `q` twice.
    fn count_flag(&self, flag: &str) -> usize;
}

/// Whether the command word `word` (`apt-get`, `/usr/bin/apt-get`) runs the program `name`.
/// Every rule asks this of every command, so it compares the tail instead of splitting paths.
fn names_program(word: &str, name: &str) -> bool {
    word.strip_suffix(name)
        .is_some_and(|dir| dir.is_empty() || dir.ends_with('/'))
}

impl CommandExt for Command {
    fn is(&self, name: &str) -> bool {
        self.name().is_some_and(|n| names_program(n, name))
    }

    fn is_any(&self, names: &[&str]) -> bool {
        self.name()
            .is_some_and(|n| names.iter().any(|name| names_program(n, name)))
    }

    fn has_any_flag(&self, flags: &[&str]) -> bool {
        self.args().iter().any(|w| {
            let a = w.value.as_str();
            if let Some(long) = a.strip_prefix("--") {
                let long = long.split('=').next().unwrap_or(long);
                flags.iter().any(|f| f.len() > 1 && *f == long)
            } else if let Some(short) = a.strip_prefix('-') {
                let cluster = short
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .next()
                    .unwrap_or("");
                flags
                    .iter()
                    .any(|f| f.len() == 1 && cluster.contains(f.chars().next().unwrap_or(' ')))
            } else {
                false
            }
        })
    }

    fn args_no_flags(&self) -> Vec<&ShellWord> {
        self.args()
            .iter()
            .filter(|w| !w.value.starts_with('-'))
            .collect()
    }

    fn subcommand(&self) -> Option<&str> {
        self.args()
            .iter()
            .map(|w| w.value.as_str())
            .find(|a| !a.starts_with('-'))
    }

    fn runs(&self, name: &str, subs: &[&str]) -> bool {
        self.is(name) && self.subcommand().is_some_and(|s| subs.contains(&s))
    }

    fn has_arg(&self, arg: &str) -> bool {
        self.args().iter().any(|w| w.value == arg)
    }

    fn operands(&self, valued: &[&str]) -> Vec<&ShellWord> {
        let mut out = Vec::new();
        let mut args = self.args().iter();
        while let Some(w) = args.next() {
            let a = w.value.as_str();
            if a == "--" {
                out.extend(args.by_ref());
            } else if let Some(long) = a.strip_prefix("--") {
                if !long.contains('=') && valued.contains(&long) {
                    args.next();
                }
            } else if let Some(short) = a.strip_prefix('-').filter(|s| !s.is_empty()) {
                // getopt: a valued letter takes the rest of the cluster, or the next word.
                let takes_next = short
                    .char_indices()
                    .find(|&(_, c)| valued.iter().any(|f| f.len() == 1 && f.starts_with(c)))
                    .is_some_and(|(i, c)| i + c.len_utf8() == short.len());
                if takes_next {
                    args.next();
                }
            } else {
                out.push(w);
            }
        }
        out
    }

    fn count_flag(&self, flag: &str) -> usize {
        self.args()
            .iter()
            .map(|w| {
                let a = w.value.as_str();
                if let Some(long) = a.strip_prefix("--") {
                    usize::from(long.split('=').next() == Some(flag))
                } else if let Some(short) = a.strip_prefix('-') {
                    match flag.chars().next() {
                        Some(c) if flag.len() == 1 => short.matches(c).count(),
                        _ => 0,
                    }
                } else {
                    0
                }
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::CommandExt;
    use drydock_syntax::shell::parse;

    #[test]
    fn short_flags_are_found_in_clusters_and_before_attached_values() {
        let script = parse("wget -qO- x");
        let wget = &script.commands[0];
        assert!(wget.has_any_flag(&["q"]));
        assert!(wget.has_any_flag(&["O"]));
        assert!(!wget.has_any_flag(&["o"]));
        let script = parse("pip install --no-cache-dir=1 x");
        assert!(script.commands[0].has_any_flag(&["no-cache-dir"]));
    }
}
