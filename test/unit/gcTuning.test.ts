import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { GC_FLAGS, YOUNG_GENERATION_LIMIT } from '../../server/src/gcTuning';

const TUNING_MODULE = path.join(__dirname, '../../server/src/gcTuning.js');

/**
 * Runs a child Node process that keeps some data alive and churns through objects that live
 * long enough to reach the old generation, then die (like an analysis's parse), optionally after
 * loading the server's GC settings, and reports the heap's peak size (MB).
 */
function peakHeap(tuned: boolean): number {
  const script = `
    ${tuned ? `require(${JSON.stringify(TUNING_MODULE)});` : ''}
    const v8 = require('node:v8');
    const live = [];
    for (let i = 0; i < 3e5; i++) live.push({ line: i, character: i % 80, text: 'k' + i });
    let peak = 0;
    let batch = [];
    for (let round = 0; round < 60; round++) {
      batch = [];
      for (let i = 0; i < 1e5; i++) batch.push({ line: i, character: round, text: 'x' + i });
      peak = Math.max(peak, v8.getHeapStatistics().total_heap_size);
    }
    console.log(Math.round(peak / 1048576), live.length + batch.length);
  `;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return Number(result.stdout.split(' ')[0]);
}

/**
 * Runs a child Node process that does 300 "analyses" (objects that survive a few scavenges, then
 * die), calling the server's `limitYoungGeneration` before each when `limited`, and reports the
 * young generation's size before and after each analysis (bytes).
 */
function youngGenerationSizes(limited: boolean): { before: number; after: number }[] {
  const script = `
    const { limitYoungGeneration } = require(${JSON.stringify(TUNING_MODULE)});
    const v8 = require('node:v8');
    const young = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
    const sizes = [];
    let kept = [];
    for (let analysis = 0; analysis < 300; analysis++) {
      if (${limited}) limitYoungGeneration();
      const before = young();
      if (analysis % 20 === 0) kept = [];
      for (let i = 0; i < 1.5e4; i++) kept.push({ line: i, character: analysis, text: 'x' + i });
      sizes.push({ before, after: young() });
    }
    console.log(JSON.stringify(sizes), kept.length);
  `;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout.split(' ')[0]) as { before: number; after: number }[];
}

/** The analyses that started with the young generation at or above the limit and ended with it larger. */
function growthPastTheLimit(sizes: { before: number; after: number }[]): string[] {
  return sizes.filter(({ before, after }) => before >= YOUNG_GENERATION_LIMIT && after > before).map(({ before, after }) => `${before} -> ${after}`);
}

describe('garbage-collection settings of the server', function () {
  // Child processes on a shared machine.
  this.timeout(30_000);

  it('names only flags this Node.js knows', () => {
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    for (const flag of GC_FLAGS) {
      const name = flag.replace(/^--/, '').replace(/=.*$/, '');
      assert.ok(options.includes(`--${name} `), `${name} is not a V8 option of ${process.version}`);
    }
  });

  it('collects the old generation sooner, so the heap stays well below the defaults\' peak', () => {
    const untuned = peakHeap(false);
    const tuned = peakHeap(true);
    // About 90 against 160-180 MB on the development machine.
    assert.ok(tuned * 1.4 < untuned, `peak heap ${tuned} MB with the settings, ${untuned} MB without`);
  });

  it('does not let an analysis that starts at the limit grow the young generation, when called before each analysis', () => {
    // What it can guarantee: growth is stopped between analyses, so one that starts below the
    // limit may still end above it, and V8 may shrink the young generation and grow it again.
    const unlimited = youngGenerationSizes(false);
    assert.ok(growthPastTheLimit(unlimited).length > 0, `without the limit no analysis grew the young generation past ${YOUNG_GENERATION_LIMIT} bytes: the test does not reach the limit`);
    const limited = youngGenerationSizes(true);
    assert.ok(limited.some(({ after }) => after >= YOUNG_GENERATION_LIMIT), 'with the limit, the young generation never reached it: the test does not reach the limit');
    assert.deepEqual(growthPastTheLimit(limited), []);
  });
});
