// What the Test panel shows, folded from the test run's updates. The build part of a run is
// the Build panel's business; this model keeps the container, health, probes and checks.
import type { CheckView, Health, TestOutcome, TestUpdate } from "../bindings";
import type { BuildStatus } from "./build-model";

export interface Probe {
  exitCode: number;
  output: string;
}

export interface TestModel {
  status: BuildStatus;
  container: { id: string; ports: string[] } | null;
  health: Health;
  probes: Probe[];
  exit: { code: number; oom: boolean } | null;
  checks: CheckView[];
  message: string | null;
}

export const idleTest: TestModel = {
  status: "idle",
  container: null,
  health: "none",
  probes: [],
  exit: null,
  checks: [],
  message: null,
};

export function startingTest(): TestModel {
  return { ...idleTest, status: "running" };
}

/** Probe outputs kept: the latest ones tell the story. */
const PROBE_CAP = 20;

export function applyTestUpdate(model: TestModel, update: TestUpdate): TestModel {
  switch (update.kind) {
    case "build":
      // A build that did not succeed ends the run: nothing gets tested.
      if (update.update.kind === "failed") return { ...model, status: "failed", message: update.update.message };
      if (update.update.kind === "cancelled") return { ...model, status: "cancelled" };
      return model;
    case "containerStarted":
      return { ...model, container: { id: update.containerId, ports: update.ports } };
    case "probe":
      return { ...model, probes: [...model.probes, { exitCode: update.exitCode, output: update.output }].slice(-PROBE_CAP) };
    case "health":
      return { ...model, health: update.health };
    case "exited":
      return { ...model, exit: { code: update.code, oom: update.oom } };
    case "check":
      return { ...model, checks: [...model.checks, update.check] };
    case "cancelled":
      return { ...model, status: "cancelled" };
  }
}

/** The run's end as the command returned it; it has the last word over the stream. */
export function finishTest(model: TestModel, outcome: TestOutcome): TestModel {
  const status = outcome.build.status === "cancelled" ? "cancelled" : outcome.passed ? "succeeded" : "failed";
  return {
    ...model,
    status,
    health: outcome.health ?? model.health,
    checks: outcome.checks.length > 0 ? outcome.checks : model.checks,
    message: outcome.message ?? outcome.build.message ?? model.message,
  };
}
