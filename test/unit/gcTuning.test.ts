import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { GC_FLAGS } from '../../server/src/gcTuning';

const TUNING_MODULE = path.join(__dirname, '../../server/src/gcTuning.js');

/**
 * Runs a child Node process that churns through short-lived objects (like an analysis does),
 * optionally after loading the server's GC settings, and reports the young generation's size
 * (MB) before and after.
 */
function youngGenerationGrowth(tuned: boolean): { before: number; after: number } {
  const script = `
    ${tuned ? `require(${JSON.stringify(TUNING_MODULE)});` : ''}
    const v8 = require('node:v8');
    const young = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size / 1048576;
    const before = young();
    let keep = [];
    for (let i = 0; i < 3e6; i++) {
      keep.push({ line: i, character: i % 80, text: 'x' + i });
      if (keep.length > 2e4) keep = [];
    }
    console.log(JSON.stringify({ before, after: young() }));
  `;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as { before: number; after: number };
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

  it('keeps the young generation small under allocation, where the defaults let it grow to 2 × 16 MB', () => {
    const untuned = youngGenerationGrowth(false);
    assert.ok(untuned.after > untuned.before, `without the settings the young generation grows (${JSON.stringify(untuned)})`);
    const tuned = youngGenerationGrowth(true);
    // V8 may still double it once from its start-up size; the defaults double it five times.
    assert.ok(tuned.after <= 2 * tuned.before && tuned.after * 4 <= untuned.after, `with them it stays small (${JSON.stringify({ tuned, untuned })})`);
  });
});
