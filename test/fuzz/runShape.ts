// Runs a hostile shape (hostileShapes.ts) in a worker thread with a heap limit and time limits,
// sampling the process's memory from this thread while the worker works.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ShapeMessage } from './shapeWorker';

export interface ShapeRun {
  shape: string;
  chars?: number;
  lines?: number;
  /** Analysis + computing all code actions, wall time in ms; undefined when it did not finish. */
  workMs?: number;
  /** The same, in CPU time of the process (user + system): what it costs on a machine not busy with other work. */
  cpuMs?: number;
  /** Largest heap in use at the worker's checkpoints, minus the heap before the work, bytes. */
  heapGrowth?: number;
  /** Largest resident memory of the process sampled every 5 ms during the work, minus before, bytes. */
  rssGrowth?: number;
  analysed?: boolean;
  applied?: number;
  /** done; work-timeout: the work did not finish in time; check-timeout: checking its results did not. */
  outcome: 'done' | 'work-timeout' | 'check-timeout' | 'out-of-memory' | 'crashed';
  problems: string[];
  /** Wall time of the whole run (generation, work, checks), ms. */
  totalMs: number;
}

export interface ShapeLimits {
  /** The worker is stopped when the work takes longer (default 6 s). */
  workLimitMs?: number;
  /** ... or when checking the results takes longer (default 10 s). */
  checkLimitMs?: number;
  /** The worker's old-generation heap limit (default 1,024 MB). */
  heapLimitMb?: number;
  /** How the code actions' results are checked (exercise.ts; default full). */
  verify?: 'full' | 'instructions';
}

/**
 * The time the work took: the smaller of wall and CPU time, so that a machine busy with other
 * processes (wall time up) or parallel garbage collection (CPU time up) does not inflate it.
 */
export function workTime(run: ShapeRun): number | undefined {
  return run.workMs === undefined ? undefined : Math.min(run.workMs, run.cpuMs ?? run.workMs);
}

/** The larger of the two memory figures: what the work cost, in bytes. */
export function memoryGrowth(run: ShapeRun): number | undefined {
  return run.heapGrowth === undefined ? undefined : Math.max(run.heapGrowth, run.rssGrowth ?? 0);
}

export function runShape(shape: string, limits: ShapeLimits = {}): Promise<ShapeRun> {
  const { workLimitMs = 6_000, checkLimitMs = 10_000, heapLimitMb = 1024, verify } = limits;
  const started = Date.now();
  const run: ShapeRun = { shape, outcome: 'done', problems: [], totalMs: 0 };
  const worker = new Worker(path.join(__dirname, 'shapeWorker.js'), { workerData: { shape, verify }, resourceLimits: { maxOldGenerationSizeMb: heapLimitMb } });
  return new Promise((resolve) => {
    let rssBefore = 0;
    let rssPeak = 0;
    let sampler: NodeJS.Timeout | undefined;
    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    const finish = (outcome: ShapeRun['outcome'], problem?: string) => {
      if (finished) {
        return;
      }
      finished = true;
      clearInterval(sampler);
      clearTimeout(timer);
      if (run.workMs === undefined && rssPeak > 0) {
        run.rssGrowth = rssPeak - rssBefore;
      }
      run.outcome = outcome;
      if (problem) {
        run.problems.push(problem);
      }
      run.totalMs = Date.now() - started;
      void worker.terminate().then(() => resolve(run));
    };
    worker.on('message', (message: ShapeMessage) => {
      if (message.type === 'baseline') {
        run.chars = message.chars;
        run.lines = message.lines;
        rssBefore = rssPeak = process.memoryUsage.rss();
        sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 5);
        timer = setTimeout(() => finish('work-timeout', `analysis + code actions did not finish within ${workLimitMs / 1000} s (stopped)`), workLimitMs);
      } else if (message.type === 'work') {
        clearInterval(sampler);
        rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
        run.workMs = message.workMs;
        run.cpuMs = message.cpuMs;
        run.heapGrowth = message.heapGrowth;
        run.rssGrowth = rssPeak - rssBefore;
        clearTimeout(timer);
        timer = setTimeout(() => finish('check-timeout', `checking the code actions' results did not finish within ${checkLimitMs / 1000} s (stopped)`), checkLimitMs);
      } else {
        run.analysed = message.analysed;
        run.applied = message.applied;
        run.problems.push(...message.problems);
        finish('done');
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish('out-of-memory', `ran out of memory (heap limit ${heapLimitMb} MB)${run.workMs === undefined ? ' during analysis + code actions' : ' while checking the results'}`);
      } else {
        finish('crashed', `the worker threw: ${error.stack ?? error.message}`);
      }
    });
    worker.on('exit', (code) => finish('crashed', `the worker exited (code ${code}) before it reported`));
  });
}
