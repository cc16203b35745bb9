//! An image as plain data: size, layers with the instruction that made each, and the config
//! the container will run with. Built from `inspect_image` and `image_history`; nothing of
//! bollard's types leaks out, so the app and the CLI can show and diff these directly.

use std::collections::BTreeMap;

use bollard::errors::Error as BollardError;
use bollard::models::{HealthConfig, ImageHistoryResponseItem, ImageInspect};

use drydock_mask::Masker;

use crate::build::masked;
use crate::Engine;

/// Everything Drydock shows about an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageDetails {
    /// `sha256:...`.
    pub id: String,
    pub tags: Vec<String>,
    pub size_bytes: u64,
    /// RFC 3339, as the daemon reports it.
    pub created: Option<String>,
    pub os: String,
    pub architecture: String,
    /// Filesystem layers, base first.
    pub layers: Vec<Layer>,
    /// Every history entry, base first, including those that added no layer (ENV, CMD, ...).
    pub history: Vec<HistoryEntry>,
    pub config: ImageConfig,
}

/// A filesystem layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    /// The layer's content digest (`sha256:...` of the uncompressed diff), when the history
    /// could be lined up with the image's layer list.
    pub digest: Option<String>,
    /// The instruction that made the layer, cleaned up (`RUN make`, `COPY . /app`).
    pub instruction: String,
    /// The instruction as the builder recorded it.
    pub created_by: String,
    pub size_bytes: u64,
}

/// One entry of the image's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub instruction: String,
    pub created_by: String,
    pub size_bytes: u64,
    /// The entry records a config change only, without a filesystem layer.
    pub empty_layer: bool,
    /// Seconds since the epoch.
    pub created: i64,
    pub comment: String,
}

/// The configuration a container of the image starts with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageConfig {
    /// `None` means root.
    pub user: Option<String>,
    /// `(name, value)` in the image's order.
    pub env: Vec<(String, String)>,
    /// `8080/tcp` style, sorted.
    pub exposed_ports: Vec<String>,
    pub entrypoint: Option<Vec<String>>,
    pub cmd: Option<Vec<String>>,
    pub healthcheck: Option<Healthcheck>,
    pub labels: BTreeMap<String, String>,
    pub workdir: Option<String>,
    /// Sorted.
    pub volumes: Vec<String>,
    pub stop_signal: Option<String>,
    pub shell: Option<Vec<String>>,
}

/// The image's HEALTHCHECK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Healthcheck {
    /// `HEALTHCHECK NONE`: a check inherited from the base image is switched off.
    Disabled,
    Check {
        /// `["CMD", ...]` or `["CMD-SHELL", "..."]`, as Docker stores it.
        test: Vec<String>,
        /// `None` where the image leaves Docker's default.
        interval_ms: Option<u64>,
        timeout_ms: Option<u64>,
        start_period_ms: Option<u64>,
        start_interval_ms: Option<u64>,
        retries: Option<u32>,
    },
}

impl ImageConfig {
    /// The config with the texts that can spell out a secret masked: env and label values,
    /// entrypoint, cmd and the healthcheck's command.
    pub(crate) fn masked(self, masker: &Masker) -> ImageConfig {
        let m = |text: String| masked(masker, text);
        let all = |items: Vec<String>| items.into_iter().map(m).collect::<Vec<_>>();
        ImageConfig {
            env: self.env.into_iter().map(|(k, v)| (k, m(v))).collect(),
            labels: self.labels.into_iter().map(|(k, v)| (k, m(v))).collect(),
            entrypoint: self.entrypoint.map(all),
            cmd: self.cmd.map(all),
            healthcheck: self.healthcheck.map(|check| match check {
                Healthcheck::Check {
                    test,
                    interval_ms,
                    timeout_ms,
                    start_period_ms,
                    start_interval_ms,
                    retries,
                } => Healthcheck::Check {
                    test: all(test),
                    interval_ms,
                    timeout_ms,
                    start_period_ms,
                    start_interval_ms,
                    retries,
                },
                Healthcheck::Disabled => Healthcheck::Disabled,
            }),
            ..self
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InspectError {
    #[error("no image `{0}` on the daemon")]
    NotFound(String),
    #[error("the daemon refused the request about image `{reference}`: {source}")]
    Daemon {
        reference: String,
        source: BollardError,
    },
}

impl Engine {
    /// Inspects an image by id, tag or digest.
    pub async fn inspect_image(&self, reference: &str) -> Result<ImageDetails, InspectError> {
        let fail = |source| inspect_error(reference, source);
        let inspect = self.docker().inspect_image(reference).await.map_err(fail)?;
        let history = self.docker().image_history(reference).await.map_err(fail)?;
        Ok(details(inspect, history))
    }

    /// Removes an image (by id, tag or digest) and its untagged parents, even when a
    /// stopped container still uses it.
    pub async fn remove_image(&self, reference: &str) -> Result<(), InspectError> {
        let options = bollard::query_parameters::RemoveImageOptionsBuilder::new()
            .force(true)
            .build();
        match self
            .docker()
            .remove_image(reference, Some(options), None)
            .await
        {
            Ok(_) => Ok(()),
            Err(e) => Err(inspect_error(reference, e)),
        }
    }
}

fn inspect_error(reference: &str, source: BollardError) -> InspectError {
    match source {
        BollardError::DockerResponseServerError {
            status_code: 404, ..
        } => InspectError::NotFound(reference.to_owned()),
        source => InspectError::Daemon {
            reference: reference.to_owned(),
            source,
        },
    }
}

/// Builds the domain view from the daemon's answers (`history` newest first, as it comes).
pub(crate) fn details(
    inspect: ImageInspect,
    history: Vec<ImageHistoryResponseItem>,
) -> ImageDetails {
    let history: Vec<HistoryEntry> = history.into_iter().rev().map(history_entry).collect();
    let layer_digests = inspect.root_fs.and_then(|fs| fs.layers).unwrap_or_default();
    ImageDetails {
        id: inspect.id.unwrap_or_default(),
        tags: inspect.repo_tags.unwrap_or_default(),
        size_bytes: non_negative(inspect.size),
        created: inspect.created.map(|c| c.to_rfc3339()),
        os: inspect.os.unwrap_or_default(),
        architecture: inspect.architecture.unwrap_or_default(),
        layers: layers(&history, &layer_digests),
        history,
        config: inspect.config.map(config).unwrap_or_default(),
    }
}

fn history_entry(item: ImageHistoryResponseItem) -> HistoryEntry {
    let instruction = instruction(&item.created_by);
    HistoryEntry {
        empty_layer: is_metadata_only(&item.created_by, &instruction) && item.size == 0,
        instruction: if instruction.is_empty() {
            item.comment.clone()
        } else {
            instruction
        },
        size_bytes: non_negative(Some(item.size)),
        created: item.created,
        created_by: item.created_by,
        comment: item.comment,
    }
}

/// Lines the history up with the layer list: the entries that are not config-only are the
/// layers, in order. When the counts disagree (an unusual builder), the entries with bytes
/// are listed without digests.
fn layers(history: &[HistoryEntry], digests: &[String]) -> Vec<Layer> {
    let filesystem: Vec<&HistoryEntry> = history.iter().filter(|h| !h.empty_layer).collect();
    let layer = |h: &HistoryEntry, digest: Option<&String>| Layer {
        digest: digest.cloned(),
        instruction: h.instruction.clone(),
        created_by: h.created_by.clone(),
        size_bytes: h.size_bytes,
    };
    if filesystem.len() == digests.len() {
        filesystem
            .into_iter()
            .zip(digests)
            .map(|(h, d)| layer(h, Some(d)))
            .collect()
    } else {
        history
            .iter()
            .filter(|h| h.size_bytes > 0)
            .map(|h| layer(h, None))
            .collect()
    }
}

/// The Dockerfile instruction behind a history entry's `created_by`:
/// - classic: `/bin/sh -c #(nop)  ENV A=1` → `ENV A=1`; `/bin/sh -c make` → `RUN make`, with
///   `|2 A=1 B=2 ` (the build arguments in effect) dropped;
/// - BuildKit: `RUN /bin/sh -c make # buildkit` → `RUN make`.
pub(crate) fn instruction(created_by: &str) -> String {
    let text = created_by.trim();
    let text = text.strip_suffix("# buildkit").unwrap_or(text).trim_end();
    if let Some((_, rest)) = text.split_once("#(nop)") {
        return rest.trim().to_owned();
    }
    let (run_prefix, text) = match text.strip_prefix("RUN ") {
        Some(rest) => ("RUN ", rest),
        None if text.starts_with('|') || text.starts_with("/bin/sh -c ") => ("RUN ", text),
        None => ("", text),
    };
    let text = without_arg_prefix(text);
    let text = text.strip_prefix("/bin/sh -c ").unwrap_or(text);
    format!("{run_prefix}{text}").trim().to_owned()
}

/// Drops classic's `|N a=b c=d ` prefix of a RUN's `created_by`.
fn without_arg_prefix(text: &str) -> &str {
    let Some(rest) = text.strip_prefix('|') else {
        return text;
    };
    let Some((count, mut rest)) = rest.split_once(' ') else {
        return text;
    };
    let Ok(count) = count.parse::<usize>() else {
        return text;
    };
    for _ in 0..count {
        rest = rest.split_once(' ').map_or("", |(_, r)| r);
    }
    rest
}

/// Whether the entry only changed the config: classic's `#(nop)` entries other than
/// COPY/ADD, and BuildKit's entries for instructions that make no vertex.
fn is_metadata_only(created_by: &str, instruction: &str) -> bool {
    let keyword = instruction.split_whitespace().next().unwrap_or_default();
    let changes_files = ["RUN", "COPY", "ADD", "WORKDIR"].contains(&keyword);
    if created_by.contains("#(nop)") {
        return !["COPY", "ADD"].contains(&keyword);
    }
    !changes_files && !created_by.trim().is_empty()
}

fn config(c: bollard::models::ImageConfig) -> ImageConfig {
    let mut exposed_ports = c.exposed_ports.unwrap_or_default();
    exposed_ports.sort();
    let mut volumes = c.volumes.unwrap_or_default();
    volumes.sort();
    let non_empty = |s: Option<String>| s.filter(|s| !s.is_empty());
    ImageConfig {
        user: non_empty(c.user),
        env: c
            .env
            .unwrap_or_default()
            .into_iter()
            .map(|pair| match pair.split_once('=') {
                Some((k, v)) => (k.to_owned(), v.to_owned()),
                None => (pair, String::new()),
            })
            .collect(),
        exposed_ports,
        entrypoint: c.entrypoint.filter(|e| !e.is_empty()),
        cmd: c.cmd.filter(|e| !e.is_empty()),
        healthcheck: c.healthcheck.and_then(healthcheck),
        labels: c.labels.unwrap_or_default().into_iter().collect(),
        workdir: non_empty(c.working_dir),
        volumes,
        stop_signal: non_empty(c.stop_signal),
        shell: c.shell.filter(|s| !s.is_empty()),
    }
}

fn healthcheck(h: HealthConfig) -> Option<Healthcheck> {
    let test = h.test.filter(|t| !t.is_empty())?;
    if test.first().map(String::as_str) == Some("NONE") {
        return Some(Healthcheck::Disabled);
    }
    // Docker stores durations in nanoseconds; 0 means "the default".
    let ms = |ns: Option<i64>| ns.filter(|&n| n > 0).map(|n| n as u64 / 1_000_000);
    Some(Healthcheck::Check {
        test,
        interval_ms: ms(h.interval),
        timeout_ms: ms(h.timeout),
        start_period_ms: ms(h.start_period),
        start_interval_ms: ms(h.start_interval),
        retries: h.retries.filter(|&r| r > 0).map(|r| r as u32),
    })
}

fn non_negative(n: Option<i64>) -> u64 {
    n.unwrap_or(0).max(0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_from_created_by() {
        let cases = [
            ("/bin/sh -c #(nop)  ENV A=1", "ENV A=1"),
            (
                "/bin/sh -c #(nop) COPY file:0a1b in /src/ ",
                "COPY file:0a1b in /src/",
            ),
            ("/bin/sh -c echo hi > /x", "RUN echo hi > /x"),
            ("|2 A=1 B=2 /bin/sh -c make", "RUN make"),
            ("RUN /bin/sh -c make # buildkit", "RUN make"),
            ("COPY hello.txt . # buildkit", "COPY hello.txt ."),
            ("WORKDIR /src", "WORKDIR /src"),
            ("CMD [\"sh\"]", "CMD [\"sh\"]"),
            ("", ""),
        ];
        for (created_by, expected) in cases {
            assert_eq!(instruction(created_by), expected, "{created_by}");
        }
    }

    #[test]
    fn config_only_entries() {
        let empty = |c: &str| is_metadata_only(c, &instruction(c));
        assert!(empty("/bin/sh -c #(nop)  ENV A=1"));
        assert!(!empty("/bin/sh -c #(nop) COPY file:0a1b in /src/ "));
        assert!(!empty("/bin/sh -c make"));
        assert!(empty("ENV A=1"));
        assert!(!empty("COPY . /app # buildkit"));
        assert!(!empty(""), "an imported base layer");
    }

    #[test]
    fn healthcheck_durations_and_disabled() {
        let check = healthcheck(HealthConfig {
            test: Some(vec!["CMD-SHELL".into(), "test -f /x".into()]),
            interval: Some(30_000_000_000),
            timeout: Some(3_000_000_000),
            retries: Some(0),
            ..HealthConfig::default()
        });
        assert_eq!(
            check,
            Some(Healthcheck::Check {
                test: vec!["CMD-SHELL".into(), "test -f /x".into()],
                interval_ms: Some(30_000),
                timeout_ms: Some(3_000),
                start_period_ms: None,
                start_interval_ms: None,
                retries: None,
            })
        );
        let none = HealthConfig {
            test: Some(vec!["NONE".into()]),
            ..HealthConfig::default()
        };
        assert_eq!(healthcheck(none), Some(Healthcheck::Disabled));
    }

    #[test]
    fn masking_the_config_keeps_names_and_hides_secret_values() {
        let secret = "hunter2-hunter2";
        let config = ImageConfig {
            user: Some("app".into()),
            env: vec![("DB_PASSWORD".into(), secret.into())],
            labels: [("token".to_owned(), secret.to_owned())].into(),
            cmd: Some(vec!["login".into(), secret.into()]),
            healthcheck: Some(Healthcheck::Check {
                test: vec!["CMD-SHELL".into(), format!("probe {secret}")],
                interval_ms: Some(1_000),
                timeout_ms: None,
                start_period_ms: None,
                start_interval_ms: None,
                retries: None,
            }),
            ..ImageConfig::default()
        };
        let masker = Masker::for_build_args([("PASSWORD", secret)]);
        let masked = config.masked(&masker);
        assert!(!format!("{masked:?}").contains(secret), "{masked:?}");
        assert_eq!(masked.env[0].0, "DB_PASSWORD");
        assert_eq!(masked.user.as_deref(), Some("app"));
        assert!(masked.labels.contains_key("token"));
    }
}
