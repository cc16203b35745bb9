// What the Build panel shows, folded from the build's stream of updates. Pure: the panel
// renders it, the tests feed it updates.
import type { BuildUpdate, LayerView } from "../bindings";

export type BuildStatus = "idle" | "running" | "succeeded" | "failed" | "cancelled";
export type StepState = "running" | "done" | "failed" | "cancelled";

export interface TimelineStep {
  index: number;
  instruction: string;
  line: number | null;
  stage: string | null;
  /** Milliseconds from the start of the build. */
  startMs: number;
  /** Null while the step runs. */
  durationMs: number | null;
  cached: boolean;
  sizeBytes: number | null;
  state: StepState;
}

export interface BuildSummary {
  imageId: string;
  tag: string | null;
  sizeBytes: number;
  layers: LayerView[];
  cacheHits: number;
  stepCount: number;
  durationMs: number;
}

export interface BuildFailure {
  step: number | null;
  line: number | null;
  instruction: string | null;
  message: string;
}

export interface BuildModel {
  status: BuildStatus;
  builder: "buildKit" | "classic" | null;
  totalSteps: number;
  /** Sorted by index. */
  steps: TimelineStep[];
  summary: BuildSummary | null;
  failure: BuildFailure | null;
}

export const idleBuild: BuildModel = {
  status: "idle",
  builder: null,
  totalSteps: 0,
  steps: [],
  summary: null,
  failure: null,
};

export function startingBuild(): BuildModel {
  return { ...idleBuild, status: "running" };
}

function withStep(steps: TimelineStep[], step: TimelineStep): TimelineStep[] {
  return [...steps.filter((s) => s.index !== step.index), step].sort((a, b) => a.index - b.index);
}

function updateStep(model: BuildModel, index: number, change: (step: TimelineStep) => TimelineStep): TimelineStep[] {
  return model.steps.map((s) => (s.index === index ? change(s) : s));
}

/** Steps still running when the build ended stop where they are. */
function stopRunning(steps: TimelineStep[], state: StepState, elapsedMs: number): TimelineStep[] {
  return steps.map((s) =>
    s.state === "running" ? { ...s, state, durationMs: Math.max(0, elapsedMs - s.startMs) } : s,
  );
}

/**
 * The model after `update`. `elapsedMs` is the time since the build started, used to close
 * the steps that were still running when the build failed or was cancelled.
 */
export function applyBuildUpdate(model: BuildModel, update: BuildUpdate, elapsedMs: number): BuildModel {
  switch (update.kind) {
    case "started":
      return { ...idleBuild, status: "running", builder: update.builder, totalSteps: update.totalSteps };
    case "stepStarted":
      return {
        ...model,
        totalSteps: Math.max(model.totalSteps, update.total),
        steps: withStep(model.steps, {
          index: update.index,
          instruction: update.instruction,
          line: update.line,
          stage: update.stage,
          startMs: update.atMs,
          durationMs: null,
          cached: false,
          sizeBytes: null,
          state: "running",
        }),
      };
    case "stepFinished":
      return {
        ...model,
        steps: updateStep(model, update.index, (s) => ({
          ...s,
          cached: update.cached,
          durationMs: update.durationMs,
          state: "done",
        })),
      };
    case "stepLog":
    case "log":
      return model;
    case "finished":
      return {
        ...model,
        status: "succeeded",
        totalSteps: update.steps.length,
        steps: update.steps
          .map((s) => ({ ...s, state: "done" as const }))
          .sort((a, b) => a.index - b.index),
        summary: {
          imageId: update.imageId,
          tag: update.tag,
          sizeBytes: update.sizeBytes,
          layers: update.layers,
          cacheHits: update.cacheHits,
          stepCount: update.steps.length,
          durationMs: update.durationMs,
        },
      };
    case "failed": {
      const steps = stopRunning(model.steps, "cancelled", elapsedMs);
      const failure: BuildFailure = {
        step: update.step,
        line: update.line ?? model.steps.find((s) => s.index === update.step)?.line ?? null,
        instruction: update.instruction,
        message: update.message,
      };
      return {
        ...model,
        status: "failed",
        failure,
        steps: steps.map((s) => (s.index === update.step ? { ...s, state: "failed" } : s)),
      };
    }
    case "cancelled":
      return { ...model, status: "cancelled", steps: stopRunning(model.steps, "cancelled", elapsedMs) };
  }
}

export interface StepBar {
  step: TimelineStep;
  /** Fractions of the timeline's width, 0..1. */
  x: number;
  width: number;
}

/** Places each step on a shared time axis: the build so far, or its total once known. */
export function timelineBars(model: BuildModel, elapsedMs: number): StepBar[] {
  const end = (s: TimelineStep) => s.startMs + (s.durationMs ?? Math.max(0, elapsedMs - s.startMs));
  const span = Math.max(1, model.summary?.durationMs ?? 0, ...model.steps.map(end), model.status === "running" ? elapsedMs : 0);
  return model.steps.map((step) => ({
    step,
    x: step.startMs / span,
    width: Math.max(0, end(step) - step.startMs) / span,
  }));
}
