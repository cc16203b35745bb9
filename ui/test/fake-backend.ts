// An in-memory stand-in for the Rust side, over Tauri's IPC mock: files, lint, builds and
// history behave just enough like the real commands for the UI to be driven end to end.
import type { Channel } from "@tauri-apps/api/core";
import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  ApiError,
  BuildOutcome,
  BuildUpdate,
  Diagnostic,
  FileChange,
  FileVersion,
  HistoryPoint,
  LintResult,
  ProjectView,
  TestOutcome,
  TestUpdate,
} from "../src/bindings";

export type Args = Record<string, unknown>;

export interface FakeBackend {
  files: Map<string, string>;
  /** Files that cannot be read, with the error reading them gives. */
  unreadable: Map<string, ApiError>;
  calls: { cmd: string; args: Args }[];
  history: HistoryPoint[];
  /**
   * The updates the next build streams, and its result; with `untilCancel`, the build then
   * waits for `cancel` and ends cancelled.
   */
  build: { updates: BuildUpdate[]; outcome: BuildOutcome; untilCancel?: boolean };
  test: { updates: TestUpdate[]; outcome: TestOutcome };
  /** Changes a file as another program would, and tells the watcher. */
  writeExternally(path: string, text: string): void;
  /** The Rust side's close request (the window's close button). */
  requestClose(): Promise<void>;
  callsOf(cmd: string): Args[];
}

export function version(text: string): FileVersion {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) | 0;
  return { modifiedMs: 0, len: text.length, hash: String(hash) };
}

/** A tiny linter: `:latest` tags, with a quick fix pinning them. */
export function fakeLint(source: string): LintResult {
  const diagnostics: Diagnostic[] = [];
  for (const m of source.matchAll(/:latest\b/g)) {
    const from = m.index + 1;
    diagnostics.push({
      code: "DL3007",
      severity: "warning",
      message: "Using latest is prone to errors if the image will ever update",
      from,
      to: from + "latest".length,
      line: source.slice(0, from).split("\n").length,
      fix: { title: "Pin the tag", safe: false, edits: [{ from, to: from + "latest".length, insert: "3.20" }] },
    });
  }
  return { diagnostics, configProblems: [] };
}

export const succeededBuild: { updates: BuildUpdate[]; outcome: BuildOutcome } = {
  updates: [
    { kind: "started", builder: "buildKit", totalSteps: 2 },
    { kind: "stepStarted", index: 1, total: 2, instruction: "FROM alpine:latest", line: 1, stage: null, atMs: 0 },
    { kind: "stepFinished", index: 1, cached: true, durationMs: 10 },
    { kind: "stepStarted", index: 2, total: 2, instruction: "RUN make", line: 2, stage: null, atMs: 10 },
    { kind: "stepLog", index: 2, text: "compiling\n" },
    { kind: "stepFinished", index: 2, cached: false, durationMs: 90 },
    {
      kind: "finished",
      imageId: "sha256:0123456789abcdef0123",
      tag: "app:dev",
      sizeBytes: 7_500_000,
      layers: [
        { digest: "sha256:a", sizeBytes: 7_000_000, createdBy: "FROM alpine" },
        { digest: "sha256:b", sizeBytes: 500_000, createdBy: "RUN make" },
      ],
      steps: [
        { index: 1, instruction: "FROM alpine:latest", line: 1, stage: null, cached: true, startMs: 0, durationMs: 10, sizeBytes: 7_000_000 },
        { index: 2, instruction: "RUN make", line: 2, stage: null, cached: false, startMs: 10, durationMs: 90, sizeBytes: 500_000 },
      ],
      cacheHits: 1,
      durationMs: 100,
    },
  ],
  outcome: { status: "succeeded", buildId: 1, imageId: "sha256:0123456789abcdef0123", message: null, line: null },
};

export function installFakeBackend(files: Record<string, string>): FakeBackend {
  const backend: FakeBackend = {
    files: new Map(Object.entries(files)),
    unreadable: new Map(),
    calls: [],
    history: [],
    build: succeededBuild,
    test: {
      updates: [],
      outcome: { build: succeededBuild.outcome, passed: true, health: "healthy", checks: [], message: null },
    },
    writeExternally(path, text) {
      backend.files.set(path, text);
      const change: FileChange = { path, kind: "modified" };
      watcher?.onmessage(change);
    },
    requestClose() {
      return emit("close-requested");
    },
    callsOf: (cmd) => backend.calls.filter((c) => c.cmd === cmd).map((c) => c.args),
  };
  let watcher: Channel<FileChange> | null = null;
  let cancelled = () => {};
  const dockerfiles = () => [...backend.files.keys()].filter((p) => p.includes("Dockerfile")).sort();
  const project = (): ProjectView => ({
    name: "demo",
    root: "/projects/demo",
    dockerfiles: dockerfiles(),
    dockerfile: "Dockerfile",
    tag: "app:dev",
    problems: [],
  });
  const read = (path: string) => {
    const failure = backend.unreadable.get(path);
    if (failure) throw failure;
    const text = backend.files.get(path);
    if (text === undefined) throw { code: "not_found", message: `${path} does not exist` };
    return text;
  };
  const stream = async <T>(channel: unknown, updates: T[]) => {
    for (const update of updates) {
      (channel as Channel<T>).onmessage(update);
      await Promise.resolve();
    }
  };

  mockIPC(
    async (cmd, payload) => {
      const args = (payload ?? {}) as Args;
      backend.calls.push({ cmd, args });
      switch (cmd) {
        case "start_project":
        case "open_project":
          return project();
        case "recent_projects":
          return [{ name: "demo", root: "/projects/demo", openedAtMs: 0 }];
        case "read_dockerfile": {
          const text = read(args.path as string);
          return { path: args.path, text, version: version(text) };
        }
        case "save_dockerfile": {
          const path = args.path as string;
          const base = args.baseVersion as FileVersion | null;
          const onDisk = backend.files.get(path);
          if (!args.force && onDisk !== undefined && base?.hash !== version(onDisk).hash) {
            throw { code: "changed_on_disk", message: `${path} changed on disk` };
          }
          backend.files.set(path, args.text as string);
          return version(args.text as string);
        }
        case "lint_dockerfile":
          return fakeLint(args.source as string);
        case "rule_doc":
          return {
            code: args.code,
            name: "Pin image tags",
            summary: "Use a fixed tag",
            why: "latest moves: builds stop being reproducible",
            example: "FROM alpine:latest",
            fixed: "FROM alpine:3.20",
            url: "https://example.invalid/rules/DL3007",
          };
        case "daemon_status":
          return { connected: true, version: "26.1.4", apiVersion: "1.45", buildkit: true, host: "unix:///var/run/docker.sock", message: null, hint: null };
        case "start_build":
          await stream(args.onEvent, backend.build.updates);
          if (!backend.build.untilCancel) return backend.build.outcome;
          await new Promise<void>((resolve) => (cancelled = resolve));
          await stream<BuildUpdate>(args.onEvent, [{ kind: "cancelled" }]);
          return { ...backend.build.outcome, status: "cancelled" };
        case "start_test":
          await stream(args.onEvent, backend.test.updates);
          return backend.test.outcome;
        case "history":
          return { dockerfile: args.path, points: backend.history };
        case "watch_project":
          watcher = args.onChange as Channel<FileChange>;
          return null;
        case "cancel":
          cancelled();
          return null;
        case "set_dirty":
        case "close_window":
          return null;
      }
      throw { code: "io", message: `unknown command ${cmd}` };
    },
    { shouldMockEvents: true },
  );
  return backend;
}
