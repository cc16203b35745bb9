// Typed wrappers over the desktop shell's commands (src-tauri/src/commands.rs and window.rs).
// The types come from the Rust DTOs through the generated bindings.ts.
import { Channel, invoke } from "@tauri-apps/api/core";
import type {
  ApiError,
  FileChange,
  FileText,
  FileVersion,
  LintResult,
  ProjectView,
  RecentProject,
  RuleDoc,
} from "./bindings";

export type { Diagnostic, ProjectView } from "./bindings";

export const startProject = () => invoke<ProjectView | null>("start_project");

export const openProject = (path: string) => invoke<ProjectView>("open_project", { path });

export const recentProjects = () => invoke<RecentProject[]>("recent_projects");

export const readDockerfile = (path: string) => invoke<FileText>("read_dockerfile", { path });

export const saveDockerfile = (
  path: string,
  text: string,
  baseVersion: FileVersion | null,
  force: boolean,
) => invoke<FileVersion>("save_dockerfile", { path, text, baseVersion, force });

export const lintDockerfile = (path: string, source: string) =>
  invoke<LintResult>("lint_dockerfile", { path, source });

export const ruleDoc = (code: string) => invoke<RuleDoc>("rule_doc", { code });

/** Streams the open project's external file changes to `onChange`. */
export function watchProject(onChange: (change: FileChange) => void) {
  const channel = new Channel<FileChange>();
  channel.onmessage = onChange;
  return invoke<null>("watch_project", { onChange: channel });
}

export const setDirty = (dirty: boolean) => invoke<null>("set_dirty", { dirty });

export const closeWindow = () => invoke<null>("close_window");

export function errorMessage(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error) {
    return String((error as ApiError).message);
  }
  return String(error);
}
