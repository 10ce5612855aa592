// Every quick fix the rules offer on ../shared/corpus, applied: the result must still parse and
// have no more errors than the file had ("a quick fix never makes a Dockerfile worse").
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeDockerfile } from '../../server/src/core/decode';
import { SHARED_CORPUS, analyze, applyEdits, requireSharedCorpus } from './helpers';

const CORPUS = SHARED_CORPUS;
const TODAY = '2026-11-29';

describe('quick fixes on the corpus', function () {
  this.timeout(120_000);
  before(function () {
    requireSharedCorpus(this);
  });

  it('never add an error, on any of the 1,283 files', () => {
    const files = fs.readFileSync(path.join(CORPUS, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t')[0]);
    let applied = 0;
    const worse: string[] = [];
    for (const file of files) {
      const text = decodeDockerfile(fs.readFileSync(path.join(CORPUS, 'files', file)));
      const before = analyze(text, { today: TODAY });
      const errors = before.findings.filter((finding) => finding.severity === 'error').length;
      for (const finding of before.findings) {
        for (const fix of finding.fixes ?? []) {
          applied++;
          const after = analyze(applyEdits(text, fix.edits), { today: TODAY });
          const added = after.findings.filter((f) => f.severity === 'error');
          if (!after.model || added.length > errors) {
            worse.push(`${file} [${finding.ruleId}] "${fix.title}": ${added.map((f) => `${f.ruleId}: ${f.message}`).join(' | ')}`);
          }
        }
      }
    }
    console.log(`      ${applied} quick fixes applied on ${files.length} files`);
    assert.ok(applied > 900, `fixes applied: ${applied}`);
    assert.deepEqual(worse, []);
  });
});
