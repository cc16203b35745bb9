// The build log keeps its last lines only: a chatty build must not grow the page without end.
export const LOG_LINE_CAP = 5000;

export interface LogAppend {
  /** Lines to add at the end. */
  added: string[];
  /** How many of the oldest lines to drop first. */
  dropped: number;
}

export class CappedLog {
  private count = 0;

  constructor(private readonly cap = LOG_LINE_CAP) {}

  /** Splits `text` into lines and says what the view must add and drop to stay at the cap. */
  push(text: string): LogAppend {
    let added = text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
    if (added.length > this.cap) added = added.slice(added.length - this.cap);
    const total = this.count + added.length;
    const dropped = Math.max(0, total - this.cap);
    this.count = total - dropped;
    return { added, dropped };
  }

  clear() {
    this.count = 0;
  }

  get length() {
    return this.count;
  }
}
