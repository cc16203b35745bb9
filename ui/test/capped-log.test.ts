import { describe, expect, it } from "vitest";
import { CappedLog } from "../src/build/capped-log";

describe("capped log", () => {
  it("splits text into lines and normalises line ends", () => {
    const log = new CappedLog(10);
    expect(log.push("a\r\nb\rc\n")).toEqual({ added: ["a", "b", "c"], dropped: 0 });
    expect(log.length).toBe(3);
  });

  it("drops the oldest lines past the cap", () => {
    const log = new CappedLog(3);
    log.push("1\n2");
    expect(log.push("3\n4\n5")).toEqual({ added: ["3", "4", "5"], dropped: 2 });
    expect(log.length).toBe(3);
  });

  it("keeps only the tail of a chunk longer than the cap", () => {
    const log = new CappedLog(2);
    log.push("old");
    expect(log.push("1\n2\n3\n4")).toEqual({ added: ["3", "4"], dropped: 1 });
    log.clear();
    expect(log.length).toBe(0);
  });
});
