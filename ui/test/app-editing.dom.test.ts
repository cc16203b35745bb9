// Editing through a mocked backend: live lint and its performance marks, quick fixes, saving,
// external changes, closing with unsaved changes, an unreadable file.
import type { EditorView } from "@codemirror/view";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { App } from "../src/app";
import { lintFindings } from "../src/editor/lint-state";
import { ruleDocCard } from "../src/editor/rule-doc";
import { installFakeBackend, type FakeBackend } from "./fake-backend";
import { loadPage, press } from "./page";

let backend: FakeBackend;
let view: EditorView;
const $ = (selector: string) => document.querySelector<HTMLElement>(selector);
const text = () => view.state.doc.toString();
const type = (at: number, insert: string) => view.dispatch({ changes: { from: at, insert }, userEvent: "input.type" });

beforeAll(async () => {
  loadPage();
  backend = installFakeBackend({ Dockerfile: "FROM alpine:latest\nUSER app\n", "broken.Dockerfile": "FROM x\n" });
  const app = new App();
  await app.start();
  view = (app as unknown as { editor: { view: EditorView } }).editor.view;
});

describe("live lint", () => {
  it("underlines the finding's exact span", async () => {
    await vi.waitFor(() => expect($(".cm-lintRange-warning")?.textContent).toBe("latest"));
  });

  it("times each edit and each request to the moment its findings show", async () => {
    performance.clearMeasures();
    type(text().length, "FROM busybox:latest\n");
    await vi.waitFor(() => expect(document.querySelectorAll(".cm-lintRange-warning")).toHaveLength(2));
    expect(performance.getEntriesByName("drydock:keystroke-to-diagnostics")).toHaveLength(1);
    expect(performance.getEntriesByName("drydock:lint-sent-to-diagnostics")).toHaveLength(1);
    const lint = backend.callsOf("lint_dockerfile").at(-1)!;
    expect(lint).toEqual({ path: "Dockerfile", source: text() });
  });

  it("sends edits made while a lint is out with the next request", async () => {
    const before = backend.callsOf("lint_dockerfile").length;
    type(0, "# a\n");
    type(0, "# b\n");
    await vi.waitFor(() => expect(backend.callsOf("lint_dockerfile").at(-1)!.source).toBe(text()));
    expect(backend.callsOf("lint_dockerfile").length - before).toBe(1);
  });
});

describe("hover card", () => {
  it("shows the code and message at once, then why, example, fix and a link", async () => {
    const [finding] = view.state.field(lintFindings);
    const card = ruleDocCard(finding);
    expect(card.querySelector(".rule-code")!.textContent).toBe("DL3007");
    expect(card.querySelector(".rule-message")!.textContent).toBe(finding.message);
    await vi.waitFor(() => expect(card.querySelector(".rule-link")).not.toBeNull());
    expect(card.querySelector(".rule-why")!.textContent).toContain("reproducible");
    expect(card.querySelector(".rule-example")!.textContent).toBe("FROM alpine:latest");
    expect(card.querySelector(".rule-fixed")!.textContent).toBe("FROM alpine:3.20");
    expect(card.querySelector<HTMLAnchorElement>(".rule-link")!.href).toBe("https://example.invalid/rules/DL3007");
  });
});

describe("quick fixes", () => {
  it("Ctrl+. lists the fixes at the cursor, the first focused, and one applies on click", async () => {
    await vi.waitFor(() => expect($("#problem-count")!.textContent).toBe("2"));
    const at = text().indexOf("latest") + 2;
    view.dispatch({ selection: { anchor: at } });
    press(view.contentDOM, ".", { ctrl: true });
    const menu = $("#quick-fix-menu")!;
    expect(menu).not.toBeNull();
    const fix = menu.querySelector<HTMLButtonElement>(".quick-fix")!;
    expect(fix.textContent).toBe("Pin the tag (DL3007)");
    expect(document.activeElement).toBe(fix);
    fix.click();
    expect(text()).toContain("FROM alpine:3.20\n");
    expect($("#quick-fix-menu")).toBeNull();
  });

  it("clicking a problem moves the cursor to it", async () => {
    await vi.waitFor(() => expect($("#problem-count")!.textContent).toBe("1"));
    $(".problem")!.click();
    expect(view.state.selection.main.head).toBe(text().indexOf("latest"));
  });
});

describe("saving and external changes", () => {
  it("shows the dirty marker and Ctrl+S saves against the version read", async () => {
    expect($("#dirty-marker")!.hidden).toBe(false);
    expect(backend.callsOf("set_dirty").at(-1)).toEqual({ dirty: true });
    press(document.body, "s", { ctrl: true });
    await vi.waitFor(() => expect($("#dirty-marker")!.hidden).toBe(true));
    const save = backend.callsOf("save_dockerfile").at(-1)!;
    expect(save).toMatchObject({ path: "Dockerfile", text: text(), force: false });
    expect(backend.files.get("Dockerfile")).toBe(text());
    expect(backend.callsOf("set_dirty").at(-1)).toEqual({ dirty: false });
  });

  it("reloads a clean buffer silently, keeping the cursor", async () => {
    view.dispatch({ selection: { anchor: text().indexOf("USER") } });
    backend.writeExternally("Dockerfile", `# changed elsewhere\n${text()}`);
    await vi.waitFor(() => expect(text().startsWith("# changed elsewhere\n")).toBe(true));
    expect(view.state.sliceDoc(view.state.selection.main.head).startsWith("USER")).toBe(true);
    expect(($("#reload-prompt") as HTMLDialogElement).open).toBe(false);
    expect($("#dirty-marker")!.hidden).toBe(true);
  });

  it("asks before replacing unsaved edits, and keeps them on Keep mine", async () => {
    type(0, "# mine\n");
    backend.writeExternally("Dockerfile", "FROM theirs\n");
    const prompt = $("#reload-prompt") as HTMLDialogElement;
    await vi.waitFor(() => expect(prompt.open).toBe(true));
    $("#keep-btn")!.click();
    expect(prompt.open).toBe(false);
    expect(text().startsWith("# mine\n")).toBe(true);
  });

  it("asks overwrite or reload when saving over a changed file", async () => {
    press(document.body, "s", { ctrl: true });
    const conflict = $("#conflict-prompt") as HTMLDialogElement;
    await vi.waitFor(() => expect(conflict.open).toBe(true));
    $("#conflict-reload-btn")!.click();
    await vi.waitFor(() => expect(text()).toBe("FROM theirs\n"));
    expect($("#dirty-marker")!.hidden).toBe(true);
  });

  it("asks on close with unsaved changes and closes after Discard", async () => {
    type(0, "# unsaved\n");
    await backend.requestClose();
    const prompt = $("#close-prompt") as HTMLDialogElement;
    await vi.waitFor(() => expect(prompt.open).toBe(true));
    $("#close-discard-btn")!.click();
    await vi.waitFor(() => expect(backend.callsOf("close_window")).toHaveLength(1));
  });
});

describe("an unreadable Dockerfile", () => {
  it("shows the error, leaves the editor empty and read-only and never saves", async () => {
    backend.unreadable.set("broken.Dockerfile", { code: "binary", message: "broken.Dockerfile is a binary file" });
    const select = $("#dockerfile-select") as HTMLSelectElement;
    // Discard the edit above when asked.
    select.value = "broken.Dockerfile";
    select.dispatchEvent(new Event("change"));
    await vi.waitFor(() => expect(($("#close-prompt") as HTMLDialogElement).open).toBe(true));
    $("#close-discard-btn")!.click();
    await vi.waitFor(() => expect($("#error-banner")!.hidden).toBe(false));
    expect($("#error-text")!.textContent).toContain("broken.Dockerfile is a binary file");
    expect(text()).toBe("");
    expect(view.state.readOnly).toBe(true);
    const saves = backend.callsOf("save_dockerfile").length;
    press(document.body, "s", { ctrl: true });
    await Promise.resolve();
    expect(backend.callsOf("save_dockerfile")).toHaveLength(saves);
  });
});
