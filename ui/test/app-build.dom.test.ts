// The window driven through a mocked backend: start-up, Ctrl+B, a failed build, a test run.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { App } from "../src/app";
import { installFakeBackend, succeededBuild, type FakeBackend } from "./fake-backend";
import { loadPage, press } from "./page";

let backend: FakeBackend;
const $ = (selector: string) => document.querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)];

beforeAll(async () => {
  loadPage();
  backend = installFakeBackend({ Dockerfile: "FROM alpine:latest\nRUN make\n", "api.Dockerfile": "FROM scratch\n" });
  await new App().start();
});

describe("start-up", () => {
  it("shows the project and its Dockerfile, then marks the window interactive", () => {
    expect($("#project-name")!.textContent).toBe("demo");
    const select = $("#dockerfile-select") as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(["Dockerfile", "api.Dockerfile"]);
    expect(select.value).toBe("Dockerfile");
    expect($(".cm-content")!.textContent).toContain("FROM alpine:latest");
    expect(performance.getEntriesByName("drydock:interactive")).toHaveLength(1);
  });

  it("lists the stages and the lint findings", async () => {
    expect($$(".outline-stage").map((s) => s.textContent)).toEqual(["stage 0alpine:latest"]);
    await vi.waitFor(() => expect($$(".problem").map((p) => [p.dataset.code, p.dataset.line])).toEqual([["DL3007", "1"]]));
    expect($("#problem-count")!.textContent).toBe("1");
    expect($("#problem-summary")!.textContent).toBe("1 warning");
  });

  it("shows the daemon's version", async () => {
    await vi.waitFor(() => expect($("#daemon-status")!.dataset.state).toBe("connected"));
    expect($("#daemon-status")!.title).toContain("26.1.4");
  });
});

describe("build", () => {
  it("Ctrl+B builds and fills the timeline from the channel", async () => {
    backend.history = [
      { buildId: 1, startedAtMs: 0, status: "succeeded", sizeBytes: 7_500_000, durationMs: 100, cacheHitRatio: 0.5, stepCount: 2, cacheHits: 1, layers: [{ digest: "a", sizeBytes: 7_500_000, createdBy: "FROM" }], sizeRegression: true, durationRegression: false, sizeDeltaBytes: 100, durationDeltaMs: null, health: null },
    ];
    press(document.body, "b", { ctrl: true });
    await vi.waitFor(() => expect($("#build-status")!.dataset.status).toBe("succeeded"));
    expect(backend.callsOf("start_build")[0].path).toBe("Dockerfile");
    const bars = $$("#timeline .step-bar");
    expect(bars.map((b) => [b.dataset.index, b.dataset.cached, b.dataset.line])).toEqual([["1", "true", "1"], ["2", "false", "2"]]);
    expect(bars[0].textContent).toContain("CACHED");
    expect(bars[1].textContent).toContain("90 ms");
    const summary = $("#build-summary")!.textContent!;
    expect(summary).toContain("0123456789ab");
    expect(summary).toContain("1/2");
    expect($("#build-log")!.textContent).toContain("compiling");
    expect($("#tab-build")!.getAttribute("aria-selected")).toBe("true");
  });

  it("marks a failed step in the timeline and at its line in the editor", async () => {
    backend.build = {
      updates: [
        { kind: "started", builder: "buildKit", totalSteps: 2 },
        { kind: "stepStarted", index: 2, total: 2, instruction: "RUN make", line: 2, stage: null, atMs: 0 },
        { kind: "failed", step: 2, line: 2, instruction: "RUN make", message: "make: not found" },
      ],
      outcome: { status: "failed", buildId: 2, imageId: null, message: "make: not found", line: 2 },
    };
    $("#build-btn")!.click();
    await vi.waitFor(() => expect($("#build-status")!.dataset.status).toBe("failed"));
    expect($("#timeline .step-bar.failed")!.dataset.index).toBe("2");
    expect($(".cm-build-error-line")!.textContent).toContain("RUN make");
    expect($(".cm-build-error-message")!.textContent).toBe("make: not found");
  });

  it("Esc stops a running build; the editor stays editable meanwhile", async () => {
    backend.build = { updates: succeededBuild.updates.slice(0, 4), outcome: succeededBuild.outcome, untilCancel: true };
    $("#build-btn")!.click();
    await vi.waitFor(() => expect($$("#timeline .step-bar.running")).toHaveLength(1));
    expect(($("#stop-btn") as HTMLButtonElement).disabled).toBe(false);
    expect(($("#build-btn") as HTMLButtonElement).disabled).toBe(true);
    expect($(".cm-content")!.getAttribute("contenteditable")).toBe("true");
    press(document.body, "Escape");
    await vi.waitFor(() => expect($("#build-status")!.dataset.status).toBe("cancelled"));
    expect(backend.callsOf("cancel")).toHaveLength(1);
    expect($("#timeline .step-bar[data-index='2']")!.dataset.state).toBe("cancelled");
    expect(($("#stop-btn") as HTMLButtonElement).disabled).toBe(true);
  });

  it("Ctrl+Shift+B runs the test and shows health and checks", async () => {
    backend.build = succeededBuild;
    backend.test = {
      updates: [
        ...succeededBuild.updates.map((update) => ({ kind: "build" as const, update })),
        { kind: "containerStarted", containerId: "c0ffee", ports: ["127.0.0.1:8080"] },
        { kind: "health", health: "starting" },
        { kind: "probe", exitCode: 0, output: "ok" },
        { kind: "health", health: "healthy" },
        { kind: "check", check: { kind: "http", name: "GET /health", outcome: "passed", detail: "200", durationMs: 5 } },
        { kind: "check", check: { kind: "budget", name: "max size", outcome: "failed", detail: "7.5 MB > 5 MB", durationMs: 0 } },
      ],
      outcome: { build: succeededBuild.outcome, passed: false, health: "healthy", checks: [], message: "a budget failed" },
    };
    press(document.body, "B", { ctrl: true, shift: true });
    await vi.waitFor(() => expect($("#test-status")!.dataset.status).toBe("failed"));
    expect($("#build-status")!.dataset.status).toBe("succeeded");
    expect($(".cm-build-error-line")).toBeNull();
    expect($("#health")!.dataset.health).toBe("healthy");
    expect($("#probes")!.textContent).toContain("ok");
    expect($$("#checks .check").map((c) => c.dataset.outcome)).toEqual(["passed", "failed"]);
    expect($("#tab-test")!.getAttribute("aria-selected")).toBe("true");
  });

  it("Ctrl+4 shows the history, one bar per build with its layers", async () => {
    press(document.body, "4", { ctrl: true });
    expect($("#panel-history")!.hidden).toBe(false);
    expect($("#panel-test")!.hidden).toBe(true);
    await vi.waitFor(() => expect($$("#history-size-chart .bar")).toHaveLength(1));
    expect($("#history-size-chart .bar")!.dataset.buildId).toBe("1");
    expect($("#history-size-chart .bar")!.classList.contains("regression")).toBe(true);
    expect($$("#history-size-chart .layer")).toHaveLength(1);
    expect($$("#history-time-chart .bar")).toHaveLength(1);
    expect($$("#history-cache-chart .point")).toHaveLength(1);
  });
});
