// The shared shell-start check as the binary and Node recipes use it: where exec finds a script
// named without a path, and which start commands the runtime keeps as they are.
import * as assert from 'node:assert/strict';
import { BuildContext } from '../../server/src/fixes/fix';
import { ShellStart, ShellStartInput, shellStart } from '../../server/src/fixes/split/recipes/shared/shellStart';
import { binaryShellSetup, keepsShellStart, passedToShellStart } from '../../server/src/fixes/split/recipes/shared/shellRuntime';

const files: Record<string, string> = {
  'docker-entrypoint.sh': '#!/bin/bash\nset -e\nexport GREETING="${GREETING:-hi}"\nexec "$@"\n',
  'run.sh': '#!/bin/bash\nfor i in $(seq 1 $(nproc --all)); do\n  ./server &\ndone\nwait\n',
  // ecsdemo-nodejs's startup.sh has the same shape: case patterns are not programs to look for.
  'modes.sh': '#!/bin/sh\ncase "$MODE" in\n  ten|10)\n    exec ./server --workers 10 ;;\n  *)\n    exec ./server ;;\nesac\n',
};
const buildContext: BuildContext = { readFile: (path) => files[path] };

function check(start: Partial<ShellStartInput>): ShellStart {
  const outcome = shellStart({
    workdir: '/app',
    // `COPY . .` and `COPY docker-entrypoint.sh /usr/local/bin/`: the script is in both places.
    copies: [{ sources: ['.'], destination: '/app', intoDirectory: true }, { sources: ['docker-entrypoint.sh'], destination: '/usr/local/bin', intoDirectory: true }],
    buildContext,
    distro: 'debian',
    installed: [],
    runtimeImage: 'debian:trixie-slim',
    isAppProgram: (program) => program === 'node' || program === './server',
    ...start,
  });
  assert.ok(outcome && !('declined' in outcome), JSON.stringify(outcome));
  return outcome;
}

describe('split: shell starts on a runtime with a shell', () => {
  it('finds an ENTRYPOINT script named without a path on PATH, where exec finds it, not in the WORKDIR', () => {
    const shell = check({ entrypoint: { words: ['docker-entrypoint.sh'] }, cmd: { words: ['node', 'server.js'] } });
    assert.deepEqual(shell.scripts, ['/usr/local/bin/docker-entrypoint.sh']);
    assert.equal(shell.passesArguments, true);
    assert.equal(passedToShellStart({ keyword: 'CMD', words: ['node', 'server.js'] }, shell), true);
  });

  it('keeps `bash run.sh` (shell form, plain words) as the start, and records the binary it runs', () => {
    const shell = check({ cmd: { shellForm: 'bash run.sh' } });
    assert.deepEqual(shell.appCommands, [['./server']]);
    assert.equal(keepsShellStart({ keyword: 'CMD', words: ['bash', 'run.sh'] }, shell), true);
    assert.equal(keepsShellStart({ keyword: 'ENTRYPOINT', words: ['bash', 'run.sh'] }, shell), false);
    assert.equal(keepsShellStart({ keyword: 'CMD', words: ['./server'] }, shell), false);
  });

  it('reads a case statement in a start script: its patterns are no programs, its branches are checked', () => {
    const shell = check({ cmd: { shellForm: 'sh modes.sh' }, copies: [{ sources: ['.'], destination: '/app', intoDirectory: true }] });
    assert.deepEqual(shell.appCommands, [['./server', '--workers', '10'], ['./server']]);
  });

  it('installs what distroless would have given a binary, and the script\'s tools, on debian:trixie-slim', () => {
    const shell = check({ cmd: { shellForm: 'sh -c "./server 2>&1 | tee /var/log/app.log"' } });
    const lines = binaryShellSetup({ ...shell, packages: ['netcat-openbsd'] }, []).join('\n');
    assert.match(lines, /apt-get install -y --no-install-recommends netcat-openbsd ca-certificates tzdata/);
    assert.match(lines, /useradd --uid 65532/);
    assert.match(lines, /chown 65532:65532 \/var\/log\/app\.log/);
  });
});
