import { describe, expect, it } from "vitest";
import type { BuildUpdate, StepView } from "../src/bindings";
import { applyBuildUpdate, idleBuild, startingBuild, timelineBars, type BuildModel } from "../src/build/build-model";

function fold(updates: BuildUpdate[], elapsedMs = 0): BuildModel {
  return updates.reduce((model, u) => applyBuildUpdate(model, u, elapsedMs), startingBuild());
}

const started: BuildUpdate = { kind: "started", builder: "buildKit", totalSteps: 3 };
const step = (index: number, atMs: number, line: number | null = index + 1): BuildUpdate => ({
  kind: "stepStarted",
  index,
  total: 3,
  instruction: `RUN step ${index}`,
  line,
  stage: null,
  atMs,
});

describe("build model", () => {
  it("adds a running step on start and closes it on finish", () => {
    const running = fold([started, step(0, 10)]);
    expect(running.status).toBe("running");
    expect(running.builder).toBe("buildKit");
    expect(running.steps).toHaveLength(1);
    expect(running.steps[0]).toMatchObject({ index: 0, state: "running", durationMs: null, line: 1 });

    const done = applyBuildUpdate(running, { kind: "stepFinished", index: 0, cached: true, durationMs: 40 }, 50);
    expect(done.steps[0]).toMatchObject({ state: "done", cached: true, durationMs: 40 });
  });

  it("keeps steps in index order whatever order they start in", () => {
    const model = fold([started, step(2, 5), step(0, 0), step(1, 3)]);
    expect(model.steps.map((s) => s.index)).toEqual([0, 1, 2]);
  });

  it("ignores log lines", () => {
    const model = fold([started, step(0, 0)]);
    expect(applyBuildUpdate(model, { kind: "stepLog", index: 0, text: "hello" }, 1)).toBe(model);
    expect(applyBuildUpdate(model, { kind: "log", text: "hello" }, 1)).toBe(model);
  });

  it("marks the failing step and stops the others where they are", () => {
    const model = fold([started, step(0, 0), step(1, 100)], 400);
    const failed = applyBuildUpdate(model, { kind: "failed", step: 1, line: null, instruction: "RUN step 1", message: "exit 1" }, 400);
    expect(failed.status).toBe("failed");
    expect(failed.steps[1]).toMatchObject({ state: "failed", durationMs: 300 });
    expect(failed.steps[0]).toMatchObject({ state: "cancelled", durationMs: 400 });
    // The line comes from the step when the failure does not say it.
    expect(failed.failure).toEqual({ step: 1, line: 2, instruction: "RUN step 1", message: "exit 1" });
  });

  it("cancels running steps on cancel", () => {
    const cancelled = applyBuildUpdate(fold([started, step(0, 0)]), { kind: "cancelled" }, 250);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.steps[0]).toMatchObject({ state: "cancelled", durationMs: 250 });
  });

  it("takes the final steps and summary from finished", () => {
    const steps: StepView[] = [
      { index: 0, instruction: "FROM busybox", line: 1, stage: null, cached: true, startMs: 0, durationMs: 5, sizeBytes: 0 },
      { index: 1, instruction: "RUN make", line: 2, stage: null, cached: false, startMs: 5, durationMs: 95, sizeBytes: 2048 },
    ];
    const model = applyBuildUpdate(fold([started, step(0, 0)]), {
      kind: "finished",
      imageId: "sha256:abc",
      tag: "app:dev",
      sizeBytes: 4096,
      layers: [{ digest: null, sizeBytes: 4096, createdBy: "RUN make" }],
      steps,
      cacheHits: 1,
      durationMs: 100,
    }, 100);
    expect(model.status).toBe("succeeded");
    expect(model.steps.map((s) => [s.index, s.state, s.sizeBytes])).toEqual([[0, "done", 0], [1, "done", 2048]]);
    expect(model.summary).toMatchObject({ imageId: "sha256:abc", cacheHits: 1, stepCount: 2, durationMs: 100 });
  });

  it("a new start forgets the previous build", () => {
    const again = applyBuildUpdate(fold([started, step(0, 0)]), started, 0);
    expect(again.steps).toEqual([]);
  });
});

describe("timeline bars", () => {
  it("places finished steps on the build's span", () => {
    let model = fold([started, step(0, 0), step(1, 50)]);
    model = applyBuildUpdate(model, { kind: "stepFinished", index: 0, cached: false, durationMs: 50 }, 50);
    model = applyBuildUpdate(model, { kind: "stepFinished", index: 1, cached: false, durationMs: 150 }, 200);
    const bars = timelineBars({ ...model, status: "succeeded" }, 200);
    expect(bars.map((b) => [b.x, b.width])).toEqual([[0, 0.25], [0.25, 0.75]]);
  });

  it("grows a running step with the elapsed time", () => {
    const model = fold([started, step(0, 100)]);
    const [bar] = timelineBars(model, 400);
    expect(bar.x).toBeCloseTo(0.25);
    expect(bar.width).toBeCloseTo(0.75);
  });

  it("has no bars before the first step", () => {
    expect(timelineBars(idleBuild, 0)).toEqual([]);
  });
});
