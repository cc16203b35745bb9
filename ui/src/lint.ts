// Live lint: CodeMirror's linter asks the Rust core on every change, debounced.
import { linter, lintGutter, type Diagnostic as EditorDiagnostic } from "@codemirror/lint";
import type { Extension } from "@codemirror/state";
import { errorMessage, lintDockerfile, type Diagnostic } from "./ipc";

const DEBOUNCE_MS = 150;

// CodeMirror has no "style" severity; its "hint" is the closest (the mildest marker).
const SEVERITY = {
  error: "error",
  warning: "warning",
  info: "info",
  style: "hint",
} as const satisfies Record<Diagnostic["severity"], EditorDiagnostic["severity"]>;

export function toEditorDiagnostic(d: Diagnostic): EditorDiagnostic {
  return { from: d.from, to: d.to, severity: SEVERITY[d.severity], source: d.code, message: d.message };
}

/** Lint squiggles, gutter markers and hover messages for the Dockerfile at `path` (relative
 * to the project); `report` hears each result. */
export function liveLint(
  path: string,
  report: (diagnostics: Diagnostic[] | Error) => void,
): Extension {
  return [
    lintGutter(),
    linter(
      async (view) => {
        try {
          const { diagnostics } = await lintDockerfile(path, view.state.doc.toString());
          report(diagnostics);
          return diagnostics.map(toEditorDiagnostic);
        } catch (error) {
          report(new Error(errorMessage(error)));
          return [];
        }
      },
      { delay: DEBOUNCE_MS },
    ),
  ];
}
