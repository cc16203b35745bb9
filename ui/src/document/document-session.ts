// The open Dockerfile: its path, the version on disk the buffer is based on, whether the buffer
// has unsaved edits, and loading, saving and reloading it.
import type { FileVersion } from "../bindings";
import { ask } from "../dialogs";
import { byId } from "../dom";
import type { Editor } from "../editor/editor";
import { showError } from "../error-banner";
import { isApiError, readDockerfile, saveDockerfile, setDirty } from "../ipc";
import { reloadDecision } from "./reload-decision";

/** Errors that mean the file cannot be edited here at all. */
const UNREADABLE = new Set(["binary", "too_large", "permission_denied", "not_utf8"]);

export class DocumentSession {
  path: string | null = null;
  private version: FileVersion | null = null;
  private savedText = "";
  private dirty = false;
  /** The file could not be read: the editor is empty and read-only, nothing is saved over it. */
  private unreadable = false;
  /** The text a save in progress is writing. */
  private saving: string | null = null;

  constructor(
    private readonly editor: Editor,
    /** The editor now shows another file (or nothing). */
    private readonly onLoaded: () => void,
  ) {}

  get isDirty() {
    return this.dirty;
  }

  get canEdit() {
    return this.path !== null && !this.unreadable;
  }

  /** Opens `path` in the editor; an unreadable file leaves the editor empty and read-only. */
  async open(path: string | null) {
    this.path = path;
    this.version = null;
    this.unreadable = false;
    let text = "";
    if (path !== null) {
      try {
        const file = await readDockerfile(path);
        text = file.text;
        this.version = file.version;
      } catch (error) {
        this.unreadable = isApiError(error) && UNREADABLE.has(error.code);
        // A Dockerfile that does not exist yet opens empty; saving creates it.
        if (!(isApiError(error) && error.code === "not_found")) showError(error, `cannot open ${path}`);
      }
    }
    this.savedText = text;
    this.editor.load(text, path === null || this.unreadable);
    this.markDirty(false);
    this.onLoaded();
  }

  /** The editor's text changed. */
  changed(text: string) {
    this.markDirty(text !== this.savedText);
  }

  private markDirty(dirty: boolean) {
    byId("dirty-marker").hidden = !dirty;
    if (dirty === this.dirty) return;
    this.dirty = dirty;
    setDirty(dirty).catch(() => {});
  }

  /** Saves the buffer; true when it is on disk afterwards. Asks before overwriting a file changed by someone else. */
  async save(force = false): Promise<boolean> {
    if (!this.canEdit || this.path === null) return false;
    const path = this.path;
    const text = this.editor.text();
    this.saving = text;
    try {
      this.version = await saveDockerfile(path, text, this.version, force);
      this.savedText = text;
      this.changed(this.editor.text());
      return true;
    } catch (error) {
      if (isApiError(error) && error.code === "changed_on_disk") return this.resolveConflict();
      showError(error, `cannot save ${path}`);
      return false;
    } finally {
      this.saving = null;
    }
  }

  private async resolveConflict(): Promise<boolean> {
    const answer = await ask("conflict-prompt");
    if (answer === "overwrite") return this.save(true);
    if (answer === "reload") await this.takeDiskVersion();
    return false;
  }

  /** Replaces the buffer with the file on disk, as an undoable edit that keeps the cursor. */
  private async takeDiskVersion() {
    if (this.path === null) return;
    const file = await readDockerfile(this.path);
    this.version = file.version;
    this.savedText = file.text;
    this.editor.replaceText(file.text);
    this.markDirty(false);
  }

  /** The file changed on disk: reload a clean buffer, ask about a dirty one. */
  async diskChanged() {
    if (this.path === null) return;
    try {
      const disk = await readDockerfile(this.path);
      // The watcher may report our own save before the save returns its version.
      if (disk.text === this.saving) return;
      if (this.unreadable) {
        await this.open(this.path);
        return;
      }
      const decision = reloadDecision({ text: this.editor.text(), dirty: this.dirty, version: this.version }, disk);
      if (decision === "adopt") {
        this.version = disk.version;
        this.savedText = disk.text;
        this.markDirty(false);
      } else if (decision === "reload" || (decision === "prompt" && (await ask("reload-prompt")) === "reload")) {
        // When the user keeps the buffer, its version stays the old one, so the next save
        // asks again instead of overwriting the disk silently.
        await this.takeDiskVersion();
      }
    } catch (error) {
      showError(error, `cannot reload ${this.path}`);
    }
  }

  /** Before leaving the file (switching, opening another project, closing): false to stay. */
  async confirmLeave(): Promise<boolean> {
    if (!this.dirty) return true;
    const answer = await ask("close-prompt");
    if (answer === "save") return this.save();
    return answer === "discard";
  }
}
