import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { GC_FLAGS, LARGE_TEXT_LENGTH, YOUNG_GENERATION_LIMIT } from '../../server/src/gcTuning';

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
 * die), calling the server's `limitYoungGeneration` with `textLength` before each unless it is
 * undefined, and reports the young generation's size at the end (bytes).
 */
function youngGenerationAfterAnalyses(textLength: number | undefined): number {
  const script = `
    const { limitYoungGeneration } = require(${JSON.stringify(TUNING_MODULE)});
    const v8 = require('node:v8');
    let kept = [];
    for (let analysis = 0; analysis < 300; analysis++) {
      if (${textLength !== undefined}) limitYoungGeneration(${textLength ?? 0});
      if (analysis % 20 === 0) kept = [];
      for (let i = 0; i < 1.5e4; i++) kept.push({ line: i, character: analysis, text: 'x' + i });
    }
    console.log(v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size, kept.length);
  `;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return Number(result.stdout.split(' ')[0]);
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

  it('keeps the young generation within its limit when called before each analysis', () => {
    const unlimited = youngGenerationAfterAnalyses(undefined);
    const limited = youngGenerationAfterAnalyses(1000);
    assert.ok(unlimited > YOUNG_GENERATION_LIMIT, `without the limit the young generation stayed at ${unlimited} bytes: the test does not reach the limit`);
    assert.ok(limited <= YOUNG_GENERATION_LIMIT, `young generation ${limited} bytes, limit ${YOUNG_GENERATION_LIMIT}`);
  });

  it('lets the young generation grow past the limit for a large text', () => {
    const large = youngGenerationAfterAnalyses(LARGE_TEXT_LENGTH);
    assert.ok(large > YOUNG_GENERATION_LIMIT, `young generation ${large} bytes for a text of ${LARGE_TEXT_LENGTH} characters`);
  });
});
