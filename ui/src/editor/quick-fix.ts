// Quick fixes: Ctrl+. (Cmd+.) opens a menu of the fixes for the finding at the cursor; a fix's
// edits go in as one transaction, so one undo takes it back.
import { StateEffect, StateField, type ChangeSpec, type EditorState } from "@codemirror/state";
import { EditorView, showTooltip, type Tooltip } from "@codemirror/view";
import type { Diagnostic, QuickFix } from "../bindings";
import { lintFindings } from "./lint-state";

/** A fix's edits as one change set spec; all edits refer to the same (current) text. */
export function fixChanges(fix: QuickFix): ChangeSpec[] {
  return fix.edits.map((e) => ({ from: e.from, to: e.to, insert: e.insert }));
}

export function applyFix(view: EditorView, fix: QuickFix) {
  view.dispatch({ changes: fixChanges(fix), userEvent: "input.fix", effects: closeMenu.of(null) });
}

/** The findings with a fix at the cursor: those covering it, else those on its line. */
export function fixesAt(state: EditorState, pos: number): Diagnostic[] {
  const fixable = state.field(lintFindings).filter((d) => d.fix);
  const covering = fixable.filter((d) => d.from <= pos && pos <= d.to);
  if (covering.length > 0) return covering;
  const line = state.doc.lineAt(pos).number;
  return fixable.filter((d) => state.doc.lineAt(Math.min(d.from, state.doc.length)).number === line);
}

const openMenu = StateEffect.define<number>();
const closeMenu = StateEffect.define<null>();

export const quickFixMenu = StateField.define<number | null>({
  create: () => null,
  update(pos, tr) {
    for (const effect of tr.effects) {
      if (effect.is(openMenu)) return effect.value;
      if (effect.is(closeMenu)) return null;
    }
    return tr.docChanged || tr.selection ? null : pos;
  },
  provide: (field) => showTooltip.from(field, (pos) => (pos === null ? null : menuTooltip(pos))),
});

function moveFocus(menu: HTMLElement, step: number) {
  const items = [...menu.querySelectorAll<HTMLButtonElement>(".quick-fix")];
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  items[(at + step + items.length) % items.length]?.focus();
}

function menuTooltip(pos: number): Tooltip {
  return {
    pos,
    above: false,
    create(view) {
      const menu = document.createElement("div");
      menu.id = "quick-fix-menu";
      menu.setAttribute("role", "menu");
      menu.setAttribute("aria-label", "Quick fixes");
      const findings = fixesAt(view.state, pos);
      for (const d of findings) {
        const item = document.createElement("button");
        item.className = "quick-fix";
        item.setAttribute("role", "menuitem");
        item.textContent = `${d.fix!.title} (${d.code})`;
        item.addEventListener("click", () => {
          applyFix(view, d.fix!);
          view.focus();
        });
        menu.append(item);
      }
      if (findings.length === 0) {
        const empty = document.createElement("div");
        empty.className = "quick-fix-empty";
        empty.textContent = "No quick fix at the cursor";
        menu.append(empty);
      }
      menu.addEventListener("keydown", (event) => {
        if (event.key === "ArrowDown") moveFocus(menu, 1);
        else if (event.key === "ArrowUp") moveFocus(menu, -1);
        else if (event.key === "Escape") {
          view.dispatch({ effects: closeMenu.of(null) });
          view.focus();
        } else return;
        event.preventDefault();
        event.stopPropagation();
      });
      return {
        dom: menu,
        mount: () => menu.querySelector<HTMLButtonElement>(".quick-fix")?.focus(),
      };
    },
  };
}

/** Opens the menu at the cursor (the Ctrl+. command). */
export function openQuickFixes(view: EditorView): boolean {
  view.dispatch({ effects: openMenu.of(view.state.selection.main.head) });
  return true;
}

