// Generated from the Rust types in crates/drydock-api by its `bindings` test; do not edit.

export type ApiError = { 
/**
 * One of the `code` constants below.
 */
code: string, message: string, };

export type DaemonStatus = { connected: boolean, 
/**
 * The engine's version, e.g. `20.10.24+dfsg1`.
 */
version: string | null, apiVersion: string | null, 
/**
 * Builds use BuildKit.
 */
buildkit: boolean, 
/**
 * The address tried (or the docker context or file that could not be read).
 */
host: string, 
/**
 * When not connected: what went wrong.
 */
message: string | null, 
/**
 * When not connected: what to do about it.
 */
hint: string | null, };

export type StepView = { index: number, instruction: string, line: number | null, stage: string | null, cached: boolean, 
/**
 * Milliseconds since the build started.
 */
startMs: number, durationMs: number, 
/**
 * The layer the step added to the final image, when it is in it.
 */
sizeBytes: number | null, };

export type LayerView = { digest: string | null, sizeBytes: number, createdBy: string, };

export type Builder = "buildKit" | "classic";

export type BuildUpdate = { "kind": "started", builder: Builder, totalSteps: number, } | { "kind": "stepStarted", index: number, total: number, instruction: string, line: number | null, stage: string | null, atMs: number, } | { "kind": "stepLog", index: number, text: string, } | { "kind": "stepFinished", index: number, cached: boolean, durationMs: number, } | { "kind": "log", text: string, } | { "kind": "finished", imageId: string, tag: string | null, sizeBytes: number, layers: Array<LayerView>, steps: Array<StepView>, cacheHits: number, durationMs: number, } | { "kind": "failed", step: number | null, line: number | null, instruction: string | null, message: string, } | { "kind": "cancelled" };

export type BuildStatus = "succeeded" | "failed" | "cancelled";

export type BuildOutcome = { status: BuildStatus, 
/**
 * The build's id in the history; `None` when it was not recorded.
 */
buildId: number | null, imageId: string | null, 
/**
 * Why it failed or stopped.
 */
message: string | null, 
/**
 * The Dockerfile line of the step that failed.
 */
line: number | null, };

export type Health = "none" | "starting" | "healthy" | "unhealthy";

export type CheckOutcome = "passed" | "failed" | "skipped";

export type CheckView = { 
/**
 * `image_size`, `build_time`, `healthcheck`, `exposed_ports`, `startup`,
 * `user_not_root`, `http`, `exec` or `still_running`.
 */
kind: string, name: string, outcome: CheckOutcome, 
/**
 * What was seen, the difference when it failed, or why it was skipped.
 */
detail: string, durationMs: number, };

export type TestUpdate = { "kind": "build", update: BuildUpdate, } | { "kind": "containerStarted", containerId: string, ports: Array<string>, } | { "kind": "probe", exitCode: number, output: string, } | { "kind": "health", health: Health, } | { "kind": "exited", code: number, oom: boolean, } | { "kind": "check", check: CheckView, } | { "kind": "cancelled" };

export type TestOutcome = { build: BuildOutcome, 
/**
 * The image was built and every check passed.
 */
passed: boolean, 
/**
 * The container's health when the checks ended; `None` when no container ran.
 */
health: Health | null, checks: Array<CheckView>, 
/**
 * Why the test did not pass.
 */
message: string | null, };

export type HistoryPoint = { buildId: number, startedAtMs: number, status: BuildStatus, sizeBytes: number | null, durationMs: number, 
/**
 * Cached steps over all steps; `None` when no step ran.
 */
cacheHitRatio: number | null, stepCount: number, cacheHits: number, 
/**
 * The image's layers, base first; empty unless the build succeeded.
 */
layers: Array<LayerView>, 
/**
 * Against the previous successful build.
 */
sizeRegression: boolean, durationRegression: boolean, sizeDeltaBytes: number | null, durationDeltaMs: number | null, 
/**
 * The health at the end of the build's latest test run; `None` when it was not tested.
 */
health: Health | null, };

export type HistoryView = { 
/**
 * The Dockerfile as the history keys it, relative to the project.
 */
dockerfile: string, points: Array<HistoryPoint>, };
