import * as assert from 'node:assert/strict';
import { substituteVariables } from '../../server/src/core/variables';

describe('substituteVariables', () => {
  const values = new Map<string, string | undefined>([
    ['PY', '3.13'],
    ['EMPTY', ''],
    ['NODEFAULT', undefined],
  ]);

  it('replaces $NAME and ${NAME}', () => {
    assert.deepEqual(substituteVariables('python:${PY}-slim', values), { text: 'python:3.13-slim', unresolved: false });
    assert.deepEqual(substituteVariables('python:$PY', values), { text: 'python:3.13', unresolved: false });
  });

  it('applies :- and - defaults like the shell', () => {
    assert.equal(substituteVariables('${EMPTY:-x}', values).text, 'x');
    assert.equal(substituteVariables('${EMPTY-x}', values).text, '');
    assert.equal(substituteVariables('${MISSING:-node:24}', values).text, 'node:24');
  });

  it('applies :+ and + alternatives', () => {
    assert.equal(substituteVariables('a${PY:+-y}', values).text, 'a-y');
    assert.equal(substituteVariables('a${EMPTY:+-y}', values).text, 'a');
    assert.equal(substituteVariables('a${EMPTY+-y}', values).text, 'a-y');
  });

  it('marks a variable without a value as unresolved', () => {
    assert.equal(substituteVariables('${NODEFAULT}', values).unresolved, true);
    assert.equal(substituteVariables('$MISSING/app', values).unresolved, true);
  });
});
