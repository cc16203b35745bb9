// Wires the parts of the window together: header, editor, document, lint, panels, shortcuts.
import type { ViewUpdate } from "@codemirror/view";
import type { Diagnostic, FileChange, LintResult, ProjectView } from "./bindings";
import { Runs } from "./build/runs";
import { pollDaemonStatus } from "./daemon-status";
import { ask } from "./dialogs";
import { DocumentSession } from "./document/document-session";
import { byId, el } from "./dom";
import { Editor } from "./editor/editor";
import { lintFindings } from "./editor/lint-state";
import { LiveLint } from "./editor/live-lint";
import { extractStages } from "./editor/stages";
import { hideError, initErrorBanner, showError } from "./error-banner";
import { renderHistory } from "./history/history-panel";
import * as ipc from "./ipc";
import { renderOutline } from "./panels/outline";
import { renderProblems } from "./panels/problems";
import { renderRecentProjects } from "./panels/recent-projects";
import { initTabs, selectTab, TABS } from "./panels/tabs";
import { installShortcuts, shortcutKeys } from "./shortcuts";
import { initTheme } from "./theme";

/** Files besides the Dockerfile whose change changes the lint result. */
const LINT_CONFIG = new Set([".dockerignore", ".hadolint.yaml", ".hadolint.yml"]);
/** The editor's own keys, listed with the app's shortcuts. */
const EDITOR_KEYS = [
  { keys: "Ctrl+F", description: "Find and replace" },
  { keys: "Ctrl+Z / Ctrl+Shift+Z", description: "Undo / redo" },
  { keys: "Ctrl+Alt+G", description: "Go to line" },
  { keys: "F8", description: "Next problem" },
];
const DOCKERFILE_NAME = /(^|\/)(Dockerfile(\.[^/]*)?|[^/]*\.Dockerfile)$/;

export class App {
  private readonly editor: Editor;
  private readonly lint: LiveLint;
  private readonly doc: DocumentSession;
  private readonly runs: Runs;
  private project: ProjectView | null = null;
  private outlinePending = false;
  private outlineKey = "";

  constructor() {
    this.editor = new Editor(byId("editor"), (update) => this.editorUpdated(update));
    this.lint = new LiveLint(
      () => this.editor.view,
      (source) => ipc.lintDockerfile(this.doc.path!, source),
      (result) => this.linted(result),
    );
    this.doc = new DocumentSession(this.editor, () => this.documentLoaded());
    this.runs = new Runs({
      prepare: () => this.prepareRun(),
      showBuildError: (error) => this.editor.showBuildError(error),
      goToLine: (line) => this.editor.goToLine(line),
      finished: () => this.refreshHistory(),
    });
  }

  async start() {
    initTheme(byId("theme-btn"));
    initErrorBanner();
    initTabs((tab) => {
      if (tab === "history") this.refreshHistory();
    });
    this.installControls();
    pollDaemonStatus();
    ipc.onCloseRequested(() => this.closeRequested()).catch((error) => showError(error, "close handling"));
    let project: ProjectView | null = null;
    try {
      project = await ipc.startProject();
    } catch (error) {
      showError(error, "cannot open the project");
    }
    if (project) await this.showProject(project);
    else await this.doc.open(null);
    this.editor.view.focus();
    performance.mark("drydock:interactive");
  }

  private installControls() {
    byId("open-project-btn").addEventListener("click", () => this.openFolder());
    byId("build-btn").addEventListener("click", () => this.runs.build());
    byId("test-btn").addEventListener("click", () => this.runs.test());
    byId("stop-btn").addEventListener("click", () => this.runs.cancel());
    byId("shortcuts-btn").addEventListener("click", () => ask("shortcuts-dialog"));
    const select = byId<HTMLSelectElement>("dockerfile-select");
    select.addEventListener("change", () => this.switchDockerfile(select.value));
    const recent = byId<HTMLDetailsElement>("recent-projects");
    recent.addEventListener("toggle", () => {
      if (recent.open) this.showRecentProjects();
    });
    // A menu closes when the user clicks elsewhere.
    document.addEventListener("click", (event) => {
      if (recent.open && !recent.contains(event.target as Node)) recent.open = false;
    });
    installShortcuts([
      { keys: "Ctrl+B", description: "Build", matches: shortcutKeys.build, run: () => this.runs.build() },
      { keys: "Ctrl+Shift+B", description: "Build & Test", matches: shortcutKeys.test, run: () => this.runs.test() },
      {
        keys: "Esc",
        description: "Stop the build or test",
        matches: shortcutKeys.escape,
        when: () => this.runs.isRunning && !document.querySelector("dialog[open]"),
        run: () => this.runs.cancel(),
      },
      { keys: "Ctrl+S", description: "Save", matches: shortcutKeys.save, run: () => this.doc.save() },
      { keys: "Ctrl+.", description: "Quick fixes at the cursor", matches: shortcutKeys.quickFix, run: () => this.editor.openQuickFixes() },
      { keys: "Ctrl+O", description: "Open a project folder", matches: shortcutKeys.open, run: () => this.openFolder() },
      { keys: "Ctrl+1…4", description: "Problems, Build, Test, History", matches: shortcutKeys.tab, run: (e) => this.showTab(Number(e.key)) },
      { keys: "?", description: "This list", matches: shortcutKeys.help, outsideText: true, run: () => ask("shortcuts-dialog") },
    ], EDITOR_KEYS);
  }

  private showTab(n: number) {
    const tab = TABS[n - 1];
    selectTab(tab);
    if (tab === "history") this.refreshHistory();
  }

  // Project and files

  private async showProject(project: ProjectView) {
    this.project = project;
    this.showProjectHeader(project);
    await this.doc.open(project.dockerfile);
    ipc.watchProject((change) => this.fileChanged(change)).catch((error) => showError(error, "cannot watch the folder"));
  }

  private showProjectHeader(project: ProjectView) {
    byId("project-name").textContent = project.name;
    byId("project-path").textContent = project.root;
    const select = byId<HTMLSelectElement>("dockerfile-select");
    select.replaceChildren(...project.dockerfiles.map((path) => el("option", { value: path }, path)));
    select.value = this.doc.path ?? project.dockerfile;
    select.disabled = project.dockerfiles.length === 0;
    if (project.problems.length > 0) showError(project.problems.join("; "), "drydock.toml");
  }

  private async openFolder(path?: string) {
    const folder = path ?? (await ipc.pickFolder().catch((error) => (showError(error), null)));
    if (!folder || !(await this.doc.confirmLeave())) return;
    try {
      hideError();
      await this.showProject(await ipc.openProject(folder));
    } catch (error) {
      showError(error, `cannot open ${folder}`);
    }
  }

  private async showRecentProjects() {
    try {
      renderRecentProjects(await ipc.recentProjects(), (root) => {
        byId<HTMLDetailsElement>("recent-projects").open = false;
        this.openFolder(root);
      });
    } catch (error) {
      showError(error, "cannot list recent projects");
    }
  }

  private async switchDockerfile(path: string) {
    const select = byId<HTMLSelectElement>("dockerfile-select");
    if (path === this.doc.path) return;
    if (!(await this.doc.confirmLeave())) {
      select.value = this.doc.path ?? "";
      return;
    }
    await this.doc.open(path);
  }

  /** Refreshes the header from disk (drydock.toml or the set of Dockerfiles changed). */
  private async refreshProject() {
    if (!this.project) return;
    try {
      this.project = await ipc.openProject(this.project.root);
      this.showProjectHeader(this.project);
    } catch (error) {
      showError(error, "cannot reload the project");
    }
  }

  private fileChanged(change: FileChange) {
    if (change.path === this.doc.path) {
      if (change.kind === "removed") showError(`${change.path} was removed from disk; saving writes it again`);
      else this.doc.diskChanged();
    }
    if (LINT_CONFIG.has(change.path)) this.lint.refresh();
    if (change.path === "drydock.toml" || (change.kind !== "modified" && DOCKERFILE_NAME.test(change.path))) {
      this.refreshProject();
      this.lint.refresh();
    }
  }

  private async closeRequested() {
    if (await this.doc.confirmLeave()) await ipc.closeWindow();
  }

  // Editor and lint

  private documentLoaded() {
    this.lint.reset();
    renderProblems([], [], () => {});
    if (this.doc.canEdit) this.lint.refresh();
    this.refreshOutline();
    this.showCursor();
    const select = byId<HTMLSelectElement>("dockerfile-select");
    if (this.doc.path) select.value = this.doc.path;
    this.refreshHistory();
  }

  private editorUpdated(update: ViewUpdate) {
    this.lint.onUpdate(update);
    if (update.docChanged) {
      this.doc.changed(update.state.doc.toString());
      this.scheduleOutline();
    }
    if (update.docChanged || update.selectionSet) this.showCursor();
  }

  private linted(result: LintResult | Error) {
    if (result instanceof Error) {
      byId("problem-summary").textContent = `lint failed: ${result.message}`;
      return;
    }
    renderProblems(result.diagnostics, result.configProblems, (index) => this.goToFinding(index));
  }

  private goToFinding(index: number) {
    const finding: Diagnostic | undefined = this.editor.view.state.field(lintFindings)[index];
    if (finding) this.editor.goTo(finding.from);
  }

  private showCursor() {
    const state = this.editor.view.state;
    const head = state.selection.main.head;
    const line = state.doc.lineAt(head);
    byId("cursor-position").textContent = `Ln ${line.number}, Col ${head - line.from + 1}`;
  }

  private scheduleOutline() {
    if (this.outlinePending) return;
    this.outlinePending = true;
    requestAnimationFrame(() => {
      this.outlinePending = false;
      this.refreshOutline();
    });
  }

  private refreshOutline() {
    const stages = extractStages(this.editor.text());
    // Most keystrokes leave the stages as they were: keep the DOM then.
    const key = JSON.stringify(stages.map((s) => [s.line, s.name, s.image]));
    if (key === this.outlineKey) return;
    this.outlineKey = key;
    renderOutline(stages, (stage) => this.editor.goToLine(stage.line));
  }

  /** Saves unsaved edits first: the daemon builds what is on disk. */
  private async prepareRun(): Promise<string | null> {
    const path = this.doc.path;
    if (!path || !this.doc.canEdit) return null;
    if (this.doc.isDirty && !(await this.doc.save())) return null;
    return path;
  }

  /** Redraws the charts when they are on screen; showing the tab calls this again. */
  private async refreshHistory() {
    const path = this.doc.path;
    if (!path || byId("panel-history").hidden) return;
    try {
      const view = await ipc.history(path);
      if (path === this.doc.path) renderHistory(view);
    } catch (error) {
      showError(error, "cannot read the build history");
    }
  }
}
