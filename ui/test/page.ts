// Loads index.html's body into the test document, as the app expects to find it.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * happy-dom fires `selectionchange` synchronously when CodeMirror sets the DOM selection
 * inside its own update, and CodeMirror refuses the nested update that follows (browsers queue
 * the event). The tests set selections through transactions, so CodeMirror needs none of it.
 */
function ignoreSelectionChange() {
  window.addEventListener("selectionchange", (event) => event.stopImmediatePropagation(), true);
}

export function loadPage() {
  ignoreSelectionChange();
  const html = readFileSync(join(import.meta.dirname, "..", "index.html"), "utf8");
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)![1];
}

export function press(target: EventTarget, key: string, mods: { ctrl?: boolean; shift?: boolean } = {}) {
  target.dispatchEvent(
    new KeyboardEvent("keydown", { key, ctrlKey: mods.ctrl ?? false, shiftKey: mods.shift ?? false, bubbles: true, cancelable: true }),
  );
}
