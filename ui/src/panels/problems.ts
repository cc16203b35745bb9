// The Problems panel, the count badge on its tab and the counts in the status bar.
import type { Diagnostic, Severity } from "../bindings";
import { byId, el } from "../dom";

const ORDER: Severity[] = ["error", "warning", "info", "style"];
/** "2 warnings", but "2 info". */
const PLURAL_S = new Set<Severity>(["error", "warning"]);

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts = { error: 0, warning: 0, info: 0, style: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** What each list shows, per list element: most keystrokes leave the findings as they were
 * (only their offsets move), and rebuilding hundreds of rows would delay the next lint. */
const shown = new WeakMap<HTMLElement, string>();

/** Shows the findings (sorted by line); `onPick` gets the index of a clicked one. */
export function renderProblems(diagnostics: readonly Diagnostic[], configProblems: readonly string[], onPick: (index: number) => void) {
  const list = byId("problems");
  const key = JSON.stringify([configProblems, diagnostics.map((d) => [d.code, d.severity, d.line, d.message])]);
  if (shown.get(list) === key) return;
  shown.set(list, key);
  const rows = diagnostics
    .map((d, index) => ({ d, index }))
    .sort((a, b) => a.d.line - b.d.line || ORDER.indexOf(a.d.severity) - ORDER.indexOf(b.d.severity))
    .map(({ d, index }) => {
      const row = el(
        "li",
        { className: `problem severity-${d.severity}`, dataset: { code: d.code, line: String(d.line) }, tabIndex: 0 },
        el("span", { className: "problem-severity" }, d.severity),
        el("span", { className: "problem-code" }, d.code),
        el("span", { className: "problem-message" }, d.message),
        el("span", { className: "problem-line" }, `line ${d.line}`),
      );
      row.addEventListener("click", () => onPick(index));
      row.addEventListener("keydown", (event) => {
        if (event.key === "Enter") onPick(index);
      });
      return row;
    });
  const config = configProblems.map((p) => el("li", { className: "problem config-problem severity-warning" }, p));
  const empty = rows.length + config.length === 0 ? [el("li", { className: "muted" }, "No problems found")] : [];
  list.replaceChildren(...config, ...rows, ...empty);
  byId("problem-count").textContent = String(diagnostics.length);

  const counts = countBySeverity(diagnostics);
  byId("problem-summary").textContent = ORDER.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}${counts[s] > 1 && PLURAL_S.has(s) ? "s" : ""}`)
    .join(" · ") || "no problems";
}
