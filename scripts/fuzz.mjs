// `npm run fuzz`: the long fuzz run of issue #12 (`npm test` runs a bounded one,
// test/unit/fuzz.test.ts).
//
//   node scripts/fuzz.mjs [--duration SECONDS] [--seed N] [--time-limit MS] [--memory-limit MB]
//                         [--cli-every N] [--long-line-max CHARS] [--no-shapes]
//
// Needs dist/ (npm run build) and out/ (npx tsc -p .); `npm run fuzz` builds both.
// 1. Every hostile shape (test/fuzz/hostileShapes.ts): in-process (a worker thread: analysis +
//    all code actions, time and heap growth, every action's result checked), then through the CLI,
//    `node dist/cli.js FILE` and `node dist/cli.js --split FILE`, each in a child process with
//    --max-old-space-size, a time limit, and its peak memory (maxRSS) measured.
// 2. Mutations of ../shared/corpus until --duration has passed: each in-process (in a worker
//    that is replaced when an input exceeds the time limit), every --cli-every'th through the
//    CLI and --split too.
// Prints a summary table; saves each failing input with its report to
// test-results/fuzz-failures/; exits 1 when any input failed. Seed: --seed, else
// STAGECRAFT_FUZZ_SEED, else a new one (printed, so a run can be repeated).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'out', 'test', 'fuzz');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FAILURES = path.join(ROOT, 'test-results', 'fuzz-failures');
const require = createRequire(import.meta.url);

/** Issue #12's bounds for analysis + all code actions of one hostile shape. */
const BOUND_MS = 2_000;
const BOUND_BYTES = 200 * 1024 * 1024;

function parseOptions(argv) {
  const options = { duration: 300, seed: undefined, timeLimit: 10_000, memoryLimit: 512, cliEvery: 10, longLineMax: 200_000, shapes: true };
  const numbers = { '--duration': 'duration', '--seed': 'seed', '--time-limit': 'timeLimit', '--memory-limit': 'memoryLimit', '--cli-every': 'cliEvery', '--long-line-max': 'longLineMax' };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (name === '--no-shapes') {
      options.shapes = false;
    } else if (name in numbers) {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value)) {
        fail(`${name} needs a number`);
      }
      options[numbers[name]] = value;
    } else {
      fail(`unknown option ${name}`);
    }
  }
  return options;
}

function fail(message) {
  console.error(`fuzz: ${message}`);
  process.exit(2);
}

for (const needed of [CLI, path.join(OUT, 'exercise.js')]) {
  if (!fs.existsSync(needed)) {
    fail(`${path.relative(ROOT, needed)} is missing: run npm run build and npx tsc -p . (npm run fuzz does both)`);
  }
}
const { HOSTILE_SHAPES } = require(path.join(OUT, 'hostileShapes.js'));
const { runShape, memoryGrowth, workTime } = require(path.join(OUT, 'runShape.js'));
const { corpusDirectory, fuzzSeed, loadCorpus, mutant } = require(path.join(OUT, 'mutate.js'));
const { checkRewrite } = require(path.join(OUT, 'exercise.js'));

const options = parseOptions(process.argv.slice(2));
const seed = options.seed ?? fuzzSeed(Math.floor(Math.random() * 2 ** 31));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-fuzz-'));
/** Child processes report their peak memory on fd 3 when they exit. */
const PEAK_PRELOAD = path.join(scratch, 'peak.cjs');
fs.writeFileSync(PEAK_PRELOAD, "process.on('exit', () => { try { require('fs').writeSync(3, String(process.resourceUsage().maxRSS * 1024)); } catch {} });\n");
const failures = [];
const mb = (bytes) => (bytes === undefined ? '-' : `${Math.round(bytes / 1024 / 1024)}`);
const ms = (value) => (value === undefined ? '-' : `${Math.round(value)}`);

function saveFailure(name, text, report) {
  fs.mkdirSync(FAILURES, { recursive: true });
  const file = path.join(FAILURES, `${name}.Dockerfile`);
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(FAILURES, `${name}.txt`), report + '\n');
  failures.push({ name, report });
  return path.relative(ROOT, file);
}

/**
 * `node --max-old-space-size=<limit> dist/cli.js [--split] FILE` under the time limit: its wall
 * time, peak memory, exit, and what went wrong (a crash, running out of memory, the limit, a
 * --split result that breaks the split's invariants).
 */
function runCli(file, text, split) {
  const args = [`--max-old-space-size=${options.memoryLimit}`, '--require', PEAK_PRELOAD, CLI, ...(split ? ['--split'] : []), file];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const stdout = [];
    let stderr = '';
    let peak;
    let timedOut = false;
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdio[3].on('data', (chunk) => (peak = Number(chunk.toString())));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeLimit);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const run = { ms: performance.now() - started, peak, code, problems: [] };
      if (timedOut) {
        run.problems.push(`did not finish within ${options.timeLimit} ms (killed)`);
      } else if (/heap out of memory|Allocation failed/i.test(stderr)) {
        run.problems.push(`ran out of memory (--max-old-space-size=${options.memoryLimit})`);
      } else if (signal || code === null || code > 2 || /\n\s+at .+:\d+:\d+\)?\n/.test(stderr)) {
        run.problems.push(`crashed (exit ${code ?? signal}): ${stderr.slice(0, 4000)}`);
      } else if (split && code === 0) {
        run.problems.push(...checkRewrite(text, 'cli --split', Buffer.concat(stdout).toString('utf8')));
      }
      resolve(run);
    });
  });
}

const table = [];

async function fuzzShapes() {
  for (const { name, generate } of HOSTILE_SHAPES) {
    const text = generate();
    const file = path.join(scratch, 'Dockerfile');
    fs.writeFileSync(file, text);
    const run = await runShape(name, { workLimitMs: options.timeLimit, checkLimitMs: options.timeLimit * 3, verify: 'full' });
    const problems = [...run.problems];
    const took = workTime(run);
    const growth = memoryGrowth(run);
    if (run.outcome === 'done' && took !== undefined && took >= BOUND_MS) {
      problems.push(`analysis + code actions took ${ms(run.workMs)} ms (CPU ${ms(run.cpuMs)} ms; bound ${BOUND_MS} ms)`);
    }
    if (growth !== undefined && growth >= BOUND_BYTES) {
      problems.push(`memory grew by ${mb(growth)} MB (bound ${mb(BOUND_BYTES)} MB)`);
    }
    const cli = await runCli(file, text, false);
    const split = await runCli(file, text, true);
    problems.push(...cli.problems.map((p) => `cli: ${p}`), ...split.problems.map((p) => `cli --split: ${p}`));
    table.push([name, `${ms(run.workMs)} / ${ms(run.cpuMs)}`, mb(growth), run.outcome, `${ms(cli.ms)}`, mb(cli.peak), `${ms(split.ms)}`, mb(split.peak), split.code, problems.length === 0 ? 'ok' : 'FAIL']);
    if (problems.length > 0) {
      const saved = saveFailure(`shape-${name.replace(/[^A-Za-z0-9]+/g, '_')}`, text.length > 2_000_000 ? text.slice(0, 2_000_000) : text, `${name}\n\n${problems.join('\n\n')}`);
      console.log(`  FAIL ${name} (saved as ${saved}):\n    ${problems.map((p) => p.slice(0, 500)).join('\n    ')}`);
    } else {
      console.log(`  ok   ${name}`);
    }
  }
}

/** A worker exercising mutants (test/fuzz/mutantWorker.ts), replaced when one hangs. */
class MutantRunner {
  constructor(corpus) {
    this.corpus = corpus;
  }

  async start() {
    this.worker = new Worker(path.join(OUT, 'mutantWorker.js'), { workerData: { corpus: this.corpus }, resourceLimits: { maxOldGenerationSizeMb: options.memoryLimit * 2 } });
    this.worker.on('error', (error) => this.settle?.({ crashed: error }));
    this.worker.on('message', (message) => this.settle?.(message));
    await new Promise((resolve) => (this.settle = resolve));
  }

  async run(index) {
    const timer = setTimeout(() => this.settle?.({ timedOut: true }), options.timeLimit);
    const result = await new Promise((resolve) => {
      this.settle = resolve;
      this.worker.postMessage({ seed, index, longLineMax: options.longLineMax });
    });
    clearTimeout(timer);
    this.settle = undefined;
    if (result.timedOut || result.crashed) {
      await this.worker.terminate();
      await this.start();
      const problem = result.timedOut ? `analysis + code actions + checks did not finish within ${options.timeLimit} ms (stopped)` : `the worker died: ${result.crashed.stack ?? result.crashed}`;
      return { index, problems: [problem], analysed: false, applied: 0 };
    }
    return result;
  }
}

async function fuzzMutants(deadline) {
  const directory = corpusDirectory(ROOT);
  if (!fs.existsSync(path.join(directory, 'manifest.tsv'))) {
    console.log(`  SKIPPED: the corpus is not at ${directory}`);
    return process.env.CI === 'true' || process.env.CI === '1' ? 1 : 0;
  }
  const corpus = loadCorpus(directory);
  const runner = new MutantRunner(directory);
  await runner.start();
  const stats = { mutants: 0, analysed: 0, applied: 0, failed: 0, slowest: 0, cli: 0, cliMs: 0, cliPeak: 0, splitMs: 0, splitPeak: 0 };
  for (let index = 0; Date.now() < deadline; index++) {
    const input = mutant(corpus, seed, index, { longLineMax: options.longLineMax });
    const result = await runner.run(index);
    stats.mutants++;
    stats.analysed += result.analysed ? 1 : 0;
    stats.applied += result.applied;
    stats.slowest = Math.max(stats.slowest, result.workMs ?? options.timeLimit);
    const problems = [...result.problems];
    if (result.workMs !== undefined && result.workMs >= BOUND_MS) {
      problems.push(`analysis + code actions took ${ms(result.workMs)} ms (bound ${BOUND_MS} ms)`);
    }
    if (index % options.cliEvery === 0) {
      const file = path.join(scratch, 'Dockerfile');
      fs.writeFileSync(file, input.text);
      const cli = await runCli(file, input.text, false);
      const split = await runCli(file, input.text, true);
      stats.cli++;
      stats.cliMs = Math.max(stats.cliMs, cli.ms);
      stats.cliPeak = Math.max(stats.cliPeak, cli.peak ?? 0);
      stats.splitMs = Math.max(stats.splitMs, split.ms);
      stats.splitPeak = Math.max(stats.splitPeak, split.peak ?? 0);
      problems.push(...cli.problems.map((p) => `cli: ${p}`), ...split.problems.map((p) => `cli --split: ${p}`));
    }
    if (problems.length > 0) {
      stats.failed++;
      const what = `${input.file} with ${input.steps.join('; ')}`;
      const saved = saveFailure(`seed-${seed}-input-${index}`, input.text, `${what}\n(seed ${seed}, input ${index})\n\n${problems.join('\n\n')}`);
      console.log(`  FAIL input ${index}: ${what} (saved as ${saved}):\n    ${problems.map((p) => p.slice(0, 500)).join('\n    ')}`);
    }
    if (stats.mutants % 100 === 0) {
      console.log(`  ${stats.mutants} mutants, ${stats.failed} failed, ${Math.max(0, Math.round((deadline - Date.now()) / 1000))} s left`);
    }
  }
  await runner.worker.terminate();
  table.push([
    `corpus mutants (${stats.mutants}, ${stats.analysed} analysed, ${stats.applied} actions)`,
    `max ${ms(stats.slowest)}`,
    '-',
    `${stats.failed} failed`,
    `max ${ms(stats.cliMs)} (${stats.cli} runs)`,
    `max ${mb(stats.cliPeak)}`,
    `max ${ms(stats.splitMs)}`,
    `max ${mb(stats.splitPeak)}`,
    '-',
    stats.failed === 0 ? 'ok' : 'FAIL',
  ]);
  return 0;
}

function printTable() {
  const header = ['input', 'in-process ms (wall / CPU)', 'memory MB', 'outcome', 'cli ms', 'cli peak MB', '--split ms', '--split peak MB', '--split exit', 'result'];
  const rows = [header, ...table.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(['', line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n'));
}

const started = Date.now();
console.log(`fuzz: seed ${seed} (--seed ${seed} or STAGECRAFT_FUZZ_SEED=${seed} repeats this run), mutants for ${options.duration} s, time limit ${options.timeLimit} ms, memory limit ${options.memoryLimit} MB`);
let corpusMissing;
try {
  if (options.shapes) {
    console.log('hostile shapes:');
    await fuzzShapes();
  }
  console.log('corpus mutations:');
  corpusMissing = await fuzzMutants(Date.now() + options.duration * 1000);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
printTable();
console.log(`\nfuzz: ${failures.length} failing input(s) in ${Math.round((Date.now() - started) / 1000)} s, seed ${seed}${failures.length > 0 ? `; saved in ${path.relative(ROOT, FAILURES)}/` : ''}`);
process.exitCode = failures.length > 0 || corpusMissing ? 1 : 0;
