import { ChangeSet, EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/bindings";
import { lintFindings, mapDiagnostic, setLintFindings } from "../src/editor/lint-state";
import { fixChanges, fixesAt } from "../src/editor/quick-fix";

const doc = "FROM ubuntu:latest\nRUN apt-get install curl\n";
const at = (text: string) => doc.indexOf(text);
const after = (text: string) => at(text) + text.length;

const pinTag: Diagnostic = {
  code: "DL3007",
  severity: "warning",
  message: "Using latest is prone to errors",
  from: at("ubuntu"),
  to: after("latest"),
  line: 1,
  fix: { title: "Pin the tag", safe: false, edits: [{ from: at("latest"), to: after("latest"), insert: "24.04" }] },
};

const noRecommends: Diagnostic = {
  code: "DL3015",
  severity: "info",
  message: "Avoid additional packages",
  from: at("apt-get"),
  to: after("curl"),
  line: 2,
  fix: {
    title: "Add --no-install-recommends and -y",
    safe: true,
    edits: [
      { from: after("install"), to: after("install"), insert: " -y" },
      { from: after("curl"), to: after("curl"), insert: " --no-install-recommends" },
    ],
  },
};

function stateWith(findings: Diagnostic[]) {
  const state = EditorState.create({ doc, extensions: [lintFindings] });
  return state.update({ effects: setLintFindings.of(findings) }).state;
}

describe("quick fixes", () => {
  it("applies all edits of a fix as one transaction on the original positions", () => {
    const state = stateWith([noRecommends]);
    const tr = state.update({ changes: fixChanges(noRecommends.fix!) });
    expect(tr.state.doc.toString()).toBe("FROM ubuntu:latest\nRUN apt-get install -y curl --no-install-recommends\n");
  });

  it("finds the fixes covering the cursor, else on its line", () => {
    const state = stateWith([pinTag, noRecommends]);
    expect(fixesAt(state, at("latest")).map((d) => d.code)).toEqual(["DL3007"]);
    expect(fixesAt(state, 0).map((d) => d.code)).toEqual(["DL3007"]);
    expect(fixesAt(state, at("RUN")).map((d) => d.code)).toEqual(["DL3015"]);
  });

  it("moves findings and their fixes with later edits", () => {
    let state = stateWith([noRecommends]);
    state = state.update({ changes: { from: 0, insert: "# syntax=docker/dockerfile:1\n" } }).state;
    const [moved] = state.field(lintFindings);
    const shift = "# syntax=docker/dockerfile:1\n".length;
    expect([moved.from, moved.to]).toEqual([noRecommends.from + shift, noRecommends.to + shift]);
    const fixed = state.update({ changes: fixChanges(moved.fix!) }).state.doc.toString();
    expect(fixed.endsWith("RUN apt-get install -y curl --no-install-recommends\n")).toBe(true);
  });

  it("maps a stale answer through the edits made after it was asked for", () => {
    const edits = ChangeSet.of({ from: at("RUN"), insert: "ENV A=1\n" }, doc.length);
    const moved = mapDiagnostic(noRecommends, edits);
    expect([moved.from, moved.to, moved.fix!.edits[1].from]).toEqual([noRecommends.from + 8, noRecommends.to + 8, after("curl") + 8]);
    expect(mapDiagnostic(pinTag, edits)).toEqual(pinTag);
  });
});
