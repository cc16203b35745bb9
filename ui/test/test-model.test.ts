import { describe, expect, it } from "vitest";
import type { CheckView, TestOutcome, TestUpdate } from "../src/bindings";
import { applyTestUpdate, finishTest, startingTest } from "../src/build/test-model";

const check = (name: string, outcome: CheckView["outcome"]): CheckView => ({ kind: "http", name, outcome, detail: "200 OK", durationMs: 12 });

function fold(updates: TestUpdate[]) {
  return updates.reduce(applyTestUpdate, startingTest());
}

describe("test model", () => {
  it("follows the container, health, probes and checks", () => {
    const model = fold([
      { kind: "build", update: { kind: "started", builder: "classic", totalSteps: 1 } },
      { kind: "containerStarted", containerId: "abc123", ports: ["127.0.0.1:3000->3000"] },
      { kind: "health", health: "starting" },
      { kind: "probe", exitCode: 1, output: "connection refused" },
      { kind: "probe", exitCode: 0, output: "ok" },
      { kind: "health", health: "healthy" },
      { kind: "check", check: check("GET /health", "passed") },
      { kind: "check", check: { ...check("max size", "failed"), kind: "budget" } },
    ]);
    expect(model.status).toBe("running");
    expect(model.container).toEqual({ id: "abc123", ports: ["127.0.0.1:3000->3000"] });
    expect(model.health).toBe("healthy");
    expect(model.probes.map((p) => p.exitCode)).toEqual([1, 0]);
    expect(model.checks.map((c) => [c.kind, c.outcome])).toEqual([["http", "passed"], ["budget", "failed"]]);
  });

  it("keeps only the latest probe outputs", () => {
    const probes: TestUpdate[] = Array.from({ length: 30 }, (_, i) => ({ kind: "probe", exitCode: 0, output: String(i) }));
    const model = fold(probes);
    expect(model.probes).toHaveLength(20);
    expect(model.probes[19].output).toBe("29");
  });

  it("ends with the build when it fails or is cancelled", () => {
    expect(fold([{ kind: "build", update: { kind: "failed", step: 1, line: 2, instruction: null, message: "boom" } }])).toMatchObject({ status: "failed", message: "boom" });
    expect(fold([{ kind: "cancelled" }]).status).toBe("cancelled");
    expect(fold([{ kind: "exited", code: 137, oom: true }]).exit).toEqual({ code: 137, oom: true });
  });

  it("takes the outcome's verdict", () => {
    const outcome: TestOutcome = {
      build: { status: "succeeded", buildId: 4, imageId: "sha256:1", message: null, line: null },
      passed: false,
      health: "unhealthy",
      checks: [check("GET /", "failed")],
      message: "1 check failed",
    };
    expect(finishTest(startingTest(), outcome)).toMatchObject({ status: "failed", health: "unhealthy", message: "1 check failed" });
    expect(finishTest(startingTest(), { ...outcome, passed: true, message: null }).status).toBe("succeeded");
    expect(finishTest(startingTest(), { ...outcome, build: { ...outcome.build, status: "cancelled" } }).status).toBe("cancelled");
  });
});
