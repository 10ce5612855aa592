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
 * young generation's size after each analysis (bytes).
 */
function youngGenerationSizes(limited: boolean): number[] {
  const script = `
    const { limitYoungGeneration } = require(${JSON.stringify(TUNING_MODULE)});
    const v8 = require('node:v8');
    const sizes = [];
    let kept = [];
    for (let analysis = 0; analysis < 300; analysis++) {
      if (${limited}) limitYoungGeneration();
      if (analysis % 20 === 0) kept = [];
      for (let i = 0; i < 1.5e4; i++) kept.push({ line: i, character: analysis, text: 'x' + i });
      sizes.push(v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size);
    }
    console.log(JSON.stringify(sizes), kept.length);
  `;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout.split(' ')[0]) as number[];
}

/** The sizes after the first one at or above the limit (empty if none reaches it). */
function sizesAfterReachingLimit(sizes: number[]): number[] {
  const reached = sizes.findIndex((size) => size >= YOUNG_GENERATION_LIMIT);
  return reached === -1 ? [] : sizes.slice(reached);
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

  it('stops growing the young generation once it has reached its limit, when called before each analysis', () => {
    const unlimited = youngGenerationSizes(false);
    assert.ok(unlimited[unlimited.length - 1] > YOUNG_GENERATION_LIMIT, `without the limit the young generation ended at ${unlimited[unlimited.length - 1]} bytes: the test does not reach the limit`);
    const limited = sizesAfterReachingLimit(youngGenerationSizes(true));
    assert.ok(limited.length > 0, 'with the limit, the young generation never reached it: the test does not reach the limit');
    // The analysis that crosses the limit may end above it (growth is stopped between analyses, not during one); none after it grows it further.
    assert.ok(limited.every((size) => size <= limited[0]), `young generation after reaching ${YOUNG_GENERATION_LIMIT} bytes: ${[...new Set(limited)].join(', ')}`);
  });
});
