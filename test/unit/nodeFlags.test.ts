import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { SERVER_NODE_FLAGS } from '../../server/src/nodeFlags';

/** Runs `node <flags> -e <script>` and returns its exit status and output. */
function nodeWith(flags: readonly string[], script: string) {
  return spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' });
}

describe('Node.js options of the server process', function () {
  this.timeout(20_000);

  it('are options this Node.js accepts (an unknown one would stop the server from starting)', () => {
    const result = nodeWith(SERVER_NODE_FLAGS, 'console.log(JSON.stringify(process.execArgv))');
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).slice(0, SERVER_NODE_FLAGS.length), [...SERVER_NODE_FLAGS]);
    // The same check fails for an option Node does not know, so it can tell the two apart.
    assert.notEqual(nodeWith(['--v8-pool-sizes=1'], '0').status, 0);
  });
});
