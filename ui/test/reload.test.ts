import { describe, expect, it } from "vitest";
import type { FileText } from "../src/bindings";
import { reloadDecision } from "../src/document/reload-decision";
import { minimalChange } from "../src/editor/minimal-change";

const version = (hash: string) => ({ modifiedMs: 1, len: 1, hash });
const disk = (text: string, hash: string): FileText => ({ path: "Dockerfile", text, version: version(hash) });

describe("reload decision", () => {
  it("reloads a clean buffer silently and asks for a dirty one", () => {
    expect(reloadDecision({ text: "FROM a", dirty: false, version: version("1") }, disk("FROM b", "2"))).toBe("reload");
    expect(reloadDecision({ text: "FROM mine", dirty: true, version: version("1") }, disk("FROM b", "2"))).toBe("prompt");
  });

  it("does nothing for the version it already has (its own save)", () => {
    expect(reloadDecision({ text: "FROM edited", dirty: true, version: version("1") }, disk("FROM a", "1"))).toBe("unchanged");
  });

  it("adopts a disk version equal to the buffer", () => {
    expect(reloadDecision({ text: "FROM b", dirty: true, version: version("1") }, disk("FROM b", "2"))).toBe("adopt");
    expect(reloadDecision({ text: "FROM b", dirty: false, version: null }, disk("FROM b", "2"))).toBe("adopt");
  });
});

describe("minimal change", () => {
  it("replaces only the differing middle", () => {
    expect(minimalChange("FROM a\nRUN x\n", "FROM a\nRUN yz\n")).toEqual({ from: 11, to: 12, insert: "yz" });
    expect(minimalChange("abc", "abXbc")).toEqual({ from: 2, to: 2, insert: "Xb" });
    expect(minimalChange("aaa", "aa")).toEqual({ from: 2, to: 3, insert: "" });
    expect(minimalChange("same", "same")).toBeNull();
  });

  it("turns the old text into the new one", () => {
    const cases = [["", "new"], ["old", ""], ["abcabc", "abc"], ["x\ny\nz", "x\nq\nz\n"]];
    for (const [before, after] of cases) {
      const c = minimalChange(before, after)!;
      expect(before.slice(0, c.from) + c.insert + before.slice(c.to)).toBe(after);
    }
  });
});
