// The Dockerfile editor: CodeMirror with highlighting, line numbers, search, undo, live lint,
// quick fixes and the failed-build marker, behind a small API for the rest of the app.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { lintGutter, lintKeymap } from "@codemirror/lint";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { Compartment, EditorSelection, EditorState, type Extension } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  type ViewUpdate,
} from "@codemirror/view";
import { buildErrorField, setBuildError, type BuildError } from "./build-error";
import { dockerfileLanguage } from "./dockerfile-language";
import { lintFindings } from "./lint-state";
import { minimalChange } from "./minimal-change";
import { openQuickFixes, quickFixMenu } from "./quick-fix";
import { editorTheme } from "./theme";

/** The nonce Tauri put on index.html's carrier `<style>` (absent outside Tauri). */
function cspNonce(): string | undefined {
  return document.querySelector<HTMLStyleElement>("style[nonce]")?.nonce || undefined;
}

function readOnly(on: boolean): Extension {
  return on ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : [];
}

export class Editor {
  readonly view: EditorView;
  private readonly access = new Compartment();
  private readonly extensions: Extension;

  constructor(parent: HTMLElement, onUpdate: (update: ViewUpdate) => void) {
    const nonce = cspNonce();
    this.extensions = [
      nonce ? EditorView.cspNonce.of(nonce) : [],
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightActiveLine(),
      drawSelection(),
      history(),
      search({ top: true }),
      highlightSelectionMatches(),
      dockerfileLanguage,
      editorTheme,
      lintGutter(),
      lintFindings,
      quickFixMenu,
      buildErrorField,
      keymap.of([
        { key: "Mod-.", run: openQuickFixes },
        ...defaultKeymap,
        ...historyKeymap,
        ...searchKeymap,
        ...lintKeymap,
        indentWithTab,
      ]),
      EditorView.contentAttributes.of({ "aria-label": "Dockerfile editor" }),
      EditorView.updateListener.of(onUpdate),
    ];
    this.view = new EditorView({ parent, state: this.newState("", false) });
  }

  private newState(doc: string, locked: boolean) {
    return EditorState.create({ doc, extensions: [this.extensions, this.access.of(readOnly(locked))] });
  }

  text(): string {
    return this.view.state.doc.toString();
  }

  /** Shows another file: fresh undo history, cursor at the top. */
  load(text: string, locked = false) {
    this.view.setState(this.newState(text, locked));
  }

  /** Takes the disk's version of the same file as an edit, so the cursor stays put. */
  replaceText(text: string) {
    const change = minimalChange(this.text(), text);
    if (change) this.view.dispatch({ changes: change, userEvent: "reload" });
  }

  /** Moves the cursor to `pos` (clamped), scrolls it into view and focuses the editor. */
  goTo(pos: number) {
    const at = Math.min(pos, this.view.state.doc.length);
    this.view.dispatch({ selection: EditorSelection.cursor(at), scrollIntoView: true });
    this.view.focus();
  }

  goToLine(line: number) {
    const doc = this.view.state.doc;
    this.goTo(doc.line(Math.min(Math.max(line, 1), doc.lines)).from);
  }

  showBuildError(error: BuildError | null) {
    this.view.dispatch({ effects: setBuildError.of(error) });
  }

  openQuickFixes() {
    openQuickFixes(this.view);
  }
}
