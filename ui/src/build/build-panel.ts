// The Build panel: status, live log, step timeline and summary, redrawn from the BuildModel.
import type { BuildOutcome, BuildUpdate } from "../bindings";
import { byId, el, svg } from "../dom";
import { formatBytes, formatDuration, shortImageId } from "../format";
import { applyBuildUpdate, idleBuild, startingBuild, timelineBars, type BuildModel, type StepBar } from "./build-model";
import { CappedLog } from "./capped-log";

const TICK_MS = 200;
/** The SVG track's width in user units; bars are placed in fractions of it. */
const TRACK = 1000;

export class BuildPanel {
  model: BuildModel = idleBuild;
  private startedAt = 0;
  private ticker: number | undefined;
  private readonly log = new CappedLog();
  private readonly rows = new Map<number, HTMLElement>();

  constructor(private readonly onStepClick: (line: number) => void) {
    this.render();
  }

  private elapsed() {
    return performance.now() - this.startedAt;
  }

  start() {
    this.model = startingBuild();
    this.startedAt = performance.now();
    this.log.clear();
    this.rows.clear();
    byId("build-log").replaceChildren();
    byId("timeline").replaceChildren();
    clearInterval(this.ticker);
    this.ticker = window.setInterval(() => this.renderTimeline(), TICK_MS);
    this.render();
  }

  update(update: BuildUpdate) {
    // The stream's own clock starts at "started"; align ours with it.
    if (update.kind === "started") this.startedAt = performance.now();
    this.model = applyBuildUpdate(this.model, update, this.elapsed());
    if (update.kind === "stepLog") this.appendLog(`#${update.index} ${update.text}`);
    else if (update.kind === "log") this.appendLog(update.text);
    else if (update.kind === "failed") this.appendLog(`error: ${update.message}`);
    this.render();
  }

  /** The command's result: it settles the status even if the stream's last word was lost. */
  finish(outcome: BuildOutcome) {
    const failure =
      outcome.status === "failed" && !this.model.failure
        ? { step: null, line: outcome.line, instruction: null, message: outcome.message ?? "the build failed" }
        : this.model.failure;
    this.model = { ...this.model, status: outcome.status, failure };
    this.stop();
  }

  /** The build could not start or broke off (daemon down, busy). */
  abort(message: string) {
    this.appendLog(`error: ${message}`);
    this.model = { ...this.model, status: "failed", failure: this.model.failure ?? { step: null, line: null, instruction: null, message } };
    this.stop();
  }

  private stop() {
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.render();
  }

  private appendLog(text: string) {
    const view = byId("build-log");
    const follow = view.scrollTop + view.clientHeight >= view.scrollHeight - 8;
    const { added, dropped } = this.log.push(text);
    for (let i = 0; i < dropped && view.firstChild; i++) view.firstChild.remove();
    view.append(...added.map((line) => el("div", { className: "log-line" }, line)));
    if (follow) view.scrollTop = view.scrollHeight;
  }

  private render() {
    const status = byId("build-status");
    status.dataset.status = this.model.status;
    status.textContent = this.model.status;
    this.renderTimeline();
    this.renderSummary();
  }

  private renderTimeline() {
    const timeline = byId("timeline");
    for (const bar of timelineBars(this.model, this.elapsed())) {
      let row = this.rows.get(bar.step.index);
      if (!row) {
        row = this.newRow();
        this.rows.set(bar.step.index, row);
      }
      fillRow(row, bar);
      timeline.append(row);
    }
  }

  private newRow(): HTMLElement {
    const row = el("div", { className: "step-bar", tabIndex: 0 });
    row.addEventListener("click", () => {
      const line = Number(row.dataset.line);
      if (line > 0) this.onStepClick(line);
    });
    return row;
  }

  private renderSummary() {
    const summary = byId("build-summary");
    const { status, failure } = this.model;
    const s = this.model.summary;
    summary.dataset.status = status;
    if (s && status === "succeeded") {
      summary.replaceChildren(
        item("Image", shortImageId(s.imageId) + (s.tag ? ` (${s.tag})` : "")),
        item("Size", formatBytes(s.sizeBytes)),
        item("Layers", String(s.layers.length)),
        item("Cache hits", `${s.cacheHits}/${s.stepCount}`),
        item("Time", formatDuration(s.durationMs)),
      );
    } else if (status === "failed" && failure) {
      const where = failure.line ? ` at line ${failure.line}` : "";
      summary.replaceChildren(el("span", { className: "summary-failure" }, `Build failed${where}: ${failure.message}`));
    } else if (status === "cancelled") {
      summary.replaceChildren(el("span", {}, "Build cancelled"));
    } else if (status === "running") {
      const done = this.model.steps.filter((st) => st.state === "done").length;
      summary.replaceChildren(el("span", {}, `Building… ${done}/${this.model.totalSteps || "?"} steps`));
    } else {
      summary.replaceChildren(el("span", { className: "muted" }, "No build yet: Ctrl+B builds the Dockerfile"));
    }
  }
}

function item(label: string, value: string): HTMLElement {
  return el("span", { className: "summary-item" }, el("span", { className: "muted" }, `${label} `), value);
}

function fillRow(row: HTMLElement, bar: StepBar) {
  const { step } = bar;
  row.dataset.index = String(step.index);
  row.dataset.cached = String(step.cached);
  row.dataset.line = step.line === null ? "" : String(step.line);
  row.dataset.state = step.state;
  row.classList.toggle("failed", step.state === "failed");
  row.classList.toggle("running", step.state === "running");
  row.title = step.stage ? `${step.instruction} (stage ${step.stage})` : step.instruction;
  const track = svg(
    "svg",
    { class: "step-track", viewBox: `0 0 ${TRACK} 10`, preserveAspectRatio: "none", "aria-hidden": "true" },
    svg("rect", { class: "step-fill", x: bar.x * TRACK, y: 0, width: Math.max(2, bar.width * TRACK), height: 10 }),
  );
  const parts: (Node | string)[] = [
    el("span", { className: "step-instruction" }, step.instruction),
    track,
    el("span", { className: "step-duration" }, step.durationMs === null ? "…" : formatDuration(step.durationMs)),
  ];
  if (step.cached) parts.push(el("span", { className: "badge cached-badge" }, "CACHED"));
  if (step.sizeBytes !== null) parts.push(el("span", { className: "step-size" }, formatBytes(step.sizeBytes)));
  row.replaceChildren(...parts);
}
