import { describe, expect, it } from "vitest";
import type { HistoryPoint } from "../src/bindings";
import { cacheChart, niceMax, sizeChart, STUB_HEIGHT, timeChart, type ChartBox } from "../src/history/chart-geometry";

const box: ChartBox = { width: 200, height: 110, left: 0, right: 0, top: 10, bottom: 0 };

function point(buildId: number, over: Partial<HistoryPoint> = {}): HistoryPoint {
  return {
    buildId,
    startedAtMs: 0,
    status: "succeeded",
    sizeBytes: 100,
    durationMs: 1000,
    cacheHitRatio: 0.5,
    stepCount: 4,
    cacheHits: 2,
    layers: [],
    sizeRegression: false,
    durationRegression: false,
    sizeDeltaBytes: null,
    durationDeltaMs: null,
    health: null,
    ...over,
  };
}

describe("niceMax", () => {
  it("rounds up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 0.3, 1, 1.2, 3, 7, 10, 11, 180, 4999].map(niceMax)).toEqual([1, 0.5, 1, 2, 5, 10, 10, 20, 200, 5000]);
  });
});

describe("size chart", () => {
  it("scales bars to the round maximum and puts each build in its own band", () => {
    const chart = sizeChart([point(1, { sizeBytes: 50 }), point(2, { sizeBytes: 100 })], box);
    expect(chart.max).toBe(100);
    const [a, b] = chart.bars;
    expect(a.height).toBe(50);
    expect(b.height).toBe(100);
    expect(b.y).toBe(10);
    expect(a.x).toBeLessThan(b.x);
    expect(a.x + a.width).toBeLessThanOrEqual(100);
  });

  it("stacks the layers bottom-up, filling the bar", () => {
    const layers = [
      { digest: "a", sizeBytes: 30, createdBy: "FROM" },
      { digest: "b", sizeBytes: 10, createdBy: "RUN" },
    ];
    const [bar] = sizeChart([point(1, { sizeBytes: 80, layers })], box).bars;
    const [base, top] = bar.layers;
    expect(base.y + base.height).toBeCloseTo(bar.y + bar.height);
    expect(base.height).toBeCloseTo(bar.height * 0.75);
    expect(top.y + top.height).toBeCloseTo(base.y);
    expect(top.y).toBeCloseTo(bar.y);
  });

  it("flags regressions and shows failed builds as stubs without layers", () => {
    const chart = sizeChart([
      point(1, { sizeRegression: true, layers: [{ digest: null, sizeBytes: 1, createdBy: "x" }] }),
      point(2, { status: "failed", sizeBytes: null, layers: [{ digest: null, sizeBytes: 1, createdBy: "x" }] }),
    ], box);
    expect(chart.bars.map((b) => [b.regression, b.failed])).toEqual([[true, false], [false, true]]);
    expect(chart.bars[1].height).toBe(STUB_HEIGHT);
    expect(chart.bars[1].layers).toEqual([]);
  });
});

describe("time chart", () => {
  it("uses the duration and the duration regression flag", () => {
    const chart = timeChart([point(1, { durationMs: 2000 }), point(2, { durationMs: 4000, durationRegression: true, sizeRegression: false })], box);
    expect(chart.max).toBe(5000);
    expect(chart.bars.map((b) => b.height)).toEqual([40, 80]);
    expect(chart.bars.map((b) => b.regression)).toEqual([false, true]);
  });
});

describe("cache chart", () => {
  it("maps the ratio to the plot's height and skips builds without one", () => {
    const dots = cacheChart([point(1, { cacheHitRatio: 1 }), point(2, { cacheHitRatio: null }), point(3, { cacheHitRatio: 0 })], box);
    expect(dots.map((d) => [d.point.buildId, d.y])).toEqual([[1, 10], [3, 110]]);
  });
});
