// Typed wrappers over the desktop app's commands. Every path is relative to the open project.
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { open } from "@tauri-apps/plugin-dialog";
import { openUrl } from "@tauri-apps/plugin-opener";
import type {
  ApiError,
  BuildOutcome,
  BuildUpdate,
  DaemonStatus,
  FileChange,
  FileText,
  FileVersion,
  HistoryView,
  LintResult,
  ProjectView,
  RecentProject,
  RuleDoc,
  TestOutcome,
  TestUpdate,
} from "./bindings";

export const startProject = () => invoke<ProjectView | null>("start_project");
export const openProject = (path: string) => invoke<ProjectView>("open_project", { path });
export const recentProjects = () => invoke<RecentProject[]>("recent_projects");
export const readDockerfile = (path: string) => invoke<FileText>("read_dockerfile", { path });

export const saveDockerfile = (path: string, text: string, baseVersion: FileVersion | null, force: boolean) =>
  invoke<FileVersion>("save_dockerfile", { path, text, baseVersion, force });

export const lintDockerfile = (path: string, source: string) =>
  invoke<LintResult>("lint_dockerfile", { path, source });

export const ruleDoc = (code: string) => invoke<RuleDoc>("rule_doc", { code });
export const daemonStatus = () => invoke<DaemonStatus>("daemon_status");
export const cancel = () => invoke<null>("cancel");
export const history = (path: string) => invoke<HistoryView>("history", { path });

/** Builds `path`; `onUpdate` hears the stream, the promise resolves when the build ended. */
export function startBuild(path: string, onUpdate: (update: BuildUpdate) => void) {
  return invoke<BuildOutcome>("start_build", { path, onEvent: new Channel<BuildUpdate>(onUpdate) });
}

/** Builds and tests `path`; `onUpdate` hears the stream. */
export function startTest(path: string, onUpdate: (update: TestUpdate) => void) {
  return invoke<TestOutcome>("start_test", { path, onEvent: new Channel<TestUpdate>(onUpdate) });
}

/** Watches the open project's folder; replaces any earlier watch. */
export function watchProject(onChange: (change: FileChange) => void) {
  return invoke<null>("watch_project", { onChange: new Channel<FileChange>(onChange) });
}

/** Tells the window whether closing it must ask first. */
export const setDirty = (dirty: boolean) => invoke<null>("set_dirty", { dirty });
export const closeWindow = () => invoke<null>("close_window");

/** The window asks before closing while the buffer is dirty: Rust emits this event instead. */
export const onCloseRequested = (handler: () => void): Promise<UnlistenFn> =>
  listen("close-requested", handler);

/** The system folder picker; null when the user cancelled. */
/** A rule's documentation page, in the user's browser (the capability allows only those pages). */
export const openDocPage = (url: string) => openUrl(url);

export async function pickFolder(): Promise<string | null> {
  const picked = await open({ directory: true, multiple: false });
  return typeof picked === "string" ? picked : null;
}

export function isApiError(error: unknown): error is ApiError {
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}

export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
