import * as assert from 'node:assert/strict';
import { execFormWords, shellToExecForm } from '../../server/src/core/commands';
import { buildStageModel, parseDockerfile } from '../../server/src/core/stages';

function lastInstruction(text: string) {
  return buildStageModel(parseDockerfile(text)).stages[0].instructions.pop()!;
}

describe('commands', () => {
  it('reads exec-form words with spaces and escapes intact', () => {
    assert.deepEqual(execFormWords(lastInstruction('FROM x\nCMD ["echo hi there", "a\\"b"]\n')), ['echo hi there', 'a"b']);
  });

  it('has no exec-form words for shell form', () => {
    assert.deepEqual(execFormWords(lastInstruction('FROM x\nCMD echo hi\n')), []);
  });

  it('converts plain shell-form commands, dropping a leading exec', () => {
    assert.deepEqual(shellToExecForm('exec ./server --port 8080'), ['./server', '--port', '8080']);
    assert.deepEqual(shellToExecForm('node "my app.js"'), ['node', 'my app.js']);
  });

  it('refuses commands that need a shell', () => {
    for (const command of ['./app $PORT', 'a && b', 'a | b', 'a > log', 'ls *.txt', 'PORT=80 node app']) {
      assert.equal(shellToExecForm(command), undefined, command);
    }
  });
});
