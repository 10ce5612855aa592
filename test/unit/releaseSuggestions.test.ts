import * as assert from 'node:assert/strict';
import { newestSupported } from '../../server/src/catalog/languageReleases';
import { endOfLifeNote } from '../../server/src/fixes/split/recipes/node/nodeReleases';

describe('release suggestions read from the catalog (catalog/languageReleases.ts)', () => {
  it('suggests the newest Go release supported today, not a fixed one', () => {
    assert.equal(newestSupported('golang', '2026-12-06')?.version, '1.27');
    assert.equal(newestSupported('python', '2026-12-06')?.version, '3.14');
  });

  it('notes a kept Node major past its end of life by the catalog\'s date, and not before it ends', () => {
    assert.match(endOfLifeNote(20, 22, '2026-12-06')!, /^Node 20 is past its end of life \(2026-04-30\)/);
    assert.equal(endOfLifeNote(20, 22, '2026-04-30'), undefined, 'the last day of support');
    assert.equal(endOfLifeNote(22, 24, '2026-12-06'), undefined);
    assert.match(endOfLifeNote(22, 24, '2027-05-01')!, /past its end of life \(2027-04-30\)/);
  });
});
