// Dockerfile highlighting as a stream parser: instructions, flags, strings, variables, stage
// names, parser directives, and heredoc bodies highlighted as one string block.
import { StreamLanguage, type StringStream } from "@codemirror/language";
import { heredocMarkers, initialLineState, scanLine, type LineKind, type LineState } from "./dockerfile-lines";

const INSTRUCTIONS = new Set([
  "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
  "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
]);

interface HighlightState extends LineState {
  kind: LineKind;
  /** The instruction's keyword is still to come on this line. */
  atKeyword: boolean;
  /** Where a FROM instruction is: before `AS`, right after it (the stage name), or done. */
  from: "image" | "as" | "name" | "done" | null;
}

function startState(): HighlightState {
  return { ...initialLineState(), kind: "blank", atKeyword: false, from: null };
}

function beginLine(stream: StringStream, state: HighlightState) {
  state.kind = scanLine(state, stream.string);
  state.atKeyword = state.kind === "instruction";
}

function keyword(stream: StringStream, state: HighlightState): string {
  stream.match(/^[A-Za-z]+/);
  const word = stream.current().toUpperCase();
  // ONBUILD wraps another instruction, whose keyword follows.
  state.atKeyword = word === "ONBUILD";
  state.from = word === "FROM" ? "image" : null;
  return INSTRUCTIONS.has(word) ? "keyword" : "invalid";
}

function quoted(stream: StringStream, quote: string, escape: string): string {
  stream.next();
  while (!stream.eol()) {
    const ch = stream.next();
    if (ch === escape) stream.next();
    else if (ch === quote) break;
  }
  return "string";
}

function fromWord(stream: StringStream, state: HighlightState): string | null {
  stream.match(/^\S+/);
  const word = stream.current();
  if (state.from === "as") {
    state.from = "done";
    return "labelName";
  }
  if (state.from === "name" && word.toUpperCase() === "AS") {
    state.from = "as";
    return "keyword";
  }
  state.from = "name";
  return "typeName";
}

function argument(stream: StringStream, state: HighlightState): string | null {
  const ch = stream.peek()!;
  const rest = stream.string.slice(stream.pos);
  if (ch === state.escape) {
    stream.next();
    if (rest.trim() === ch) {
      stream.skipToEnd();
      return "escape";
    }
    stream.next();
    return null;
  }
  if (ch === "<") {
    const marker = heredocMarkers(stream.string).find((m) => m.start === stream.pos);
    // Only markers the line scanner took as heredocs (RUN, COPY, ADD) open a body.
    if (marker && state.pending.length > 0) {
      stream.pos = marker.end;
      return "string.special";
    }
  }
  if (ch === '"' || ch === "'") return quoted(stream, ch, state.escape);
  if (stream.match(/^\$(\{[^}]*\}?|[A-Za-z_][A-Za-z0-9_]*)/)) return "variableName";
  if (stream.match(/^--[A-Za-z][A-Za-z0-9-]*(=\S*)?/)) return "attributeName";
  if (state.from && state.from !== "done") return fromWord(stream, state);
  stream.match(/^[^\s"'$<]+/) || stream.next();
  return null;
}

function token(stream: StringStream, state: HighlightState): string | null {
  if (stream.sol()) beginLine(stream, state);
  switch (state.kind) {
    case "directive":
      stream.skipToEnd();
      return "meta";
    case "comment":
      stream.skipToEnd();
      return "comment";
    case "heredoc":
      stream.skipToEnd();
      return "string";
    case "heredocEnd":
      stream.skipToEnd();
      return "string.special";
  }
  if (stream.eatSpace()) return null;
  if (state.atKeyword) return keyword(stream, state);
  return argument(stream, state);
}

function blankLine(state: HighlightState) {
  state.kind = scanLine(state, "");
}

export const dockerfileLanguage = StreamLanguage.define<HighlightState>({
  name: "dockerfile",
  startState,
  token,
  blankLine,
  languageData: { commentTokens: { line: "#" } },
});
