// The split on every single-stage application Dockerfile of ../shared/corpus: where it is
// offered, every variant must pass the invariants, and a second application changes nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeDockerfile } from '../../server/src/core/decode';
import { splitIntoStages } from '../../server/src/fixes/split/splitStages';
import { PROJECT_ROOT, applyFix, applyFixVariants } from './helpers';
import { splitProblems } from './splitInvariants';

const CORPUS = path.resolve(PROJECT_ROOT, '..', 'shared', 'corpus');

describe('split on the corpus (single-stage app files)', function () {
  this.timeout(120_000);

  it('passes every invariant wherever it is offered', () => {
    const rows = fs.readFileSync(path.join(CORPUS, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
    const singleStageApps = rows.filter((row) => row[4] === '1' && row[6] === 'app');
    assert.equal(singleStageApps.length, 380);
    const failures: string[] = [];
    for (const [file] of singleStageApps) {
      const input = decodeDockerfile(fs.readFileSync(path.join(CORPUS, 'files', file)));
      for (const variant of applyFixVariants(splitIntoStages, input)) {
        const problems = splitProblems(input, variant.text);
        if (applyFix(splitIntoStages, variant.text) !== undefined) {
          problems.push('a second application changes the file again');
        }
        failures.push(...problems.map((problem) => `${file} [${variant.title}]: ${problem}`));
      }
    }
    assert.deepEqual(failures, []);
  });
});
