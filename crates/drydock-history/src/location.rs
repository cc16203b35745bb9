//! Where the history file lives by default.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::{Error, Result};

/// Overrides the default location, e.g. for CI or tests.
pub const PATH_VAR: &str = "DRYDOCK_HISTORY";

/// `$DRYDOCK_HISTORY`, else `$XDG_DATA_HOME/drydock/history.sqlite3`, else
/// `~/.local/share/drydock/history.sqlite3`.
pub fn default_path() -> Result<PathBuf> {
    path_from(|name| std::env::var_os(name)).ok_or(Error::NoDataDir)
}

/// The resolution of [`default_path`] over any environment, so tests need not mutate the
/// process's. Empty values count as unset and, as the XDG spec asks, relative data dirs are
/// ignored.
fn path_from(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let var = |name| {
        var(name)
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
    };
    if let Some(path) = var(PATH_VAR) {
        return Some(path);
    }
    let data_dir = var("XDG_DATA_HOME")
        .filter(|dir| dir.is_absolute())
        .or_else(|| {
            var("HOME")
                .filter(|home| home.is_absolute())
                .map(|home| home.join(".local/share"))
        })?;
    Some(data_dir.join("drydock").join("history.sqlite3"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(vars: &[(&str, &str)]) -> Option<PathBuf> {
        path_from(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        })
    }

    #[test]
    fn override_wins() {
        let path = resolve(&[
            ("DRYDOCK_HISTORY", "/tmp/h.db"),
            ("XDG_DATA_HOME", "/x"),
            ("HOME", "/home/u"),
        ]);
        assert_eq!(path, Some(PathBuf::from("/tmp/h.db")));
    }

    #[test]
    fn xdg_data_home_then_home() {
        let path = resolve(&[("XDG_DATA_HOME", "/x"), ("HOME", "/home/u")]);
        assert_eq!(path, Some(PathBuf::from("/x/drydock/history.sqlite3")));
        let path = resolve(&[("XDG_DATA_HOME", "relative"), ("HOME", "/home/u")]);
        assert_eq!(
            path,
            Some(PathBuf::from(
                "/home/u/.local/share/drydock/history.sqlite3"
            ))
        );
        let path = resolve(&[("DRYDOCK_HISTORY", ""), ("HOME", "/home/u")]);
        assert_eq!(
            path,
            Some(PathBuf::from(
                "/home/u/.local/share/drydock/history.sqlite3"
            ))
        );
    }

    #[test]
    fn nowhere_without_home() {
        assert_eq!(resolve(&[]), None);
    }
}
