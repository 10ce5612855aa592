import * as assert from 'node:assert/strict';
import { IdleParseRelease } from '../../server/src/lsp/idleParseRelease';

/** A parse that counts how often it was told to forget. */
function countingParse() {
  return { forgotten: 0, forgetRememberedLists() { this.forgotten++; } };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('IdleParseRelease (a large document left alone gives back its parse memory)', () => {
  it('tells the parse to forget once the document has gone the idle time without an analysis', async () => {
    const release = new IdleParseRelease(100);
    const parse = countingParse();
    release.analysed('file:///a', parse);
    await wait(20);
    assert.equal(parse.forgotten, 0, 'not while the user may still be typing');
    await wait(300);
    assert.equal(parse.forgotten, 1);
    await wait(200);
    assert.equal(parse.forgotten, 1, 'once, not again and again');
  });

  it('waits again from each new analysis, and not at all for a closed document', async () => {
    const release = new IdleParseRelease(200);
    const typedIn = countingParse();
    const closed = countingParse();
    release.analysed('file:///typed', typedIn);
    release.analysed('file:///closed', closed);
    release.closed('file:///closed');
    for (let keystroke = 0; keystroke < 6; keystroke++) {
      await wait(20);
      release.analysed('file:///typed', typedIn);
    }
    assert.equal(typedIn.forgotten, 0, 'analysed every 20 ms for 120 ms: still being typed in');
    await wait(400);
    assert.equal(typedIn.forgotten, 1);
    assert.equal(closed.forgotten, 0);
  });
});
