// A worker thread for scripts/fuzz.mjs: loads the corpus once, then exercises mutant after
// mutant (exercise.ts, full checks) as the main thread asks: { seed, index, longLineMax } in,
// MutantResult out. The main thread stops it when one takes too long.
import { parentPort, workerData } from 'node:worker_threads';
import { exercise } from './exercise';
import { loadCorpus, mutant } from './mutate';

export interface MutantRequest {
  seed: number;
  index: number;
  longLineMax: number;
}

export interface MutantResult {
  index: number;
  workMs: number;
  analysed: boolean;
  applied: number;
  problems: string[];
}

if (parentPort) {
  const port = parentPort;
  const corpus = loadCorpus((workerData as { corpus: string }).corpus);
  port.on('message', ({ seed, index, longLineMax }: MutantRequest) => {
    const input = mutant(corpus, seed, index, { longLineMax });
    const result = exercise(input.text, { cursorLine: index % 50 });
    const message: MutantResult = { index, workMs: result.workMs, analysed: result.analysed, applied: result.applied, problems: result.problems };
    port.postMessage(message);
  });
  port.postMessage('ready');
}
