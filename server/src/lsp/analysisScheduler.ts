// When to analyse a document. No fixed delay: a document is analysed as soon as the server is
// free, after a pause a third as long as its last analysis took (a 1 KB file waits no time, a 1 MB
// file a few tens of milliseconds), so typing in a small file shows findings at once and a burst
// of edits to a large one still costs one analysis per pause, not one per keystroke, leaving the
// server free a quarter of the time for hovers and completions. Edits that arrive while an analysis
// runs collapse into one next analysis of the latest text.

/** The longest pause, however slow the last analysis was. */
export const MAX_PAUSE_MS = 500;

/** Runs one analysis of the document's current text; resolves with how long its work took. */
export type RunAnalysis = (uri: string) => Promise<number | undefined>;

interface DocumentState {
  /** Cancels the pending analysis, if one is waiting. */
  cancel?: () => void;
  running: boolean;
  /** An edit came while the analysis ran: analyse again when it ends. */
  again: boolean;
  /** How long the last analysis took, in milliseconds. */
  lastCostMs: number;
  /** An analysis has started since the document was opened. */
  analysed: boolean;
}

export class AnalysisScheduler {
  private readonly states = new Map<string, DocumentState>();

  constructor(
    private readonly run: RunAnalysis,
    private readonly onError: (uri: string, error: unknown) => void,
  ) {}

  /** The document changed (or was opened, or settings changed): analyse its latest text. */
  request(uri: string): void {
    const state = this.stateOf(uri);
    if (state.running) {
      state.again = true;
      return;
    }
    state.cancel?.();
    if (!state.analysed) {
      // A document just opened: analyse it on the next turn of the event loop.
      const immediate = setImmediate(() => this.start(uri));
      state.cancel = () => clearImmediate(immediate);
      return;
    }
    // An edit: a timer even for no pause (Node waits at least a millisecond), so edits that
    // arrive back to back, already queued behind this one, are taken in before it fires and a
    // burst of typing is one analysis. (On the next turn of the event loop instead, a burst of
    // 20 edits to a small file was analysed 11 times, and its last result came later.)
    const timer = setTimeout(() => this.start(uri), this.pauseFor(state));
    state.cancel = () => clearTimeout(timer);
  }

  /** The document was closed: drop what is pending. */
  forget(uri: string): void {
    this.states.get(uri)?.cancel?.();
    this.states.delete(uri);
  }

  /** The pause before the next analysis, for tests and the benchmark's notes. */
  pauseFor(state: Pick<DocumentState, 'lastCostMs'>): number {
    return Math.min(MAX_PAUSE_MS, Math.round(state.lastCostMs / 3));
  }

  private stateOf(uri: string): DocumentState {
    let state = this.states.get(uri);
    if (!state) {
      state = { running: false, again: false, lastCostMs: 0, analysed: false };
      this.states.set(uri, state);
    }
    return state;
  }

  private start(uri: string): void {
    const state = this.states.get(uri);
    if (!state) {
      return; // closed meanwhile
    }
    state.cancel = undefined;
    state.running = true;
    state.analysed = true;
    state.again = false;
    this.run(uri)
      .then((costMs) => {
        if (costMs !== undefined) {
          state.lastCostMs = costMs;
        }
      })
      .catch((error: unknown) => this.onError(uri, error))
      .finally(() => {
        state.running = false;
        if (state.again && this.states.get(uri) === state) {
          this.request(uri);
        }
      });
  }
}
