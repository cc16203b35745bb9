// The tabbed panels under the editor.
import { byId } from "../dom";

export const TABS = ["problems", "build", "test", "history"] as const;
export type Tab = (typeof TABS)[number];

export function selectTab(tab: Tab) {
  for (const name of TABS) {
    const selected = name === tab;
    byId(`tab-${name}`).setAttribute("aria-selected", String(selected));
    byId(`panel-${name}`).hidden = !selected;
  }
}

export function initTabs(onSelect: (tab: Tab) => void) {
  for (const name of TABS) {
    byId(`tab-${name}`).addEventListener("click", () => {
      selectTab(name);
      onSelect(name);
    });
  }
}
