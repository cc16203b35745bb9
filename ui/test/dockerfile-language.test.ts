// classHighlighter names: flags (attributeName) read tok-propertyName, special strings tok-string2.
import { ensureSyntaxTree } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { classHighlighter, highlightTree } from "@lezer/highlight";
import { describe, expect, it } from "vitest";
import { dockerfileLanguage } from "../src/editor/dockerfile-language";

/** Each highlighted span of `text` as [its text, its classes]. */
function spans(text: string): [string, string][] {
  const state = EditorState.create({ doc: text, extensions: [dockerfileLanguage] });
  const tree = ensureSyntaxTree(state, text.length, 5000)!;
  const out: [string, string][] = [];
  highlightTree(tree, classHighlighter, (from, to, classes) => out.push([text.slice(from, to), classes]));
  return out;
}

function classOf(text: string, fragment: string): string | undefined {
  return spans(text).find(([t]) => t === fragment)?.[1];
}

describe("dockerfile highlighting", () => {
  it("colours instructions, flags, strings, variables, images and stage names", () => {
    const text = 'FROM --platform=$BUILDPLATFORM node:20 AS build\nRUN echo "hi $NAME" ${HOME}\n';
    const got = spans(text);
    expect(got).toContainEqual(["FROM", "tok-keyword"]);
    expect(got).toContainEqual(["--platform=$BUILDPLATFORM", "tok-propertyName"]);
    expect(got).toContainEqual(["node:20", "tok-typeName"]);
    expect(got).toContainEqual(["AS", "tok-keyword"]);
    expect(got).toContainEqual(["build", "tok-labelName"]);
    expect(got).toContainEqual(['"hi $NAME"', "tok-string"]);
    expect(got).toContainEqual(["${HOME}", "tok-variableName"]);
  });

  it("highlights a heredoc body as one string block, not as instructions", () => {
    const text = "FROM alpine\nRUN <<EOF\nset -e\nRUN this is shell, not an instruction\nEOF\nCOPY <<-CONF /etc/app.conf\n\tkey=value\n\tCONF\nUSER app\n";
    const got = spans(text);
    expect(got).toContainEqual(["<<EOF", "tok-string2"]);
    expect(got).toContainEqual(["set -e", "tok-string"]);
    expect(got).toContainEqual(["RUN this is shell, not an instruction", "tok-string"]);
    expect(got).toContainEqual(["EOF", "tok-string2"]);
    expect(got).toContainEqual(["\tkey=value", "tok-string"]);
    expect(got).toContainEqual(["\tCONF", "tok-string2"]);
    // After the terminator, instructions are instructions again.
    expect(got).toContainEqual(["USER", "tok-keyword"]);
  });

  it("opens several heredocs of one instruction in order", () => {
    const text = "COPY <<A <<B /dst/\na body\nA\nb body\nB\nRUN true\n";
    const got = spans(text);
    expect(got).toContainEqual(["a body", "tok-string"]);
    expect(got).toContainEqual(["b body", "tok-string"]);
    expect(got).toContainEqual(["RUN", "tok-keyword"]);
  });

  it("does not take here-strings or heredocs of other instructions for bodies", () => {
    const text = "RUN cat <<<word\nENV X=1\nLABEL a=<<EOF\nUSER x\n";
    expect(classOf(text, "ENV")).toBe("tok-keyword");
    expect(classOf(text, "USER")).toBe("tok-keyword");
  });

  it("follows the escape directive for line continuations", () => {
    const text = "# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir C:\\ `\n    && echo done\nUSER app\n";
    const got = spans(text);
    expect(got).toContainEqual(["# escape=`", "tok-meta"]);
    expect(got).toContainEqual(["`", "tok-string2"]);
    // The continued line is arguments, not an instruction named "&&".
    expect(got.find(([t]) => t === "&&")?.[1]).toBeUndefined();
    expect(got).toContainEqual(["USER", "tok-keyword"]);
  });

  it("takes directives only at the top, and comments inside continuations", () => {
    const text = "# syntax=docker/dockerfile:1\nFROM alpine\n# escape=`\nRUN a \\\n# a comment\n  b\n";
    const got = spans(text);
    expect(got).toContainEqual(["# syntax=docker/dockerfile:1", "tok-meta"]);
    expect(got).toContainEqual(["# escape=`", "tok-comment"]);
    expect(got).toContainEqual(["# a comment", "tok-comment"]);
    expect(got.find(([t]) => t === "b")?.[1]).toBeUndefined();
  });

  it("flags unknown instructions", () => {
    expect(classOf("FORM alpine\n", "FORM")).toBe("tok-invalid");
  });
});
