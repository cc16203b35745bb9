// Generated from the Rust types in crates/drydock-api by its `bindings` test; do not edit.

export type ApiError = { 
/**
 * One of the `code` constants below.
 */
code: string, message: string, };

export type ProjectView = { 
/**
 * The folder's name.
 */
name: string, 
/**
 * The folder's absolute, canonical path.
 */
root: string, 
/**
 * Every Dockerfile in the folder tree, relative with `/`, sorted, the default first
 * (always listed, even before it exists).
 */
dockerfiles: Array<string>, 
/**
 * The default Dockerfile: `drydock.toml`'s, else `Dockerfile`, else the first found.
 */
dockerfile: string, 
/**
 * `drydock.toml`'s image tag.
 */
tag: string | null, 
/**
 * What is wrong with `drydock.toml`, one line each with line, key and reason; empty when
 * it is fine or absent.
 */
problems: Array<string>, };

export type RecentProject = { name: string, 
/**
 * The folder's canonical path.
 */
root: string, 
/**
 * When it was last opened, in milliseconds since the Unix epoch.
 */
openedAtMs: number, };

export type FileVersion = { 
/**
 * Last modification, in milliseconds since the Unix epoch.
 */
modifiedMs: number, 
/**
 * Size in bytes.
 */
len: number, 
/**
 * FNV-1a 64 of the contents, 16 hex digits: stable across builds and platforms.
 */
hash: string, };

export type FileText = { 
/**
 * As the UI sent it.
 */
path: string, 
/**
 * Without a UTF-8 byte order mark (a save puts it back).
 */
text: string, version: FileVersion, };

export type Severity = "error" | "warning" | "info" | "style";

export type TextEdit = { from: number, to: number, insert: string, };

export type QuickFix = { 
/**
 * Imperative, e.g. "add `-y`".
 */
title: string, 
/**
 * Keeps the build's meaning (`drydock lint --fix` applies it); otherwise the user should
 * review the change.
 */
safe: boolean, 
/**
 * Non-overlapping, applied together.
 */
edits: Array<TextEdit>, };

export type Diagnostic = { code: string, severity: Severity, message: string, 
/**
 * Start, in UTF-16 code units from the start of the source.
 */
from: number, 
/**
 * End (exclusive), in UTF-16 code units.
 */
to: number, 
/**
 * 1-based line of `from`.
 */
line: number, fix: QuickFix | null, };

export type LintResult = { diagnostics: Array<Diagnostic>, 
/**
 * What is wrong with the lint config (`.hadolint.yaml`); the defaults apply then.
 */
configProblems: Array<string>, };

export type RuleDoc = { code: string, 
/**
 * Kebab-case name of the pattern it flags.
 */
name: string, 
/**
 * What it does, one paragraph of Markdown.
 */
summary: string, 
/**
 * Why it matters, Markdown.
 */
why: string, 
/**
 * Text the rule flags.
 */
example: string | null, 
/**
 * The same, fixed.
 */
fixed: string | null, 
/**
 * hadolint's wiki page for its rules, else the rule's page in Drydock's docs.
 */
url: string, };

export type ChangeKind = "modified" | "removed" | "created";

export type FileChange = { 
/**
 * Relative to the project folder, with `/`.
 */
path: string, kind: ChangeKind, };

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
