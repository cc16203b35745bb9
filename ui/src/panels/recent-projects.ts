// The Recent projects menu in the header.
import type { RecentProject } from "../bindings";
import { byId, el } from "../dom";

export function renderRecentProjects(projects: RecentProject[], onPick: (root: string) => void) {
  const items = projects.map((p) => {
    const button = el("button", { className: "recent-project", type: "button", title: p.root, dataset: { root: p.root } }, p.name);
    button.setAttribute("role", "menuitem");
    button.addEventListener("click", () => onPick(p.root));
    return el("li", {}, button);
  });
  byId("recent-list").replaceChildren(...(items.length > 0 ? items : [el("li", { className: "muted" }, "no recent projects")]));
}
