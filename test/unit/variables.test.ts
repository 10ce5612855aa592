import * as assert from 'node:assert/strict';
import { substituteVariables } from '../../server/src/core/variables';
import { expand, expandFully } from '../../server/src/fixes/split/recipes/shared/stageScan';

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

describe('expand and expandFully (the split reading a stage)', () => {
  const vars = new Map([['APP', '/srv/app'], ['EMPTY', '']]);

  it('substitute like Docker, and give undefined for an unknown variable', () => {
    assert.equal(expand('${APP}/bin', vars), '/srv/app/bin');
    assert.equal(expand('${EMPTY:-/opt}', vars), '/opt');
    assert.equal(expand('$NAME/bin', vars), undefined);
  });

  it('expand leaves a command substitution as it is; expandFully refuses it and a backtick', () => {
    assert.equal(expand('-X main.commit=$(git rev-parse HEAD)', vars), '-X main.commit=$(git rev-parse HEAD)');
    assert.equal(expandFully('-X main.commit=$(git rev-parse HEAD)', vars), undefined);
    assert.equal(expandFully('`date`', vars), undefined);
    assert.equal(expandFully('$APP/venv', vars), '/srv/app/venv');
  });
});
