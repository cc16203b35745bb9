//! Which config applies to a Dockerfile: `--config FILE`, else the nearest `.hadolint.yaml`
//! or `.hadolint.yml` in the Dockerfile's directory or above it, else the defaults. Each
//! config file is read and parsed once per run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use drydock_api::lint_config;
use drydock_lint::Config;

use super::errors::Errors;

pub(super) struct Configs {
    explicit: Option<Config>,
    default: Config,
    /// Config files met so far; `None` for one that is bad (and was reported).
    loaded: HashMap<PathBuf, Option<Config>>,
}

impl Configs {
    /// A bad `--config` file is an error for the whole run.
    pub(super) fn new(explicit: Option<&Path>) -> anyhow::Result<Configs> {
        Ok(Configs {
            explicit: explicit.map(load).transpose()?,
            default: Config::default(),
            loaded: HashMap::new(),
        })
    }

    /// The config for a Dockerfile in `dir`; `None` when the config found is bad (reported
    /// the first time it is met, so the files under it are skipped without repeating it).
    pub(super) fn for_dir(&mut self, dir: &Path, errors: &mut Errors) -> Option<&Config> {
        if let Some(config) = &self.explicit {
            return Some(config);
        }
        let Some(path) = lint_config::nearest(dir, None) else {
            return Some(&self.default);
        };
        self.loaded
            .entry(path)
            .or_insert_with_key(|path| load(path).map_err(|e| errors.report(e)).ok())
            .as_ref()
    }
}

fn load(path: &Path) -> anyhow::Result<Config> {
    lint_config::load(path, &crate::project::shown(path)).map_err(|e| anyhow!(e))
}
