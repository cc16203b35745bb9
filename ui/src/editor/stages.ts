// The build stages of a Dockerfile (its FROM instructions), for the outline.
import { initialLineState, scanLine } from "./dockerfile-lines";

export interface Stage {
  /** 0-based, in file order, as `COPY --from=<index>` counts. */
  index: number;
  image: string;
  name: string | null;
  /** 1-based line of the FROM keyword. */
  line: number;
}

function parseFrom(args: string): { image: string; name: string | null } {
  const words = args.split(/\s+/).filter((w) => w !== "" && !w.startsWith("--"));
  const named = words.length >= 3 && words[1].toUpperCase() === "AS";
  return { image: words[0] ?? "", name: named ? words[2] : null };
}

export function extractStages(text: string): Stage[] {
  const state = initialLineState();
  const stages: Stage[] = [];
  let open: { line: number; args: string } | null = null;
  const close = () => {
    if (open) stages.push({ index: stages.length, line: open.line, ...parseFrom(open.args) });
    open = null;
  };
  text.split("\n").forEach((line, i) => {
    const kind = scanLine(state, line);
    let args = line;
    if (kind === "instruction") {
      close();
      const match = /^\s*FROM\b(.*)$/i.exec(line);
      if (match) open = { line: i + 1, args: "" };
      args = match?.[1] ?? "";
    }
    if (open && (kind === "instruction" || kind === "continuation")) {
      open.args += ` ${state.continues ? args.trimEnd().slice(0, -1) : args}`;
    }
    if (open && !state.continues && kind !== "comment" && kind !== "blank") close();
  });
  close();
  return stages;
}
