//! The variables and settings an instruction sees: those of earlier instructions of its stage,
//! and of the stage it is built `FROM` (a stage inherits its parent's ENV, ARG values, WORKDIR
//! and SHELL).

use std::cell::{Cell, RefCell};

use drydock_syntax::expand::expand;
use drydock_syntax::{Dockerfile, Instruction, Kind, Word};

use crate::stages::lineage;

/// The instructions before `index` in its stage, nearest first, then every instruction of the
/// stage it is built from (last first), and so on up the chain of stages.
pub(crate) fn inherited(df: &Dockerfile, index: usize) -> Vec<(usize, &Instruction)> {
    let Some(stage) = df.stage_of(index) else {
        return Vec::new();
    };
    lineage(df, stage)
        .into_iter()
        .flat_map(|s| (s.instructions.start..s.instructions.end.min(index)).rev())
        .map(|i| (i, &df.instructions[i]))
        .collect()
}

/// The words of the `SHELL` in effect at `index`, if the stage (or a parent) set one.
pub(crate) fn shell_at(df: &Dockerfile, index: usize) -> Option<&[Word]> {
    inherited(df, index)
        .into_iter()
        .find_map(|(_, i)| match &i.kind {
            Kind::Shell(words) => Some(words.as_slice()),
            _ => None,
        })
}

/// Shells whose scripts are not POSIX shell.
const NON_POSIX_SHELLS: &[&str] = &["pwsh", "powershell", "cmd"];

/// The program name without directory or `.exe`, lower-cased: `C:\Windows\cmd.exe` is `cmd`.
pub(crate) fn program_name(path: &str) -> String {
    let base = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    base.strip_suffix(".exe").map(str::to_owned).unwrap_or(base)
}

fn is_non_posix_shell(program: &str) -> bool {
    NON_POSIX_SHELLS.contains(&program_name(program).as_str())
}

/// Whether the RUN at `index` runs something other than a POSIX shell script: its `SHELL` is
/// PowerShell or `cmd`, or its script (whose first command is `first`) hands over to one.
pub(crate) fn runs_non_posix_script(df: &Dockerfile, index: usize, first: Option<&str>) -> bool {
    let shell = shell_at(df, index).and_then(|words| {
        words
            .iter()
            .map(|w| w.value.as_str())
            .find(|w| program_name(w) != "env")
    });
    shell.is_some_and(is_non_posix_shell) || first.is_some_and(is_non_posix_shell)
}

/// What a variable in scope holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Var {
    /// Set by ENV, or by an ARG default, as written.
    Value(String),
    /// Declared by an ARG without a default: only the build knows it.
    Unset,
}

/// The variable `name` as the instruction at `index` sees it, `None` if nothing declares it.
pub(crate) fn variable(df: &Dockerfile, index: usize, name: &str) -> Option<Var> {
    inherited(df, index)
        .into_iter()
        .find_map(|(_, i)| match &i.kind {
            Kind::Env(pairs) => pairs
                .iter()
                .rev()
                .find(|p| p.key.value == name)
                .map(|p| Var::Value(p.value.value.clone())),
            Kind::Arg(decls) => decls.iter().rev().find(|d| d.name.value == name).map(|d| {
                match d.default.as_ref().map(|v| v.value.clone()) {
                    Some(value) => Var::Value(value),
                    // `ARG NAME` in a stage takes the default of the global `ARG NAME=...`.
                    None => global_default(df, name).map_or(Var::Unset, Var::Value),
                }
            }),
            _ => None,
        })
}

fn global_default(df: &Dockerfile, name: &str) -> Option<String> {
    df.global_args
        .iter()
        .rev()
        .find_map(|&i| match &df.instructions[i].kind {
            Kind::Arg(decls) => decls
                .iter()
                .rev()
                .find(|d| d.name.value == name)
                .and_then(|d| d.default.as_ref().map(|v| v.value.clone())),
            _ => None,
        })
}

/// `text` with the variables in scope at `index` expanded, or `None` when it depends on a value
/// only the build knows (an ARG without a default, or a value that refers to other variables).
/// Undefined variables expand to nothing, as in the build.
pub(crate) fn resolve(df: &Dockerfile, index: usize, text: &str) -> Option<String> {
    let unknown = Cell::new(false);
    let expansion = expand(text, df.escape, &|name| match variable(df, index, name) {
        Some(Var::Value(v)) if !v.contains('$') => Some(v),
        Some(_) => {
            unknown.set(true);
            None
        }
        None => None,
    });
    (!unknown.get()).then_some(expansion.value)
}

/// The names of the variables `text` refers to.
pub(crate) fn references(text: &str, escape: char) -> Vec<String> {
    let seen = RefCell::new(Vec::new());
    expand(text, escape, &|name| {
        seen.borrow_mut().push(name.to_owned());
        None
    });
    seen.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_last(src: &str, f: impl Fn(&Dockerfile, usize)) {
        let df = drydock_syntax::parse(src);
        f(&df, df.instructions.len() - 1);
    }

    #[test]
    fn variables_come_from_the_stage_and_its_parents() {
        let src = "ARG G=1\nFROM a AS base\nENV E=2\nFROM base\nARG G\nARG U\nRUN x\n";
        at_last(src, |df, i| {
            assert_eq!(variable(df, i, "E"), Some(Var::Value("2".into())));
            assert_eq!(variable(df, i, "G"), Some(Var::Value("1".into())));
            assert_eq!(variable(df, i, "U"), Some(Var::Unset));
            assert_eq!(variable(df, i, "X"), None);
        });
        at_last("FROM a\nENV E=2\nFROM b\nRUN x\n", |df, i| {
            assert_eq!(variable(df, i, "E"), None);
        });
    }

    #[test]
    fn resolve_expands_known_values_only() {
        let src = "FROM a\nARG V=1.2\nARG U\nENV P=$V/x\nRUN x\n";
        at_last(src, |df, i| {
            assert_eq!(resolve(df, i, "x-${V}").as_deref(), Some("x-1.2"));
            assert_eq!(resolve(df, i, "x-$W").as_deref(), Some("x-"));
            assert_eq!(resolve(df, i, "x-$U"), None);
            assert_eq!(resolve(df, i, "$P"), None);
        });
    }

    #[test]
    fn references_lists_names() {
        assert_eq!(references("${A:-x}/$B '$C'", '\\'), ["A", "B"]);
    }
}
