// What to do when the open Dockerfile changed on disk.
import type { FileText, FileVersion } from "../bindings";

export type ReloadDecision =
  /** The disk holds what we know (our own save, or a touch): nothing to do. */
  | "unchanged"
  /** The disk holds exactly the buffer's text: take its version, the buffer is clean. */
  | "adopt"
  /** The buffer has no unsaved edits: take the disk's text silently. */
  | "reload"
  /** Both changed: the user decides. */
  | "prompt";

export function reloadDecision(
  buffer: { text: string; dirty: boolean; version: FileVersion | null },
  disk: FileText,
): ReloadDecision {
  if (buffer.version && buffer.version.hash === disk.version.hash) return "unchanged";
  if (disk.text === buffer.text) return "adopt";
  return buffer.dirty ? "prompt" : "reload";
}
