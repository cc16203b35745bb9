// The outline beside the editor: one entry per build stage.
import { byId, el } from "../dom";
import type { Stage } from "../editor/stages";

export function renderOutline(stages: Stage[], onPick: (stage: Stage) => void) {
  const items = stages.map((stage) => {
    const item = el(
      "button",
      { className: "outline-stage", type: "button", dataset: { line: String(stage.line) }, title: `line ${stage.line}` },
      el("span", { className: "stage-name" }, stage.name ?? `stage ${stage.index}`),
      el("span", { className: "stage-image" }, stage.image),
    );
    item.addEventListener("click", () => onPick(stage));
    return item;
  });
  byId("outline").replaceChildren(el("div", { className: "outline-title" }, "Stages"), ...items);
}
