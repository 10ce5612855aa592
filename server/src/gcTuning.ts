// Garbage-collection settings for the long-running language server, applied when it starts.
// An analysis allocates a lot that dies soon (about 0.5 MB per corpus file, 50 MB per pass
// over a 1 MB file) while what stays alive is small (about 16 MB of heap after a thousand
// files opened and closed). With V8's defaults the old generation is collected only once it
// has grown well past what is alive, so the process held far more memory than it used. V8
// reads these settings at each collection, so setting them here, after start-up, takes effect
// (the server is often started as plain `node dist/server.js`, where command-line flags are up
// to the editor).
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * `--heap-growing-percent=20`: after a full collection the old generation may grow by 20 % of
 * what survived before the next one (V8 picks up to 100 % or more on its own). Measured with
 * `npm run bench` (same machine, back to back, 20 keystrokes on the generated 1 MB file):
 *
 * | settings                                   | peak RSS (corpus / with 1 MB) | 1 MB keystroke | largest-file burst |
 * | V8's defaults                              | 181 / 219 MB                  | 76 ms          | 77 ms              |
 * | this one                                   | 135 / 181 MB                  | 86 ms          | 76 ms              |
 * | with --semi-space-growth-factor=1 as well  | 113 / 146 MB                  | 164 ms         | 151 ms             |
 *
 * Keeping the young generation at its start-up size (1 MB semi-spaces) saves more memory but
 * doubles the time of a large file's analysis (many more scavenges); `limitYoungGeneration`
 * lets it grow to a quarter of V8's maximum instead.
 */
export const GC_FLAGS = ['--heap-growing-percent=20'];

/**
 * The young generation (two semi-spaces) grows no further once it is this large: 8 MB, a quarter
 * of V8's 32 MB. V8 doubles it as objects survive scavenges, and a thousand small files opened
 * one after another take it to the maximum although each needs little. The limit holds for large
 * texts too (until session 12 a text of 200,000 characters or more let it grow to V8's maximum).
 *
 * `npm run bench` (2026-12-07, this machine, whole runs one after the other):
 *
 * | young generation at most                   | peak RSS (corpus / with 1 MB) | 1 MB keystroke | largest-file burst |
 * | 16 MB, 32 MB for texts of 200,000 or more  | 109 / 166 MB                  | 82 ms          | 32 ms              |
 * | 8 MB for every text (this one)             | 103 / 133 MB                  | 80 ms          | 33 ms              |
 *
 * With 2 MB (1 MB semi-spaces), large analyses took two to three times as long.
 */
export const YOUNG_GENERATION_LIMIT = 8 * 1024 * 1024;

export function tuneGarbageCollection(): void {
  for (const flag of GC_FLAGS) {
    setFlagsFromString(flag);
  }
  limitYoungGeneration();
}

let growing: boolean | undefined;

/**
 * Before each analysis: lets the young generation grow (V8's growth factor 2) while it is below
 * `YOUNG_GENERATION_LIMIT`, else not (factor 1). V8 has no run-time maximum, hence a call before
 * each analysis. It can only stop growth between analyses: an analysis that starts below the
 * limit may still double it once or twice before it ends (more so in an analysis that keeps
 * much alive); after that it grows no more.
 */
export function limitYoungGeneration(): void {
  const youngBytes = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
  const grow = youngBytes < YOUNG_GENERATION_LIMIT;
  if (grow !== growing) {
    growing = grow;
    setFlagsFromString(`--semi-space-growth-factor=${grow ? 2 : 1}`);
  }
}

tuneGarbageCollection();
