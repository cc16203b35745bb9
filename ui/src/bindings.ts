// The IPC types of the desktop app, as agreed with the Rust side. The Rust crate drydock-api
// generates this file from its DTOs; until then it is written by hand from the same contract.

export type ApiError = { code: string; message: string };
export type ProjectView = { name: string; root: string; dockerfiles: string[]; dockerfile: string; tag: string | null; problems: string[] };
export type RecentProject = { name: string; root: string; openedAtMs: number };
export type FileVersion = { modifiedMs: number; len: number; hash: string };
export type FileText = { path: string; text: string; version: FileVersion };
export type Severity = "error" | "warning" | "info" | "style";
export type TextEdit = { from: number; to: number; insert: string };
export type QuickFix = { title: string; safe: boolean; edits: TextEdit[] };
export type Diagnostic = { code: string; severity: Severity; message: string; from: number; to: number; line: number; fix: QuickFix | null };
export type LintResult = { diagnostics: Diagnostic[]; configProblems: string[] };
export type RuleDoc = { code: string; name: string; summary: string; why: string; example: string | null; fixed: string | null; url: string };
export type DaemonStatus = { connected: boolean; version: string | null; apiVersion: string | null; buildkit: boolean; host: string; message: string | null; hint: string | null };
export type StepView = { index: number; instruction: string; line: number | null; stage: string | null; cached: boolean; startMs: number; durationMs: number; sizeBytes: number | null };
export type LayerView = { digest: string | null; sizeBytes: number; createdBy: string };
export type BuildUpdate =
  | { kind: "started"; builder: "buildKit" | "classic"; totalSteps: number }
  | { kind: "stepStarted"; index: number; total: number; instruction: string; line: number | null; stage: string | null; atMs: number }
  | { kind: "stepLog"; index: number; text: string }
  | { kind: "stepFinished"; index: number; cached: boolean; durationMs: number }
  | { kind: "log"; text: string }
  | { kind: "finished"; imageId: string; tag: string | null; sizeBytes: number; layers: LayerView[]; steps: StepView[]; cacheHits: number; durationMs: number }
  | { kind: "failed"; step: number | null; line: number | null; instruction: string | null; message: string }
  | { kind: "cancelled" };
export type BuildOutcome = { status: "succeeded" | "failed" | "cancelled"; buildId: number | null; imageId: string | null; message: string | null; line: number | null };
export type Health = "none" | "starting" | "healthy" | "unhealthy";
export type CheckView = { kind: string; name: string; outcome: "passed" | "failed" | "skipped"; detail: string; durationMs: number };
export type TestUpdate =
  | { kind: "build"; update: BuildUpdate }
  | { kind: "containerStarted"; containerId: string; ports: string[] }
  | { kind: "probe"; exitCode: number; output: string }
  | { kind: "health"; health: Health }
  | { kind: "exited"; code: number; oom: boolean }
  | { kind: "check"; check: CheckView }
  | { kind: "cancelled" };
export type TestOutcome = { build: BuildOutcome; passed: boolean; health: Health | null; checks: CheckView[]; message: string | null };
export type HistoryPoint = { buildId: number; startedAtMs: number; status: "succeeded" | "failed" | "cancelled"; sizeBytes: number | null; durationMs: number; cacheHitRatio: number | null; stepCount: number; cacheHits: number; layers: LayerView[]; sizeRegression: boolean; durationRegression: boolean; sizeDeltaBytes: number | null; durationDeltaMs: number | null; health: Health | null };
export type HistoryView = { dockerfile: string; points: HistoryPoint[] };
export type FileChange = { path: string; kind: "modified" | "removed" | "created" };
