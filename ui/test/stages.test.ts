import { describe, expect, it } from "vitest";
import { extractStages } from "../src/editor/stages";

describe("stages", () => {
  it("lists FROM lines with their images, names and lines", () => {
    const text = "# syntax=docker/dockerfile:1\nFROM node:20 AS build\nRUN npm ci\n\nfrom --platform=$BUILDPLATFORM gcr.io/distroless/nodejs20 as runtime\nFROM scratch\n";
    expect(extractStages(text)).toEqual([
      { index: 0, image: "node:20", name: "build", line: 2 },
      { index: 1, image: "gcr.io/distroless/nodejs20", name: "runtime", line: 5 },
      { index: 2, image: "scratch", name: null, line: 6 },
    ]);
  });

  it("reads a FROM continued over lines, with the escape directive", () => {
    const text = "# escape=`\nFROM `\n  mcr.microsoft.com/windows `\n  AS win\nRUN dir C:\\\n";
    expect(extractStages(text)).toMatchObject([{ image: "mcr.microsoft.com/windows", name: "win", line: 2 }]);
  });

  it("does not take FROM inside a heredoc body for a stage", () => {
    const text = "FROM alpine\nCOPY <<EOF /notes.txt\nFROM here on it is text\nEOF\nFROM busybox AS last\n";
    expect(extractStages(text).map((s) => s.name ?? s.image)).toEqual(["alpine", "last"]);
  });
});
