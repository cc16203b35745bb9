// Marks the line of a failed build step in the editor, with the build's error message.
import { StateEffect, StateField, type Range } from "@codemirror/state";
import { Decoration, EditorView, WidgetType, type DecorationSet } from "@codemirror/view";

export interface BuildError {
  /** 1-based. */
  line: number;
  message: string;
}

export const setBuildError = StateEffect.define<BuildError | null>();

class MessageWidget extends WidgetType {
  constructor(readonly message: string) {
    super();
  }
  eq(other: MessageWidget) {
    return other.message === this.message;
  }
  toDOM() {
    const span = document.createElement("span");
    span.className = "cm-build-error-message";
    span.textContent = this.message.split("\n").find((l) => l.trim() !== "") ?? this.message;
    span.title = this.message;
    return span;
  }
}

function decorate(doc: EditorView["state"]["doc"], error: BuildError): DecorationSet {
  if (error.line < 1 || error.line > doc.lines) return Decoration.none;
  const line = doc.line(error.line);
  const marks: Range<Decoration>[] = [
    Decoration.line({ class: "cm-build-error-line", attributes: { title: error.message } }).range(line.from),
    Decoration.widget({ widget: new MessageWidget(error.message), side: 1 }).range(line.to),
  ];
  return Decoration.set(marks);
}

export const buildErrorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const effect of tr.effects) {
      if (effect.is(setBuildError)) return effect.value ? decorate(tr.state.doc, effect.value) : Decoration.none;
    }
    return marks.map(tr.changes);
  },
  provide: (field) => EditorView.decorations.from(field),
});
