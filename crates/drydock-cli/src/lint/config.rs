//! Which config applies to a Dockerfile: `--config FILE`, else the nearest `.hadolint.yaml`
//! or `.hadolint.yml` in the Dockerfile's directory or above it, else the defaults. Each
//! config file is read and parsed once per run.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context as _};
use drydock_api::lint_inputs::nearest_config;
use drydock_lint::Config;

use super::errors::{io_error, Errors};

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
        let Some(path) = nearest_config(dir) else {
            return Some(&self.default);
        };
        self.loaded
            .entry(path)
            .or_insert_with_key(|path| load(path).map_err(|e| errors.report(e)).ok())
            .as_ref()
    }
}

fn load(path: &Path) -> anyhow::Result<Config> {
    let shown = crate::project::shown(path);
    let text = fs::read_to_string(path)
        .map_err(io_error)
        .with_context(|| format!("cannot read config {shown}"))?;
    Config::from_yaml(&text).map_err(|e| anyhow!("invalid config {shown}: {e}"))
}
