//! `--json`: one array of the builds, newest first. The fields are documented in the README.

use drydock_history::LintCounts;
use serde::Serialize;

use super::Entry;

#[derive(Serialize)]
struct Build<'a> {
    id: i64,
    started_at_ms: i64,
    status: &'static str,
    dockerfile: &'a str,
    tag: Option<&'a str>,
    target: Option<&'a str>,
    builder: &'static str,
    duration_ms: u64,
    image_id: Option<&'a str>,
    size_bytes: Option<u64>,
    /// Against the previous successful build.
    size_delta_bytes: Option<i64>,
    duration_delta_ms: Option<i64>,
    size_regression: bool,
    duration_regression: bool,
    layers: u32,
    steps: u32,
    cache_hits: u32,
    lint: Lint,
    error: Option<Error<'a>>,
}

#[derive(Serialize)]
struct Lint {
    error: u32,
    warning: u32,
    info: u32,
    style: u32,
}

#[derive(Serialize)]
struct Error<'a> {
    message: &'a str,
    /// 1-based, in the build's steps.
    step: Option<u32>,
    line: Option<u32>,
}

pub(super) fn print(entries: &[Entry]) {
    let builds: Vec<Build> = entries.iter().map(build).collect();
    crate::build::emit(&builds);
}

fn build(entry: &Entry) -> Build<'_> {
    let b = &entry.build;
    let trend = entry.trend.as_ref();
    let LintCounts {
        error,
        warning,
        info,
        style,
    } = b.lint;
    Build {
        id: b.id.0,
        started_at_ms: b.started_at_ms,
        status: b.status.as_str(),
        dockerfile: &b.dockerfile_path,
        tag: b.tag.as_deref(),
        target: b.target.as_deref(),
        builder: b.builder.as_str(),
        duration_ms: b.duration_ms,
        image_id: b.image_id.as_deref(),
        size_bytes: b.size_bytes,
        size_delta_bytes: trend.and_then(|t| t.size_delta_bytes),
        duration_delta_ms: trend.and_then(|t| t.duration_delta_ms),
        size_regression: trend.is_some_and(|t| t.size_regression),
        duration_regression: trend.is_some_and(|t| t.duration_regression),
        layers: b.layer_count,
        steps: b.step_count,
        cache_hits: b.cache_hits,
        lint: Lint {
            error,
            warning,
            info,
            style,
        },
        error: b.error.as_ref().map(|e| Error {
            message: &e.message,
            step: e.step.map(|position| position + 1),
            line: e.line,
        }),
    }
}
