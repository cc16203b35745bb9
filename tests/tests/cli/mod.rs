//! Harness for black-box tests of the `drydock` binary: every test runs it in a fresh
//! temporary directory of its own (ripgrep's `Dir` pattern).

#![allow(dead_code)] // each test binary uses its own part of this module

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The `drydock` binary, built once per test run in the profile of the tests.
fn drydock_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        escargot::CargoBuild::new()
            .manifest_path(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml"))
            .package("drydock-cli")
            .bin("drydock")
            .current_release()
            .run()
            .expect("cargo builds the drydock binary")
            .path()
            .to_owned()
    })
}

pub struct Dir {
    temp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            temp: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    /// A directory whose `.hadolint.yaml` turns off every rule but `keep`, so that a test's
    /// expectations hold as rules are added.
    pub fn only(keep: &[&str]) -> Dir {
        let dir = Dir::new();
        dir.write(".hadolint.yaml", only_rules(keep));
        dir
    }

    pub fn path(&self) -> &Path {
        self.temp.path()
    }

    /// Writes `name` (a relative path; parent directories are created) and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        fs::create_dir_all(path.parent().expect("a parent")).expect("create parents");
        fs::write(&path, contents).expect("write a test file");
        path
    }

    pub fn read(&self, name: &str) -> String {
        fs::read_to_string(self.path().join(name)).expect("read a test file")
    }

    /// `drydock` run in this directory, with no colour settings from the environment.
    pub fn drydock(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.drydock_process())
    }

    /// [`Dir::drydock`] as a plain process, for a test that drives it (streams its output,
    /// sends it a signal).
    pub fn drydock_process(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(drydock_bin());
        cmd.current_dir(self.path()).env_remove("NO_COLOR");
        cmd
    }
}

/// Config text turning off every rule but `keep`.
pub fn only_rules(keep: &[&str]) -> String {
    let others: Vec<&str> = drydock_lint::rules()
        .iter()
        .map(|r| r.code)
        .filter(|code| !keep.contains(code))
        .collect();
    format!("ignored: [{}]\n", others.join(", "))
}
