import * as assert from 'node:assert/strict';
import { closestMatches, editDistance, typoBudget } from '../../../server/src/rules/editDistance';

describe('edit distance (did-you-mean)', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions as 1', () => {
    assert.equal(editDistance('build', 'build'), 0);
    assert.equal(editDistance('buidl', 'build'), 1);
    assert.equal(editDistance('buld', 'build'), 1);
    assert.equal(editDistance('builds', 'build'), 1);
    assert.equal(editDistance('bxild', 'build'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('ca', 'abc'), 3);
    assert.equal(editDistance('test', 'dist'), 2);
  });

  it('allows no typo in one or two characters, 1 up to five, 2 from six', () => {
    assert.deepEqual([typoBudget('ab'), typoBudget('abc'), typoBudget('abcde'), typoBudget('abcdef')], [0, 1, 1, 2]);
  });

  it('returns the closest candidates within budget, ignoring case and exact matches', () => {
    assert.deepEqual(closestMatches('Biuld', ['build', 'base', 'test']), ['build']);
    assert.deepEqual(closestMatches('build', ['builder']), ['builder']);
    assert.deepEqual(closestMatches('test', ['dist']), []);
    assert.deepEqual(closestMatches('build', ['build', 'BUILD']), []);
    assert.deepEqual(closestMatches('web2', ['web1', 'web3', 'web']), ['web1', 'web3', 'web']);
  });
});
