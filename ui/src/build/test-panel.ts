// The Test panel: health pill, probe outputs, smoke checks and budgets, run status.
import type { TestOutcome, TestUpdate } from "../bindings";
import { byId, el } from "../dom";
import { formatDuration } from "../format";
import { applyTestUpdate, finishTest, idleTest, startingTest, type TestModel } from "./test-model";

export class TestPanel {
  private model: TestModel = idleTest;

  constructor() {
    this.render();
  }

  start() {
    this.model = startingTest();
    this.render();
  }

  update(update: TestUpdate) {
    this.model = applyTestUpdate(this.model, update);
    this.render();
  }

  finish(outcome: TestOutcome) {
    this.model = finishTest(this.model, outcome);
    this.render();
  }

  abort(message: string) {
    this.model = { ...this.model, status: "failed", message };
    this.render();
  }

  private render() {
    const m = this.model;
    const status = byId("test-status");
    status.dataset.status = m.status;
    status.textContent = m.status;

    const health = byId("health");
    health.dataset.health = m.health;
    health.textContent = `health: ${m.health}`;

    const container = m.container
      ? `container ${m.container.id.slice(0, 12)}${m.container.ports.length ? ` · ports ${m.container.ports.join(", ")}` : ""}`
      : "";
    const exit = m.exit ? ` · exited with ${m.exit.code}${m.exit.oom ? " (out of memory)" : ""}` : "";
    byId("container-info").textContent = container + exit;

    byId("checks").replaceChildren(
      ...m.checks.map((c) =>
        el(
          "li",
          { className: `check ${c.outcome}`, dataset: { outcome: c.outcome, kind: c.kind } },
          el("span", { className: "check-outcome" }, c.outcome),
          el("span", { className: "check-kind" }, c.kind),
          el("span", { className: "check-name" }, c.name),
          el("span", { className: "check-detail" }, c.detail),
          el("span", { className: "check-duration" }, formatDuration(c.durationMs)),
        ),
      ),
    );
    byId("test-message").textContent =
      m.message ?? (m.status === "idle" ? "Ctrl+Shift+B builds the image, runs it, and checks its health, smoke tests and budgets" : "");
    byId("probes").replaceChildren(
      ...m.probes.map((p) =>
        el("div", { className: `probe ${p.exitCode === 0 ? "ok" : "failing"}` }, `exit ${p.exitCode}: ${p.output.trim()}`),
      ),
    );
  }
}
