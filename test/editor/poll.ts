// Waiting on conditions instead of sleeping: every wait in the editor tests goes through here.
export interface PollOptions {
  /** What we are waiting for, for the timeout message. */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  /** Checked before each probe: an error returned here ends the wait at once (e.g. the process died). */
  abort?: () => Error | undefined;
}

/**
 * Calls `probe` until it returns something other than undefined, and returns that.
 * A probe that throws counts as "not yet"; its last error is reported on timeout.
 */
export async function poll<T>(probe: () => Promise<T | undefined> | T | undefined, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const fatal = options.abort?.();
    if (fatal) {
      throw fatal;
    }
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
