// Classifies Dockerfile lines the way BuildKit's parser reads them: parser directives at the
// top, comments, instructions and their continuation lines (the escape character may be
// changed by `# escape=`), and heredoc bodies, which are data and never instructions. Shared by
// the highlighter and the outline so both agree on what is an instruction.

export interface HeredocMarker {
  delimiter: string;
  /** `<<-EOF`: leading tabs are stripped, also from the terminator line. */
  stripTabs: boolean;
  /** Offsets of the marker (`<<-"EOF"`) in its line. */
  start: number;
  end: number;
}

export type LineKind =
  | "directive"
  | "comment"
  | "blank"
  | "instruction"
  | "continuation"
  | "heredoc"
  | "heredocEnd";

export interface LineState {
  escape: string;
  /** Still at the top of the file, where parser directives may stand. */
  directives: boolean;
  /** The last instruction line ended with the escape character. */
  continues: boolean;
  /** The instruction being read (after ONBUILD, the one it wraps), upper case. */
  instruction: string | null;
  /** Heredocs opened by the current instruction; their bodies follow it in order. */
  pending: HeredocMarker[];
  heredoc: HeredocMarker | null;
}

const DIRECTIVE = /^#\s*(escape|syntax|check)\s*=\s*(\S*)\s*$/i;
const MARKER = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2/g;
const WORD = /^\s*([A-Za-z]+)(?:\s+([A-Za-z]+))?/;
const HEREDOC_INSTRUCTIONS = new Set(["RUN", "COPY", "ADD"]);

export function initialLineState(): LineState {
  return { escape: "\\", directives: true, continues: false, instruction: null, pending: [], heredoc: null };
}

/** The heredoc markers in a line (`<<EOF`, `<<-EOF`, `<<"EOF"`), not here-strings (`<<<`). */
export function heredocMarkers(line: string): HeredocMarker[] {
  const markers: HeredocMarker[] = [];
  for (const m of line.matchAll(MARKER)) {
    if (line[m.index - 1] === "<") continue;
    markers.push({ delimiter: m[3], stripTabs: m[1] === "-", start: m.index, end: m.index + m[0].length });
  }
  return markers;
}

function endsWithEscape(line: string, escape: string): boolean {
  return line.trimEnd().endsWith(escape);
}

function isTerminator(line: string, marker: HeredocMarker): boolean {
  return (marker.stripTabs ? line.replace(/^\t+/, "") : line) === marker.delimiter;
}

/** Classifies the next line and advances `state` past it. */
export function scanLine(state: LineState, line: string): LineKind {
  if (!state.heredoc && !state.continues && state.pending.length > 0) {
    state.heredoc = state.pending.shift()!;
  }
  if (state.heredoc) {
    if (!isTerminator(line, state.heredoc)) return "heredoc";
    state.heredoc = state.pending.shift() ?? null;
    return "heredocEnd";
  }
  const trimmed = line.trim();
  if (trimmed.startsWith("#")) {
    const directive = state.directives && !state.continues ? DIRECTIVE.exec(trimmed) : null;
    if (directive) {
      if (directive[1].toLowerCase() === "escape" && (directive[2] === "`" || directive[2] === "\\")) {
        state.escape = directive[2];
      }
      return "directive";
    }
    // A comment inside a continued instruction is dropped; the instruction goes on.
    state.directives = false;
    return "comment";
  }
  state.directives = false;
  if (trimmed === "") return "blank";
  const kind = state.continues ? "continuation" : "instruction";
  if (kind === "instruction") {
    const words = WORD.exec(line);
    const first = words?.[1].toUpperCase() ?? null;
    state.instruction = first === "ONBUILD" ? (words?.[2]?.toUpperCase() ?? null) : first;
  }
  if (state.instruction && HEREDOC_INSTRUCTIONS.has(state.instruction)) {
    state.pending.push(...heredocMarkers(line));
  }
  state.continues = endsWithEscape(line, state.escape);
  return kind;
}
