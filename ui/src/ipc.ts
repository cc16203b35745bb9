// Typed wrappers over the desktop shell's commands (src-tauri/src/commands.rs).
import { invoke } from "@tauri-apps/api/core";

/** A lint finding; `from`/`to` are UTF-16 offsets, as CodeMirror counts. */
export interface Diagnostic {
  code: string;
  severity: "error" | "warning" | "info" | "style";
  message: string;
  from: number;
  to: number;
}

export interface Project {
  name: string;
  root: string;
  dockerfile: string;
  source: string;
}

/** What a command rejects with. */
export interface IpcError {
  code: string;
  message: string;
}

export const lintDockerfile = (source: string) =>
  invoke<Diagnostic[]>("lint_dockerfile", { source });

export const currentProject = () => invoke<Project | null>("current_project");

export function errorMessage(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error) {
    return String((error as IpcError).message);
  }
  return String(error);
}
