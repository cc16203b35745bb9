//! BuildKit's stream: status updates about vertices (one per operation of the build graph).
//! A vertex comes back several times as it starts, completes or fails; its name says which
//! step it is (`[build 3/5] RUN make`), internal work has names like `[internal] load ...`.
//! Logs arrive per vertex as byte chunks. Times are the daemon's timestamps, moved onto the
//! local clock by the offset seen on the first one.

use std::collections::HashMap;

use bollard::moby::buildkit::v1::{StatusResponse, Vertex};

use super::{complete_lines, strip_ansi, Normalizer};

#[derive(Debug, Default)]
pub(super) struct Reader {
    pub(super) vertices: HashMap<String, VertexState>,
    /// Local milliseconds minus daemon milliseconds, from the first timestamp seen.
    clock_offset_ms: Option<i64>,
    /// Unfinished log text per vertex digest.
    pending: HashMap<String, String>,
}

#[derive(Debug, Default)]
pub(super) struct VertexState {
    /// The steps it does: one, or several `FROM`s of the same image.
    steps: Vec<usize>,
    name: String,
    started_ms: Option<u64>,
    completed_ms: Option<u64>,
    cached: bool,
    announced: bool,
}

pub(super) fn status(n: &mut Normalizer<'_>, status: &StatusResponse, at_ms: u64) {
    for vertex in &status.vertexes {
        update_vertex(n, vertex, at_ms);
    }
    for log in &status.logs {
        let raw = String::from_utf8_lossy(&log.msg);
        let text = strip_ansi(&raw);
        let pending = n.buildkit.pending.entry(log.vertex.clone()).or_default();
        let lines = complete_lines(pending, &text);
        emit_lines(n, &log.vertex, lines);
    }
    for warning in &status.warnings {
        n.log(format!(
            "warning: {}",
            String::from_utf8_lossy(&warning.short)
        ));
    }
}

/// Reads log text left without a final line break.
pub(super) fn flush(n: &mut Normalizer<'_>) {
    let pending: Vec<(String, String)> = n.buildkit.pending.drain().collect();
    for (digest, rest) in pending {
        if !rest.trim().is_empty() {
            emit_lines(n, &digest, vec![rest]);
        }
    }
}

fn emit_lines(n: &mut Normalizer<'_>, digest: &str, lines: Vec<String>) {
    let step = n
        .buildkit
        .vertices
        .get(digest)
        .and_then(|v| v.steps.first().copied());
    for line in lines {
        match step {
            Some(index) => n.step_log(index, line),
            None => n.log(line),
        }
    }
}

fn update_vertex(n: &mut Normalizer<'_>, vertex: &Vertex, at_ms: u64) {
    let started = vertex
        .started
        .as_ref()
        .map(|t| local_ms(n, t.seconds, t.nanos, at_ms));
    let completed = vertex
        .completed
        .as_ref()
        .map(|t| local_ms(n, t.seconds, t.nanos, at_ms));
    let plan = &n.plan;
    let state = n
        .buildkit
        .vertices
        .entry(vertex.digest.clone())
        .or_insert_with(|| VertexState {
            steps: plan.buildkit_steps(&vertex.name),
            name: vertex.name.clone(),
            ..VertexState::default()
        });
    state.cached |= vertex.cached;
    state.started_ms = state.started_ms.or(started);
    state.completed_ms = state.completed_ms.or(completed);
    let announce = !state.announced && (state.started_ms.is_some() || completed.is_some());
    state.announced |= announce;
    let (steps, name) = (state.steps.clone(), state.name.clone());
    let start = state.started_ms.or(completed).unwrap_or(at_ms);

    if announce && steps.is_empty() {
        n.log(name.clone());
    }
    for &index in &steps {
        if announce {
            let mapped = n.plan.step(index).cloned();
            n.start_step(index, n.plan.total(), mapped, &name, start);
        }
        if vertex.error.is_empty() {
            if let Some((cached, end)) = step_done(n, index) {
                n.finish_step(index, cached, end);
            }
        }
    }
    // The first error is the cause: vertices cancelled because of it fail after it.
    if !vertex.error.is_empty() && n.failure.is_none() {
        n.fail(steps.first().copied(), vertex.error.clone());
    }
}

/// When every vertex of the step completed: whether all were cached, and the last end.
fn step_done(n: &Normalizer<'_>, index: usize) -> Option<(bool, u64)> {
    let mut cached = true;
    let mut end = 0;
    for v in n
        .buildkit
        .vertices
        .values()
        .filter(|v| v.steps.contains(&index))
    {
        end = end.max(v.completed_ms?);
        cached &= v.cached;
    }
    Some((cached, end))
}

/// A daemon timestamp on the local clock (milliseconds since the request was sent).
fn local_ms(n: &mut Normalizer<'_>, seconds: i64, nanos: i32, at_ms: u64) -> u64 {
    let daemon_ms = seconds * 1000 + i64::from(nanos) / 1_000_000;
    let offset = *n
        .buildkit
        .clock_offset_ms
        .get_or_insert(at_ms as i64 - daemon_ms);
    (daemon_ms + offset).max(0) as u64
}
