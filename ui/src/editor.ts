// The Dockerfile editor: highlighting, line numbers, history and live lint.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { defaultHighlightStyle, StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { dockerFile } from "@codemirror/legacy-modes/mode/dockerfile";
import { EditorState, type Extension } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";

/** The nonce Tauri put on index.html's carrier `<style>` (absent outside Tauri). */
function cspNonce(): string | undefined {
  return document.querySelector<HTMLStyleElement>("style[nonce]")?.nonce || undefined;
}

export function createEditor(parent: HTMLElement, doc: string, extra: Extension): EditorView {
  const nonce = cspNonce();
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        nonce ? EditorView.cspNonce.of(nonce) : [],
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        drawSelection(),
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        StreamLanguage.define(dockerFile),
        syntaxHighlighting(defaultHighlightStyle),
        EditorView.theme({
          "&": { height: "100%" },
          "&.cm-focused": { outline: "none" },
          ".cm-scroller": { fontFamily: "monospace" },
        }),
        extra,
      ],
    }),
  });
}
