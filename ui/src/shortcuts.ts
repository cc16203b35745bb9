// The app's keyboard shortcuts, handled at the window so they work wherever the focus is
// (the editor's own keymap answers first for the keys it knows, like Ctrl+. there).
import { byId, el } from "./dom";

export interface Shortcut {
  keys: string;
  description: string;
  /** `mod` is Ctrl, or Cmd on a Mac. */
  matches: (event: KeyboardEvent, mod: boolean) => boolean;
  run: (event: KeyboardEvent) => void;
  /** Only when the focus is not in a text field (keys that type text). */
  outsideText?: boolean;
  /** Lets the key through unless this returns true (Esc belongs to dialogs and search too). */
  when?: () => boolean;
}

const key = (event: KeyboardEvent) => event.key.toLowerCase();

export const shortcutKeys = {
  build: (e: KeyboardEvent, mod: boolean) => mod && !e.shiftKey && key(e) === "b",
  test: (e: KeyboardEvent, mod: boolean) => mod && e.shiftKey && key(e) === "b",
  save: (e: KeyboardEvent, mod: boolean) => mod && key(e) === "s",
  open: (e: KeyboardEvent, mod: boolean) => mod && key(e) === "o",
  quickFix: (e: KeyboardEvent, mod: boolean) => mod && e.key === ".",
  tab: (e: KeyboardEvent, mod: boolean) => mod && !e.shiftKey && /^[1-4]$/.test(e.key),
  escape: (e: KeyboardEvent) => e.key === "Escape",
  help: (e: KeyboardEvent, mod: boolean) => !mod && e.key === "?",
};

function inTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** Installs `shortcuts` and lists them, with `alsoList` (keys handled elsewhere), in the help dialog. */
export function installShortcuts(shortcuts: Shortcut[], alsoList: { keys: string; description: string }[] = []) {
  window.addEventListener("keydown", (event) => {
    if (event.defaultPrevented) return;
    const mod = event.ctrlKey || event.metaKey;
    const shortcut = shortcuts.find(
      (s) => s.matches(event, mod) && !(s.outsideText && inTextField(event.target)) && (s.when?.() ?? true),
    );
    if (!shortcut) return;
    event.preventDefault();
    shortcut.run(event);
  });
  byId("shortcut-list").replaceChildren(
    ...[...shortcuts, ...alsoList].flatMap((s) => [el("dt", {}, el("kbd", {}, s.keys)), el("dd", {}, s.description)]),
  );
}
