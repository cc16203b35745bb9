//! Lint configuration: hadolint's `.hadolint.yaml` keys, parsed from text (the caller reads
//! the file).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::rule::Severity;

/// The value type a label must have under `label-schema`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelType {
    Text,
    Url,
    Spdx,
    Hash,
    Rfc3339,
    Semver,
    Email,
}

/// Where a finding stops counting as a pass (`none`: never fail).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threshold {
    At(Severity),
    Never,
}

impl Threshold {
    pub fn parse(s: &str) -> Option<Threshold> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" => Some(Threshold::Never),
            other => Severity::parse(other).map(Threshold::At),
        }
    }

    pub fn is_reached_by(self, severity: Severity) -> bool {
        match self {
            Threshold::At(t) => severity.reaches(t),
            Threshold::Never => false,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Rules turned off (codes, names or aliases).
    pub ignored: Vec<String>,
    /// Severity overrides, by rule code, name or alias.
    pub overrides: Vec<(String, Severity)>,
    /// Registries FROM may use (DL3026); empty means any.
    pub trusted_registries: Vec<String>,
    pub failure_threshold: Option<Threshold>,
    /// Labels the image must carry and their types (DL3049-DL3058).
    pub label_schema: BTreeMap<String, LabelType>,
    /// Labels outside the schema are an error (DL3050).
    pub strict_labels: bool,
    /// Inline `# hadolint ignore=` pragmas are not honoured.
    pub disable_ignore_pragma: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// 1-based line of the problem in the YAML, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    ignored: Vec<String>,
    #[serde(default, rename = "override")]
    overrides: RawOverrides,
    #[serde(default, alias = "trusted-registries", rename = "trustedRegistries")]
    trusted_registries: Option<OneOrMany>,
    failure_threshold: Option<String>,
    #[serde(default)]
    label_schema: BTreeMap<String, LabelType>,
    #[serde(default)]
    strict_labels: bool,
    #[serde(default)]
    disable_ignore_pragma: bool,
    // Output options hadolint reads from the same file; accepted and left to the caller.
    #[serde(default)]
    no_fail: bool,
    #[allow(dead_code)]
    format: Option<String>,
    #[allow(dead_code)]
    no_color: Option<bool>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOverrides {
    #[serde(default)]
    error: Vec<String>,
    #[serde(default)]
    warning: Vec<String>,
    #[serde(default)]
    info: Vec<String>,
    #[serde(default)]
    style: Vec<String>,
}

impl Config {
    /// Parses `.hadolint.yaml` text. An empty file is the default config.
    pub fn from_yaml(text: &str) -> Result<Config, ConfigError> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        let raw: RawConfig = serde_yaml_ng::from_str(text).map_err(|e| ConfigError {
            line: e.location().map(|l| l.line()),
            message: e.to_string(),
        })?;
        let threshold = match raw.failure_threshold.as_deref() {
            Some(s) => Some(Threshold::parse(s).ok_or_else(|| ConfigError {
                line: None,
                message: format!(
                    "failure-threshold `{s}` is not one of error, warning, info, style, ignore, none"
                ),
            })?),
            None if raw.no_fail => Some(Threshold::Never),
            None => None,
        };
        let o = raw.overrides;
        let overrides = [
            (o.error, Severity::Error),
            (o.warning, Severity::Warning),
            (o.info, Severity::Info),
            (o.style, Severity::Style),
        ]
        .into_iter()
        .flat_map(|(names, sev)| names.into_iter().map(move |n| (n, sev)))
        .collect();
        Ok(Config {
            ignored: raw.ignored,
            overrides,
            trusted_registries: match raw.trusted_registries {
                None => Vec::new(),
                Some(OneOrMany::One(s)) => vec![s],
                Some(OneOrMany::Many(v)) => v,
            },
            failure_threshold: threshold,
            label_schema: raw.label_schema,
            strict_labels: raw.strict_labels,
            disable_ignore_pragma: raw.disable_ignore_pragma,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hadolint_keys() {
        let c = Config::from_yaml(
            "ignored: [DL3008]\noverride:\n  error: [DL3007]\ntrustedRegistries: docker.io\n\
             failure-threshold: error\nlabel-schema:\n  maintainer: email\nstrict-labels: true\n",
        )
        .unwrap();
        assert_eq!(c.ignored, ["DL3008"]);
        assert_eq!(c.overrides, [("DL3007".to_string(), Severity::Error)]);
        assert_eq!(c.trusted_registries, ["docker.io"]);
        assert_eq!(c.failure_threshold, Some(Threshold::At(Severity::Error)));
        assert_eq!(c.label_schema["maintainer"], LabelType::Email);
        assert!(c.strict_labels);
    }

    #[test]
    fn unknown_key_is_an_error_with_a_line() {
        let e = Config::from_yaml("ignored: []\nignore: [DL3008]\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("ignore"), "{e}");
    }
}
