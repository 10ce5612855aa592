// Memory kept for typing, given back when the typing stops. A large document's kept parse
// (core/stageChunks.ts) remembers each instruction's argument lists, which makes the next
// keystroke's analysis faster; on the generated 1 MB file they are about 26 MB of heap. Once a
// document has gone a while without an analysis, its parse forgets them.

/** What is released: a document's incremental parser. */
export interface ReleasableParse {
  forgetRememberedLists(): void;
}

/** How long after a document's last analysis its parse forgets its remembered lists. */
export const IDLE_RELEASE_MS = 5_000;

export class IdleParseRelease {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly idleMs = IDLE_RELEASE_MS) {}

  /** The document was just analysed: its parse forgets once it has gone `idleMs` without another analysis. */
  analysed(uri: string, parse: ReleasableParse): void {
    this.cancel(uri);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      parse.forgetRememberedLists();
    }, this.idleMs);
    timer.unref(); // never what keeps the process alive
    this.timers.set(uri, timer);
  }

  /** The document was closed (its parse is dropped): nothing left to release. */
  closed(uri: string): void {
    this.cancel(uri);
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.timers.delete(uri);
    }
  }
}
