// Build (Ctrl+B) and Build & Test (Ctrl+Shift+B): one run at a time, streamed into the Build
// and Test panels; a failed step is marked at its line in the editor.
import type { BuildUpdate, TestUpdate } from "../bindings";
import { byId } from "../dom";
import type { BuildError } from "../editor/build-error";
import { showError } from "../error-banner";
import * as ipc from "../ipc";
import { selectTab } from "../panels/tabs";
import { BuildPanel } from "./build-panel";
import { TestPanel } from "./test-panel";

export interface RunHost {
  /** The Dockerfile to run, saved; null when there is nothing to run. */
  prepare(): Promise<string | null>;
  showBuildError(error: BuildError | null): void;
  goToLine(line: number): void;
  /** A run ended (its result is in the history now). */
  finished(): void;
}

export class Runs {
  private running: "build" | "test" | null = null;
  private readonly buildPanel: BuildPanel;
  private readonly testPanel = new TestPanel();

  constructor(private readonly host: RunHost) {
    this.buildPanel = new BuildPanel((line) => host.goToLine(line));
  }

  get isRunning() {
    return this.running !== null;
  }

  private setRunning(kind: "build" | "test" | null) {
    this.running = kind;
    byId<HTMLButtonElement>("build-btn").disabled = kind !== null;
    byId<HTMLButtonElement>("test-btn").disabled = kind !== null;
    byId<HTMLButtonElement>("stop-btn").disabled = kind === null;
  }

  /** Claims the runner (saving first may take a while); the Dockerfile's path, or null. */
  private async begin(kind: "build" | "test"): Promise<string | null> {
    if (this.running) return null;
    this.setRunning(kind);
    const path = await this.host.prepare();
    if (!path) {
      this.setRunning(null);
      return null;
    }
    selectTab(kind);
    this.host.showBuildError(null);
    this.buildPanel.start();
    return path;
  }

  private end() {
    const failure = this.buildPanel.model.failure;
    if (failure?.line) this.host.showBuildError({ line: failure.line, message: failure.message });
    this.setRunning(null);
    this.host.finished();
  }

  private buildUpdated(update: BuildUpdate) {
    this.buildPanel.update(update);
    const failure = this.buildPanel.model.failure;
    if (update.kind === "failed" && failure?.line) this.host.showBuildError({ line: failure.line, message: failure.message });
  }

  async build() {
    const path = await this.begin("build");
    if (!path) return;
    try {
      this.buildPanel.finish(await ipc.startBuild(path, (update) => this.buildUpdated(update)));
    } catch (error) {
      this.buildPanel.abort(ipc.errorMessage(error));
      showError(error, "build");
    }
    this.end();
  }

  async test() {
    const path = await this.begin("test");
    if (!path) return;
    this.testPanel.start();
    const updated = (update: TestUpdate) => {
      if (update.kind === "build") this.buildUpdated(update.update);
      this.testPanel.update(update);
    };
    try {
      const outcome = await ipc.startTest(path, updated);
      this.buildPanel.finish(outcome.build);
      this.testPanel.finish(outcome);
    } catch (error) {
      const message = ipc.errorMessage(error);
      if (this.buildPanel.model.status === "running") this.buildPanel.abort(message);
      this.testPanel.abort(message);
      showError(error, "test");
    }
    this.end();
  }

  cancel() {
    if (this.running) ipc.cancel().catch((error) => showError(error, "cannot stop"));
  }
}
