//! The history as the app's charts take it.

use drydock_history::{Build, TrendPoint};
use serde::Serialize;
use ts_rs::TS;

use crate::build::{BuildStatus, LayerView};
use crate::test::Health;

/// One build on the charts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryPoint {
    pub build_id: i64,
    pub started_at_ms: i64,
    pub status: BuildStatus,
    pub size_bytes: Option<u64>,
    pub duration_ms: u64,
    /// Cached steps over all steps; `None` when no step ran.
    pub cache_hit_ratio: Option<f64>,
    pub step_count: u32,
    pub cache_hits: u32,
    /// The image's layers, base first; empty unless the build succeeded.
    pub layers: Vec<LayerView>,
    /// Against the previous successful build.
    pub size_regression: bool,
    pub duration_regression: bool,
    pub size_delta_bytes: Option<i64>,
    pub duration_delta_ms: Option<i64>,
    /// The health at the end of the build's latest test run; `None` when it was not tested.
    pub health: Option<Health>,
}

/// A Dockerfile's latest builds, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryView {
    /// The Dockerfile as the history keys it, relative to the project.
    pub dockerfile: String,
    pub points: Vec<HistoryPoint>,
}

impl HistoryPoint {
    /// The trend's point with what the history recorded of its build.
    pub(crate) fn new(point: TrendPoint, build: Option<&Build>) -> HistoryPoint {
        HistoryPoint {
            build_id: point.build_id.0,
            started_at_ms: point.started_at_ms,
            status: point.status.into(),
            size_bytes: point.size_bytes,
            duration_ms: point.duration_ms,
            cache_hit_ratio: point.cache_hit_ratio,
            step_count: build.map_or(0, |b| b.summary.step_count),
            cache_hits: build.map_or(0, |b| b.summary.cache_hits),
            layers: build.map_or_else(Vec::new, |b| b.layers.iter().map(Into::into).collect()),
            size_regression: point.size_regression,
            duration_regression: point.duration_regression,
            size_delta_bytes: point.size_delta_bytes,
            duration_delta_ms: point.duration_delta_ms,
            health: build
                .and_then(|b| b.test_runs.last())
                .map(|latest| latest.run.health.into()),
        }
    }
}
