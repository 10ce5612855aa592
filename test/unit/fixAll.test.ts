import * as assert from 'node:assert/strict';
import { Finding, rangeOf } from '../../server/src/core/types';
import { fixAllEdits } from '../../server/src/fixes/fixAll';

function finding(line: number, newText: string, isPreferred = true): Finding {
  const range = rangeOf(line, 0, line, 3);
  return { ruleId: 'r', severity: 'warning', message: 'm', range, fixes: [{ title: 't', isPreferred, edits: [{ range, newText }] }] };
}

describe('fixAllEdits', () => {
  it('takes each finding\'s preferred fix, in document order', () => {
    assert.deepEqual(fixAllEdits([finding(3, 'b'), finding(1, 'a')]).map((e) => e.newText), ['a', 'b']);
  });

  it('skips fixes that are not preferred, and overlapping or duplicate edits', () => {
    assert.deepEqual(fixAllEdits([finding(1, 'a'), finding(1, 'a'), finding(1, 'c'), finding(2, 'x', false)]).map((e) => e.newText), ['a']);
  });
});
