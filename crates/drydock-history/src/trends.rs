//! Size, time and cache use across one Dockerfile's builds, with regressions flagged.

use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use crate::table::builds::{
    summary_from_row, BuildId, BuildStatus, BuildSummary, LintCounts, SUMMARY_COLUMNS,
};
use crate::table::projects::ProjectId;

/// When a successful build counts as a regression against the previous successful one: it
/// grew by more than the ratio *and* by at least the minimum, so noise on small images and
/// quick builds is not flagged.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegressionThresholds {
    /// 0.10 flags growth beyond 10%.
    pub size_ratio: f64,
    pub size_min_bytes: u64,
    pub duration_ratio: f64,
    pub duration_min_ms: u64,
}

impl Default for RegressionThresholds {
    /// +10% and at least 1 MB in size; +20% and at least 2 s in build time.
    fn default() -> Self {
        RegressionThresholds {
            size_ratio: 0.10,
            size_min_bytes: 1_000_000,
            duration_ratio: 0.20,
            duration_min_ms: 2_000,
        }
    }
}

/// One build on the trend charts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub build_id: BuildId,
    pub started_at_ms: i64,
    pub status: BuildStatus,
    pub size_bytes: Option<u64>,
    pub duration_ms: u64,
    pub cache_hit_ratio: Option<f64>,
    pub lint: LintCounts,
    /// For a successful build: the previous successful one, which the deltas compare with.
    pub baseline: Option<BuildId>,
    pub size_delta_bytes: Option<i64>,
    pub duration_delta_ms: Option<i64>,
    pub size_regression: bool,
    pub duration_regression: bool,
}

/// The last `limit` builds of a Dockerfile, oldest first. A baseline may lie before the
/// window: it is found over the whole history.
pub(crate) fn trend(
    conn: &Connection,
    project: ProjectId,
    dockerfile: &str,
    limit: u32,
    thresholds: &RegressionThresholds,
) -> rusqlite::Result<Vec<TrendPoint>> {
    // Partitioning by success makes LAG look back to the previous build of the same kind; only
    // the successful partition's values are used.
    let mut points = conn
        .prepare_cached(&format!(
            "SELECT * FROM (
                 SELECT {SUMMARY_COLUMNS},
                        LAG(id) OVER same_outcome AS baseline_id,
                        LAG(size_bytes) OVER same_outcome AS baseline_size,
                        LAG(duration_ms) OVER same_outcome AS baseline_duration
                 FROM builds
                 WHERE project_id = ?1 AND dockerfile_path = ?2
                 WINDOW same_outcome AS (PARTITION BY status = ?3 ORDER BY started_at_ms, id)
             )
             ORDER BY started_at_ms DESC, id DESC
             LIMIT ?4"
        ))?
        .query_map(
            params![project.0, dockerfile, BuildStatus::Succeeded, limit],
            |row| point_from_row(row, thresholds),
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    points.reverse();
    Ok(points)
}

fn point_from_row(row: &Row, thresholds: &RegressionThresholds) -> rusqlite::Result<TrendPoint> {
    let build = summary_from_row(row)?;
    let baseline = match build.status {
        BuildStatus::Succeeded => row
            .get::<_, Option<i64>>("baseline_id")?
            .map(|id| -> rusqlite::Result<_> {
                Ok((
                    BuildId(id),
                    row.get::<_, Option<u64>>("baseline_size")?,
                    row.get::<_, u64>("baseline_duration")?,
                ))
            })
            .transpose()?,
        BuildStatus::Failed | BuildStatus::Cancelled => None,
    };
    Ok(point(&build, baseline, thresholds))
}

/// `baseline` is the previous successful build's id, size and duration.
fn point(
    build: &BuildSummary,
    baseline: Option<(BuildId, Option<u64>, u64)>,
    thresholds: &RegressionThresholds,
) -> TrendPoint {
    let size_delta = baseline.and_then(|(_, size, _)| Some((size?, build.size_bytes?)));
    let duration_delta = baseline.map(|(_, _, duration)| (duration, build.duration_ms));
    TrendPoint {
        build_id: build.id,
        started_at_ms: build.started_at_ms,
        status: build.status,
        size_bytes: build.size_bytes,
        duration_ms: build.duration_ms,
        cache_hit_ratio: build.cache_hit_ratio(),
        lint: build.lint,
        baseline: baseline.map(|(id, _, _)| id),
        size_delta_bytes: size_delta.map(|(before, after)| delta(before, after)),
        duration_delta_ms: duration_delta.map(|(before, after)| delta(before, after)),
        size_regression: size_delta.is_some_and(|(before, after)| {
            is_regression(
                before,
                after,
                thresholds.size_ratio,
                thresholds.size_min_bytes,
            )
        }),
        duration_regression: duration_delta.is_some_and(|(before, after)| {
            is_regression(
                before,
                after,
                thresholds.duration_ratio,
                thresholds.duration_min_ms,
            )
        }),
    }
}

fn delta(before: u64, after: u64) -> i64 {
    let signed = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    signed(after).saturating_sub(signed(before))
}

/// Grew by more than `ratio` of `before` and by at least `min`.
fn is_regression(before: u64, after: u64, ratio: f64, min: u64) -> bool {
    let growth = after.saturating_sub(before);
    growth >= min && growth as f64 > before as f64 * ratio
}

#[cfg(test)]
mod tests {
    use super::is_regression;

    #[test]
    fn regression_needs_both_the_ratio_and_the_minimum() {
        const MB: u64 = 1_000_000;
        assert!(
            is_regression(100 * MB, 111 * MB, 0.10, MB),
            "+11% and +11 MB"
        );
        assert!(
            !is_regression(100 * MB, 110 * MB, 0.10, MB),
            "exactly +10% is not beyond it"
        );
        assert!(
            !is_regression(5 * MB, 5 * MB + 900_000, 0.10, MB),
            "+18% but under 1 MB"
        );
        assert!(
            !is_regression(100 * MB, 80 * MB, 0.10, MB),
            "shrinking is never a regression"
        );
        assert!(is_regression(0, 2 * MB, 0.10, MB), "growth from nothing");
    }
}
