// Lints on every change with no debounce: a request goes out as soon as the previous one is
// answered, and edits made meanwhile ride on the next one. A late answer is mapped through the
// edits made since it was sent, so squiggles never jump. Performance marks time each edit and
// each request to the moment its findings are shown (the benchmark reads them).
import { setDiagnostics, type Diagnostic as EditorDiagnostic } from "@codemirror/lint";
import { ChangeSet } from "@codemirror/state";
import type { EditorView, ViewUpdate } from "@codemirror/view";
import type { Diagnostic, LintResult } from "../bindings";
import { errorMessage } from "../ipc";
import { lintFindings, mapDiagnostic, setLintFindings } from "./lint-state";
import { applyFix } from "./quick-fix";
import { ruleDocCard } from "./rule-doc";

// CodeMirror has no "style" severity; "hint" is its mildest marker.
const SEVERITY = {
  error: "error",
  warning: "warning",
  info: "info",
  style: "hint",
} as const satisfies Record<Diagnostic["severity"], EditorDiagnostic["severity"]>;

/** `d` for CodeMirror; `index` is its place in the findings, which hold its moved fix. */
export function toEditorDiagnostic(d: Diagnostic, index: number): EditorDiagnostic {
  return {
    from: d.from,
    to: d.to,
    severity: SEVERITY[d.severity],
    message: d.message,
    renderMessage: () => ruleDocCard(d),
    actions: d.fix ? [{ name: d.fix.title, apply: (view) => applyFix(view, view.state.field(lintFindings)[index].fix!) }] : [],
  };
}

export type Lint = (source: string) => Promise<LintResult>;

interface Request {
  edits: number[];
  sent: string;
  changes: ChangeSet;
  generation: number;
}

export class LiveLint {
  private edits = 0;
  private requests = 0;
  private unsent: number[] = [];
  private inFlight: Request | null = null;
  private queued = false;
  private generation = 0;

  constructor(
    private readonly view: () => EditorView,
    private readonly lint: Lint,
    private readonly onResult: (result: LintResult | Error) => void,
  ) {}

  /** The editor's update listener calls this for every update. */
  onUpdate(update: ViewUpdate) {
    if (!update.docChanged) return;
    const edit = ++this.edits;
    performance.mark(`drydock:edit:${edit}`);
    this.unsent.push(edit);
    if (this.inFlight) this.inFlight.changes = this.inFlight.changes.compose(update.changes);
    else this.schedule();
  }

  /** Lints the current text now (a new document, or the lint config changed). */
  refresh() {
    if (this.inFlight) this.queued = true;
    else this.schedule();
  }

  /** Forgets answers still on their way: they belong to a document no longer shown. */
  reset() {
    this.generation++;
    this.inFlight = null;
    this.unsent = [];
  }

  private schedule() {
    this.queued = true;
    // Edits dispatched in the same task go out together.
    queueMicrotask(() => {
      if (this.queued && !this.inFlight) this.send();
    });
  }

  private send() {
    this.queued = false;
    const state = this.view().state;
    const id = ++this.requests;
    const sent = `drydock:lint-sent:${id}`;
    performance.mark(sent);
    const request: Request = {
      edits: this.unsent,
      sent,
      changes: ChangeSet.empty(state.doc.length),
      generation: this.generation,
    };
    this.unsent = [];
    this.inFlight = request;
    this.lint(state.doc.toString()).then(
      (result) => this.answered(request, result),
      (error) => this.answered(request, new Error(errorMessage(error))),
    );
  }

  private answered(request: Request, result: LintResult | Error) {
    if (request.generation !== this.generation) return;
    this.inFlight = null;
    if (!(result instanceof Error)) {
      const diagnostics = result.diagnostics.map((d) => mapDiagnostic(d, request.changes));
      const view = this.view();
      view.dispatch(setDiagnostics(view.state, diagnostics.map(toEditorDiagnostic)), {
        effects: setLintFindings.of(diagnostics),
      });
      this.measure(request);
      result = { ...result, diagnostics };
    }
    this.onResult(result);
    if (this.queued || this.unsent.length > 0) this.send();
  }

  private measure(request: Request) {
    for (const edit of request.edits) {
      const mark = `drydock:edit:${edit}`;
      performance.measure("drydock:keystroke-to-diagnostics", mark);
      performance.clearMarks(mark);
    }
    performance.measure("drydock:lint-sent-to-diagnostics", request.sent);
    performance.clearMarks(request.sent);
  }
}
