// Seeded fuzzing (issue #12), bounded for `npm test`:
// - mutations of the real Dockerfiles of ../shared/corpus (test/fuzz/mutate.ts): the analysis
//   never throws, no rule throws, every code action applies and keeps every instruction;
// - inputs the fuzzer once failed on, saved under test/fixtures/fuzz/, each tested by name;
// - the hostile shapes of test/fuzz/hostileShapes.ts, each in a worker thread: the same checks,
//   plus analysis + all code actions within 2 s and with memory growth under 200 MB.
// The seed is printed; STAGECRAFT_FUZZ_SEED=<n> runs another one. `npm run fuzz` runs longer.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exercise } from '../fuzz/exercise';
import { HOSTILE_SHAPES } from '../fuzz/hostileShapes';
import { corpusDirectory, fuzzSeed, loadCorpus, mutant } from '../fuzz/mutate';
import { ShapeRun, memoryGrowth, runShape, workTime } from '../fuzz/runShape';
import { FIXTURES, PROJECT_ROOT } from './helpers';

const CORPUS = corpusDirectory(PROJECT_ROOT);
const SAVED = path.join(FIXTURES, 'fuzz');
const FAILURES = path.join(PROJECT_ROOT, 'test-results', 'fuzz-failures');
/** Mutants per run: about 12 s. */
const MUTANTS = 150;
/** A mutant of a real file taking longer than this (issue #12's bound) is a failure too. */
const SLOW_MS = 2_000;
/** Lines the long-line mutation inserts are at most this long here (`npm run fuzz`: 200,000). */
const LONG_LINE_MAX = 50_000;
/** Issue #12's bounds for each hostile shape: analysis + all code actions. */
const TIME_BOUND_MS = 2_000;
const MEMORY_BOUND = 200 * 1024 * 1024;

const megabytes = (bytes: number | undefined) => (bytes === undefined ? '?' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);

function inCi(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

/** Writes a failing input where a developer finds it, and returns where. */
function saveFailure(name: string, text: string, report: string): string {
  fs.mkdirSync(FAILURES, { recursive: true });
  const file = path.join(FAILURES, `${name}.Dockerfile`);
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(FAILURES, `${name}.txt`), report);
  return path.relative(PROJECT_ROOT, file);
}

describe('fuzz', function () {
  const seed = fuzzSeed();

  describe(`mutations of the corpus (seed ${seed})`, function () {
    this.timeout(60_000);

    it(`${MUTANTS} mutants: no exception, every code action applies and keeps every instruction`, function () {
      if (!fs.existsSync(path.join(CORPUS, 'manifest.tsv'))) {
        const message = `the corpus is not at ${CORPUS}: the corpus fuzz did not run`;
        if (inCi()) {
          assert.fail(`${message} (CI=true: the corpus is required)`);
        }
        console.log(`      SKIPPED: ${message}`);
        this.skip();
      }
      console.log(`      fuzz seed ${seed} (STAGECRAFT_FUZZ_SEED=<n> to change it)`);
      const corpus = loadCorpus(CORPUS);
      const failures: string[] = [];
      const started = Date.now();
      let analysed = 0;
      let applied = 0;
      for (let index = 0; index < MUTANTS; index++) {
        const input = mutant(corpus, seed, index, { longLineMax: LONG_LINE_MAX });
        const result = exercise(input.text, { cursorLine: index % 50 });
        analysed += result.analysed ? 1 : 0;
        applied += result.applied;
        const problems = [...result.problems];
        if (result.workMs > SLOW_MS) {
          problems.push(`analysis + code actions took ${result.workMs.toFixed(0)} ms (more than ${SLOW_MS} ms)`);
        }
        if (problems.length > 0) {
          const name = `seed-${seed}-input-${index}`;
          const report = `${input.file} with ${input.steps.join('; ')}\n\n${problems.join('\n\n')}\n`;
          const saved = saveFailure(name, input.text, report);
          failures.push(`input ${index} (${input.file} with ${input.steps.join('; ')}), saved as ${saved}:\n  ${problems.join('\n  ')}`);
        }
      }
      console.log(`      ${MUTANTS} mutants in ${((Date.now() - started) / 1000).toFixed(1)} s: ${analysed} analysed, ${applied} code actions applied`);
      assert.deepEqual(failures, []);
      // The mutations must mostly leave something to analyse, or they test only the refusal.
      assert.ok(analysed > MUTANTS * 0.8, `analysed ${analysed} of ${MUTANTS}`);
      assert.ok(applied > MUTANTS, `code actions applied: ${applied}`);
    });
  });

  describe('inputs the fuzzer failed on (test/fixtures/fuzz/)', () => {
    const saved = fs.existsSync(SAVED) ? fs.readdirSync(SAVED).filter((name) => name.endsWith('.Dockerfile')).sort() : [];
    for (const name of saved) {
      it(name, () => {
        const result = exercise(fs.readFileSync(path.join(SAVED, name), 'utf8'));
        assert.deepEqual(result.problems, []);
        assert.ok(result.workMs < SLOW_MS, `analysis + code actions took ${result.workMs.toFixed(0)} ms`);
      });
    }
  });

  describe(`hostile shapes: analysis + all code actions within ${TIME_BOUND_MS / 1000} s and ${megabytes(MEMORY_BOUND)}`, function () {
    this.timeout(30_000);
    const runs: ShapeRun[] = [];

    after(() => {
      fs.mkdirSync(path.join(PROJECT_ROOT, 'test-results'), { recursive: true });
      fs.writeFileSync(path.join(PROJECT_ROOT, 'test-results', 'fuzz-shapes.json'), JSON.stringify(runs, null, 2) + '\n');
    });

    for (const { name } of HOSTILE_SHAPES) {
      it(name, async () => {
        // Stopped at 2.5 times the bound, so a shape that never ends costs 5 s, not the run. The
        // results of the code actions are parsed, not analysed: a full analysis of each costs as
        // much as the work itself (`npm run fuzz` analyses them). Checking is the test's own
        // work, not the server's: its limit only catches a hang (5 s was hit on a loaded machine).
        const run = await runShape(name, { workLimitMs: TIME_BOUND_MS * 2.5, checkLimitMs: 15_000, verify: 'instructions' });
        runs.push(run);
        const took = workTime(run);
        const work = run.workMs === undefined ? `> ${TIME_BOUND_MS * 2.5} ms` : `${run.workMs.toFixed(0)} ms (CPU ${run.cpuMs?.toFixed(0)} ms)`;
        const growth = memoryGrowth(run);
        console.log(
          `      ${name}: ${run.chars} chars, ${run.lines} lines, ${run.analysed === false ? 'refused' : 'analysed'}; ` +
            `analysis + code actions ${work}, heap +${megabytes(run.heapGrowth)}, process memory +${megabytes(run.rssGrowth)}; ` +
            `${run.applied ?? '?'} actions applied; ${run.outcome}`,
        );
        assert.ok(took !== undefined && took < TIME_BOUND_MS, `analysis + code actions took ${work} (bound ${TIME_BOUND_MS} ms)`);
        assert.ok(growth !== undefined && growth < MEMORY_BOUND, `memory grew by ${megabytes(growth)} (bound ${megabytes(MEMORY_BOUND)})`);
        assert.deepEqual(run.problems, []);
        assert.equal(run.outcome, 'done');
      });
    }
  });
});
