// Robustness on 1,283 real Dockerfiles (../shared/corpus): no exception from the analysis or
// any fix, whatever the file holds (CRLF, BOM, UTF-16, template syntax, invalid on purpose).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDockerfile } from '../../server/src/core/analyze';
import { decodeDockerfile } from '../../server/src/core/decode';
import { ALL_FIXES } from '../../server/src/fixes';
import { SHARED_CORPUS, requireSharedCorpus } from './helpers';

const CORPUS = SHARED_CORPUS;

describe('corpus of real Dockerfiles', function () {
  this.timeout(120_000);
  before(function () {
    requireSharedCorpus(this);
  });

  it('analyses every file and computes every fix without an exception', () => {
    assert.ok(fs.existsSync(CORPUS), `the corpus is expected at ${CORPUS}`);
    const manifest = fs.readFileSync(path.join(CORPUS, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1);
    const failures: string[] = [];
    let analysed = 0;
    for (const row of manifest) {
      const file = row.split('\t')[0];
      const text = decodeDockerfile(fs.readFileSync(path.join(CORPUS, 'files', file)));
      try {
        const errors: unknown[] = [];
        const analysis = analyzeDockerfile(text, { onRuleError: (_rule, error) => errors.push(error) });
        if (errors.length > 0) {
          throw errors[0];
        }
        if (analysis.model) {
          analysed++;
          for (const fix of ALL_FIXES) {
            fix.compute({ model: analysis.model, text });
          }
        }
      } catch (error) {
        failures.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(manifest.length, 1283);
    assert.equal(analysed, manifest.length, 'every file is decoded to text we analyse');
  });
});
