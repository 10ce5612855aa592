// Runs one hostile shape in a worker thread, so that running out of memory or never finishing
// costs the worker, not the test run (see runShape.ts): generates it, then measures analysis +
// all code actions (time, heap growth over the heap after generating the input) and checks the
// results. workerData: { shape: string, verify?: 'full' | 'instructions' }. Posts, in order: `baseline` (the input is ready, the
// measured work starts), `work` (its time and heap growth), `done` (the checks' problems).
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { ExerciseOptions, exercise } from './exercise';
import { HOSTILE_SHAPES } from './hostileShapes';

export type ShapeMessage =
  | { type: 'baseline'; chars: number; lines: number }
  | { type: 'work'; workMs: number; cpuMs: number; heapGrowth: number }
  | { type: 'done'; analysed: boolean; applied: number; problems: string[] };

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function run(name: string, verify: ExerciseOptions['verify'], post: (message: ShapeMessage) => void): void {
  const shape = HOSTILE_SHAPES.find((candidate) => candidate.name === name);
  if (!shape) {
    throw new Error(`no hostile shape named ${name}`);
  }
  const text = shape.generate();
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    lines++;
  }
  gc();
  const baseline = v8.getHeapStatistics().used_heap_size;
  let peak = baseline;
  const checkpoint = () => {
    peak = Math.max(peak, v8.getHeapStatistics().used_heap_size);
  };
  post({ type: 'baseline', chars: text.length, lines });
  // The process's CPU time: this thread works, the main thread only samples memory.
  const cpuBefore = process.cpuUsage();
  const onWorkDone = (workMs: number) => {
    const cpu = process.cpuUsage(cpuBefore);
    post({ type: 'work', workMs, cpuMs: (cpu.user + cpu.system) / 1000, heapGrowth: peak - baseline });
  };
  const result = exercise(text, { checkpoint, onWorkDone, verify });
  post({ type: 'done', analysed: result.analysed, applied: result.applied, problems: result.problems });
}

if (parentPort) {
  const port = parentPort;
  const { shape, verify } = workerData as { shape: string; verify?: ExerciseOptions['verify'] };
  run(shape, verify, (message) => port.postMessage(message));
}
