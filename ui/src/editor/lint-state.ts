// The Rust linter's findings as the editor holds them: positions (and quick-fix edits) follow
// later edits, so a fix always applies to the text the user sees.
import { StateEffect, StateField, type ChangeDesc } from "@codemirror/state";
import type { Diagnostic, TextEdit } from "../bindings";

export const setLintFindings = StateEffect.define<readonly Diagnostic[]>();

function mapEdit(edit: TextEdit, changes: ChangeDesc): TextEdit {
  const from = changes.mapPos(edit.from, 1);
  return { ...edit, from, to: Math.max(from, changes.mapPos(edit.to, -1)) };
}

/** `d` moved through `changes`, its quick fix included. */
export function mapDiagnostic(d: Diagnostic, changes: ChangeDesc): Diagnostic {
  const from = changes.mapPos(d.from, 1);
  const to = Math.max(from, changes.mapPos(d.to, -1));
  const fix = d.fix && { ...d.fix, edits: d.fix.edits.map((e) => mapEdit(e, changes)) };
  return { ...d, from, to, fix };
}

export const lintFindings = StateField.define<readonly Diagnostic[]>({
  create: () => [],
  update(findings, tr) {
    for (const effect of tr.effects) if (effect.is(setLintFindings)) return effect.value;
    return tr.docChanged ? findings.map((d) => mapDiagnostic(d, tr.changes)) : findings;
  },
});
