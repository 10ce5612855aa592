// Garbage-collection settings for the long-running language server, applied when it starts.
// An analysis allocates a lot that dies young (about 0.5 MB per corpus file, 50 MB per pass
// over a 1 MB file) while what stays alive is small (about 16 MB of heap after a thousand
// files opened and closed). With V8's defaults the young generation grows to 2 × 16 MB and the
// old generation is collected only once it has grown well past what is alive, so the process
// held three times the memory it used. Both settings are read by V8 at each collection, so
// setting them here, after start-up, takes effect (the server is often started as plain
// `node dist/server.js`, where command-line flags are up to the editor).
import { setFlagsFromString } from 'node:v8';

/**
 * - `--semi-space-growth-factor=1`: the young generation keeps the size it has at start-up
 *   instead of doubling under allocation pressure (more, shorter scavenges).
 * - `--heap-growing-percent=20`: after a full collection the old generation may grow by 20 %
 *   of what survived before the next one (V8 picks up to 100 % or more on its own).
 * Measured on the benchmark corpus (1,279 files opened and closed one at a time): peak RSS
 * 141–154 MB → 98 MB, with the same CPU time.
 */
export const GC_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=20'];

export function tuneGarbageCollection(): void {
  for (const flag of GC_FLAGS) {
    setFlagsFromString(flag);
  }
}

tuneGarbageCollection();
