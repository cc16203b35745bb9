use std::collections::BTreeMap;

use drydock_mask::{mask_build_args, Masker};
use rusqlite::{named_params, params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::layers::Layer;
use super::projects::ProjectId;
use super::steps::Step;
use super::test_runs::RecordedTestRun;
use crate::sql_types::{word_enum, Json};

/// A build's row id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BuildId(pub i64);

impl std::fmt::Display for BuildId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

word_enum! {
    pub enum Builder {
        BuildKit = "buildkit",
        Classic = "classic",
    }
}

word_enum! {
    pub enum BuildStatus {
        Succeeded = "succeeded",
        Failed = "failed",
        Cancelled = "cancelled",
    }
}

/// A `--build-arg`; the history keeps the name and stores `***` as the value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildArg {
    pub name: String,
    pub value: String,
}

/// Why a build failed or stopped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildError {
    /// Masked when stored.
    pub message: String,
    /// Position of the failing step in the build's steps.
    pub step: Option<u32>,
    /// 1-based Dockerfile line of the failing instruction.
    pub line: Option<u32>,
}

/// Lint findings of the Dockerfile text that was built, by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LintCounts {
    pub error: u32,
    pub warning: u32,
    pub info: u32,
    pub style: u32,
}

/// The parts of the image config a compare shows, kept so two builds can still be compared
/// after their images are deleted. Fields missing from an older row read as empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImageConfig {
    pub user: Option<String>,
    pub workdir: Option<String>,
    pub entrypoint: Option<Vec<String>>,
    pub cmd: Option<Vec<String>>,
    /// `NAME=value` entries; masked when stored.
    pub env: Vec<String>,
    /// As the daemon lists them, e.g. `3000/tcp`.
    pub exposed_ports: Vec<String>,
    /// Values masked when stored.
    pub labels: BTreeMap<String, String>,
    pub healthcheck: Option<Healthcheck>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Healthcheck {
    /// E.g. `["CMD-SHELL", "wget -q localhost:3000/health"]`; masked when stored.
    pub test: Vec<String>,
    pub interval_ms: Option<u64>,
    pub timeout_ms: Option<u64>,
    pub start_period_ms: Option<u64>,
    pub retries: Option<u32>,
}

impl ImageConfig {
    fn masked(&self, masker: &Masker) -> ImageConfig {
        let mask_all = |items: &[String]| -> Vec<String> {
            items
                .iter()
                .map(|item| masker.mask(item).into_owned())
                .collect()
        };
        ImageConfig {
            user: self.user.clone(),
            workdir: self.workdir.clone(),
            entrypoint: self.entrypoint.as_deref().map(mask_all),
            cmd: self.cmd.as_deref().map(mask_all),
            env: mask_all(&self.env),
            exposed_ports: self.exposed_ports.clone(),
            labels: self
                .labels
                .iter()
                .map(|(k, v)| (k.clone(), masker.mask(v).into_owned()))
                .collect(),
            healthcheck: self.healthcheck.as_ref().map(|check| Healthcheck {
                test: mask_all(&check.test),
                ..check.clone()
            }),
        }
    }
}

/// A finished build to record, as the engine saw it. Secrets may be in it: the history masks
/// build-arg values, the Dockerfile text, the error, step instructions, layer commands and
/// the image config before storing anything.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewBuild {
    /// The project folder, absolute and normalised by the caller: it identifies the project.
    pub project_path: String,
    pub project_name: String,
    /// Relative to the project folder, with `/` separators.
    pub dockerfile_path: String,
    /// The text that was built, which may differ from the file by now.
    pub dockerfile_text: String,
    pub build_args: Vec<BuildArg>,
    pub tag: Option<String>,
    pub target: Option<String>,
    pub platform: Option<String>,
    pub builder: Builder,
    /// Unix time in milliseconds; passed in so tests control it.
    pub started_at_ms: i64,
    pub duration_ms: u64,
    pub status: BuildStatus,
    pub error: Option<BuildError>,
    pub image_id: Option<String>,
    pub size_bytes: Option<u64>,
    pub lint: LintCounts,
    pub image_config: Option<ImageConfig>,
    /// The steps that ran; the step and cache-hit counts are taken from them.
    pub steps: Vec<Step>,
    /// The image's layers, base first; the layer count is taken from them.
    pub layers: Vec<Layer>,
}

/// A build without its text, steps, layers and test runs: what lists and charts show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BuildSummary {
    pub id: BuildId,
    pub project_id: ProjectId,
    pub dockerfile_path: String,
    pub tag: Option<String>,
    pub target: Option<String>,
    pub platform: Option<String>,
    pub builder: Builder,
    pub started_at_ms: i64,
    pub duration_ms: u64,
    pub status: BuildStatus,
    pub error: Option<BuildError>,
    pub image_id: Option<String>,
    pub size_bytes: Option<u64>,
    pub layer_count: u32,
    pub step_count: u32,
    pub cache_hits: u32,
    pub lint: LintCounts,
}

impl BuildSummary {
    /// Cached steps over all steps; `None` when no step ran.
    pub fn cache_hit_ratio(&self) -> Option<f64> {
        (self.step_count > 0).then(|| f64::from(self.cache_hits) / f64::from(self.step_count))
    }
}

/// A build with everything recorded about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Build {
    #[serde(flatten)]
    pub summary: BuildSummary,
    pub dockerfile_text: String,
    pub build_args: Vec<BuildArg>,
    pub image_config: Option<ImageConfig>,
    pub steps: Vec<Step>,
    pub layers: Vec<Layer>,
    pub test_runs: Vec<RecordedTestRun>,
}

/// One page of a newest-first list: at most `limit` builds older than `before`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub limit: u32,
    /// The last build of the previous page; `None` for the first page.
    pub before: Option<BuildId>,
}

impl Page {
    pub fn first(limit: u32) -> Page {
        Page {
            limit,
            before: None,
        }
    }

    /// The page after one that ended with `last`.
    pub fn after(self, last: &BuildSummary) -> Page {
        Page {
            before: Some(last.id),
            ..self
        }
    }
}

pub(crate) const SUMMARY_COLUMNS: &str = "id, project_id, dockerfile_path, tag, target, platform, \
     builder, started_at_ms, duration_ms, status, error_message, error_step, error_line, \
     image_id, size_bytes, layer_count, step_count, cache_hits, lint_errors, lint_warnings, \
     lint_infos, lint_styles";

pub(crate) fn insert(
    conn: &Connection,
    project: ProjectId,
    build: &NewBuild,
    masker: &Masker,
) -> rusqlite::Result<BuildId> {
    let build_args: Vec<BuildArg> = mask_build_args(
        build
            .build_args
            .iter()
            .map(|arg| (arg.name.as_str(), arg.value.as_str())),
    )
    .into_iter()
    .map(|(name, value)| BuildArg { name, value })
    .collect();
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    conn.prepare_cached(
        "INSERT INTO builds (project_id, dockerfile_path, dockerfile_text, build_args, tag, target,
             platform, builder, started_at_ms, duration_ms, status, error_message,
             error_step, error_line, image_id, size_bytes, layer_count, step_count, cache_hits,
             lint_errors, lint_warnings, lint_infos, lint_styles, image_config)
         VALUES (:project_id, :dockerfile_path, :dockerfile_text, :build_args, :tag, :target,
             :platform, :builder, :started_at_ms, :duration_ms, :status, :error_message,
             :error_step, :error_line, :image_id, :size_bytes, :layer_count, :step_count,
             :cache_hits, :lint_errors, :lint_warnings, :lint_infos, :lint_styles, :image_config)
         RETURNING id",
    )?
    .query_row(
        named_params! {
            ":project_id": project.0,
            ":dockerfile_path": build.dockerfile_path,
            ":dockerfile_text": masker.mask(&build.dockerfile_text),
            ":build_args": Json(build_args),
            ":tag": build.tag,
            ":target": build.target,
            ":platform": build.platform,
            ":builder": build.builder,
            ":started_at_ms": build.started_at_ms,
            ":duration_ms": build.duration_ms,
            ":status": build.status,
            ":error_message": build.error.as_ref().map(|error| masker.mask(&error.message)),
            ":error_step": build.error.as_ref().and_then(|error| error.step),
            ":error_line": build.error.as_ref().and_then(|error| error.line),
            ":image_id": build.image_id,
            ":size_bytes": build.size_bytes,
            ":layer_count": count(build.layers.len()),
            ":step_count": count(build.steps.len()),
            ":cache_hits": count(build.steps.iter().filter(|step| step.cached).count()),
            ":lint_errors": build.lint.error,
            ":lint_warnings": build.lint.warning,
            ":lint_infos": build.lint.info,
            ":lint_styles": build.lint.style,
            ":image_config": build.image_config.as_ref().map(|config| Json(config.masked(masker))),
        },
        |row| row.get(0).map(BuildId),
    )
}

pub(crate) fn exists(conn: &Connection, id: BuildId) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM builds WHERE id = ?1)",
        [id.0],
        |row| row.get(0),
    )
}

/// The build without its steps, layers and test runs, which the caller adds.
pub(crate) fn find(conn: &Connection, id: BuildId) -> rusqlite::Result<Option<Build>> {
    conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS}, dockerfile_text, build_args, image_config
         FROM builds WHERE id = ?1"
    ))?
    .query_row([id.0], |row| {
        Ok(Build {
            summary: summary_from_row(row)?,
            dockerfile_text: row.get("dockerfile_text")?,
            build_args: row.get::<_, Json<_>>("build_args")?.0,
            image_config: row
                .get::<_, Option<Json<_>>>("image_config")?
                .map(|json| json.0),
            steps: Vec::new(),
            layers: Vec::new(),
            test_runs: Vec::new(),
        })
    })
    .optional()
}

/// A page of one Dockerfile's builds, newest first.
pub(crate) fn page(
    conn: &Connection,
    project: ProjectId,
    dockerfile: &str,
    page: Page,
) -> rusqlite::Result<Vec<BuildSummary>> {
    conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM builds
         WHERE project_id = ?1 AND dockerfile_path = ?2
           AND (?3 IS NULL
                OR (started_at_ms, id) < (SELECT started_at_ms, id FROM builds WHERE id = ?3))
         ORDER BY started_at_ms DESC, id DESC
         LIMIT ?4"
    ))?
    .query_map(
        params![
            project.0,
            dockerfile,
            page.before.map(|id| id.0),
            page.limit
        ],
        summary_from_row,
    )?
    .collect()
}

pub(crate) fn latest_successful(
    conn: &Connection,
    project: ProjectId,
    dockerfile: &str,
) -> rusqlite::Result<Option<BuildId>> {
    conn.query_row(
        "SELECT id FROM builds
         WHERE project_id = ?1 AND dockerfile_path = ?2 AND status = ?3
         ORDER BY started_at_ms DESC, id DESC LIMIT 1",
        params![project.0, dockerfile, BuildStatus::Succeeded],
        |row| row.get(0).map(BuildId),
    )
    .optional()
}

/// The Dockerfiles a project has built, by path.
pub(crate) fn dockerfiles(conn: &Connection, project: ProjectId) -> rusqlite::Result<Vec<String>> {
    conn.prepare_cached(
        "SELECT DISTINCT dockerfile_path FROM builds
         WHERE project_id = ?1 ORDER BY dockerfile_path",
    )?
    .query_map([project.0], |row| row.get(0))?
    .collect()
}

pub(crate) fn summary_from_row(row: &Row) -> rusqlite::Result<BuildSummary> {
    let error =
        row.get::<_, Option<String>>("error_message")?
            .map(|message| -> rusqlite::Result<_> {
                Ok(BuildError {
                    message,
                    step: row.get("error_step")?,
                    line: row.get("error_line")?,
                })
            });
    Ok(BuildSummary {
        id: BuildId(row.get("id")?),
        project_id: ProjectId(row.get("project_id")?),
        dockerfile_path: row.get("dockerfile_path")?,
        tag: row.get("tag")?,
        target: row.get("target")?,
        platform: row.get("platform")?,
        builder: row.get("builder")?,
        started_at_ms: row.get("started_at_ms")?,
        duration_ms: row.get("duration_ms")?,
        status: row.get("status")?,
        error: error.transpose()?,
        image_id: row.get("image_id")?,
        size_bytes: row.get("size_bytes")?,
        layer_count: row.get("layer_count")?,
        step_count: row.get("step_count")?,
        cache_hits: row.get("cache_hits")?,
        lint: LintCounts {
            error: row.get("lint_errors")?,
            warning: row.get("lint_warnings")?,
            info: row.get("lint_infos")?,
            style: row.get("lint_styles")?,
        },
    })
}
