import { describe, expect, it, vi } from "vitest";
import type { DaemonStatus, Diagnostic, RuleDoc } from "../src/bindings";
import { describeDaemon } from "../src/daemon-status";
import { cachedRuleDoc } from "../src/editor/rule-doc";
import { formatBytes, formatDuration, shortImageId } from "../src/format";
import { countBySeverity, renderProblems } from "../src/panels/problems";
import { initialTheme } from "../src/theme";

const daemon: DaemonStatus = {
  connected: true,
  version: "26.1.4",
  apiVersion: "1.45",
  buildkit: true,
  host: "unix:///var/run/docker.sock",
  message: null,
  hint: null,
};

describe("daemon indicator", () => {
  it("names the version when connected", () => {
    const d = describeDaemon(daemon);
    expect(d.state).toBe("connected");
    expect(d.label).toBe("Docker 26.1.4");
    expect(d.title).toContain("API 1.45");
    expect(d.title).toContain("BuildKit");
  });

  it("gives the message and the hint when not", () => {
    const d = describeDaemon({ ...daemon, connected: false, version: null, message: "connection refused", hint: "start dockerd" });
    expect(d).toEqual({ state: "disconnected", label: "No Docker", title: "connection refused — start dockerd" });
    expect(describeDaemon({ ...daemon, connected: false }).title).toContain("unix:///var/run/docker.sock");
  });
});

describe("theme", () => {
  it("prefers the stored choice, else the system's", () => {
    expect(initialTheme("light", true)).toBe("light");
    expect(initialTheme("dark", false)).toBe("dark");
    expect(initialTheme(null, true)).toBe("dark");
    expect(initialTheme("bogus", false)).toBe("light");
  });
});

describe("rule docs", () => {
  const doc = (code: string): RuleDoc => ({ code, name: "n", summary: "s", why: "w", example: null, fixed: null, url: "u" });

  it("asks once per code", async () => {
    const fetch = vi.fn(async (code: string) => doc(code));
    await cachedRuleDoc("DD100", fetch);
    await cachedRuleDoc("DD100", fetch);
    await cachedRuleDoc("DD101", fetch);
    expect(fetch.mock.calls.map(([code]) => code)).toEqual(["DD100", "DD101"]);
  });

  it("asks again after a failure", async () => {
    const fetch = vi.fn(async (code: string) => doc(code));
    await expect(cachedRuleDoc("DD102", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    await cachedRuleDoc("DD102", fetch);
    expect(fetch).toHaveBeenCalledOnce();
  });
});

describe("formatting", () => {
  it("reads sizes, durations and image ids like docker does", () => {
    expect([512, 1500, 7_500_000, 150_000_000, 2_000_000_000].map(formatBytes)).toEqual(["512 B", "1.5 kB", "7.5 MB", "150 MB", "2.0 GB"]);
    expect([90, 1500, 75_000].map(formatDuration)).toEqual(["90 ms", "1.5 s", "1 min 15 s"]);
    expect(shortImageId("sha256:0123456789abcdef")).toBe("0123456789ab");
  });
});

describe("problem counts", () => {
  it("counts by severity", () => {
    const d = (severity: Diagnostic["severity"]): Diagnostic => ({ code: "X", severity, message: "", from: 0, to: 0, line: 1, fix: null });
    expect(countBySeverity([d("error"), d("style"), d("error")])).toEqual({ error: 2, warning: 0, info: 0, style: 1 });
  });
});

describe("problems panel", () => {
  const finding = (line: number, from: number): Diagnostic => ({
    code: "DL3007",
    severity: "warning",
    message: "Using latest is prone to errors",
    from,
    to: from + 6,
    line,
    fix: null,
  });

  function mount() {
    document.body.innerHTML =
      '<ul id="problems"></ul><span id="problem-count"></span><span id="problem-summary"></span>';
    return document.getElementById("problems")!;
  }

  it("keeps its rows when only the offsets moved, and rebuilds them when a finding changed", () => {
    const list = mount();
    renderProblems([finding(1, 5)], [], () => {});
    const row = list.querySelector(".problem");
    renderProblems([finding(1, 9)], [], () => {});
    expect(list.querySelector(".problem")).toBe(row);
    renderProblems([finding(2, 30)], [], () => {});
    expect(list.querySelector(".problem")).not.toBe(row);
    expect((list.querySelector(".problem") as HTMLElement).dataset.line).toBe("2");
    expect(document.getElementById("problem-count")!.textContent).toBe("1");
  });
});
