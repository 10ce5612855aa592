// The CLI's pieces that need no process: argument parsing, --fail-on, file names, colour,
// fingerprints and the atomic write (the command itself: test/protocol/cliCheck.test.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { failsOn, parseArguments } from '../../server/src/cli/args';
import { writeFileAtomically } from '../../server/src/cli/atomicWrite';
import { fingerprint } from '../../server/src/cli/format/sarif';
import { useColour } from '../../server/src/cli/format/text';
import { isDockerfileName } from '../../server/src/cli/walk';

describe('CLI parts', () => {
  it('parses check, split, help and the older forms', () => {
    assert.deepEqual(parseArguments([]), { command: 'help', requested: false });
    assert.deepEqual(parseArguments(['check', '--help']), { command: 'help', requested: true });
    assert.deepEqual(parseArguments(['split', 'Dockerfile']), { command: 'split', file: 'Dockerfile' });
    assert.deepEqual(parseArguments(['--split', 'Dockerfile']), { command: 'split', file: 'Dockerfile' });
    const check = parseArguments(['check', '--format', 'sarif', '--fail-on', 'error', '--jobs', '3']);
    assert.ok(typeof check !== 'string' && check.command === 'check');
    assert.deepEqual([check.paths, check.format, check.failOn, check.jobs, check.legacy], [['.'], 'sarif', 'error', 3, false]);
    const legacy = parseArguments(['--target', 'app', 'Dockerfile']);
    assert.ok(typeof legacy !== 'string' && legacy.command === 'check');
    assert.deepEqual([legacy.paths, legacy.target, legacy.legacy], [['Dockerfile'], 'app', true]);
    assert.equal(parseArguments(['--target', 'app']), 'no Dockerfile given');
    assert.equal(parseArguments(['check', '--jobs', '0']), '--jobs must be a whole number of at least 1, not 0');
    assert.match(String(parseArguments(['check', '--split'])), /--split with check needs --fix/);
  });

  it('--fail-on: the named severity and those above it fail; none never does', () => {
    assert.equal(failsOn('error', 'warning'), true);
    assert.equal(failsOn('warning', 'warning'), true);
    assert.equal(failsOn('information', 'warning'), false);
    assert.equal(failsOn('hint', 'information'), false);
    assert.equal(failsOn('hint', 'hint'), true);
    assert.equal(failsOn('error', 'none'), false);
  });

  it('recognises Dockerfile names and leaves look-alikes out', () => {
    for (const name of ['Dockerfile', 'dockerfile', 'Dockerfile.dev', 'api.Dockerfile', 'Containerfile', 'Containerfile.arm64', 'Dockerfile-alpine.template', 'Dockerfile_prod', 'alpine.Dockerfile.j2', 'prod-Dockerfile']) {
      assert.equal(isDockerfileName(name), true, name);
    }
    for (const name of ['Dockerfile.md', 'Dockerfile.png', 'dockerfile_parser.go', 'dockerfile-utils.js', 'Dockerfiles', '.dockerignore', 'Dockerfile.dockerignore', 'README.md', 'MyDockerfileHelper.ts']) {
      assert.equal(isDockerfileName(name), false, name);
    }
    assert.equal(isDockerfileName('web.df', [/^.*\.df$/]), true);
  });

  it('colour only on a terminal without NO_COLOR', () => {
    const terminal = { isTTY: true } as NodeJS.WriteStream;
    const pipe = { isTTY: false } as NodeJS.WriteStream;
    assert.equal(useColour(terminal, {}), true);
    assert.equal(useColour(terminal, { NO_COLOR: '1' }), false);
    assert.equal(useColour(pipe, {}), false);
  });

  it('fingerprints: the same for the same rule, file, line text (whitespace aside) and occurrence; different otherwise', () => {
    const base = fingerprint('shell-form-command', 'Dockerfile', 'CMD python app.py', 0);
    assert.equal(fingerprint('shell-form-command', 'Dockerfile', '  CMD   python app.py ', 0), base);
    assert.notEqual(fingerprint('shell-form-command', 'Dockerfile', 'CMD python app.py', 1), base);
    assert.notEqual(fingerprint('shell-form-command', 'svc/Dockerfile', 'CMD python app.py', 0), base);
    assert.notEqual(fingerprint('runtime-not-distroless', 'Dockerfile', 'CMD python app.py', 0), base);
    assert.match(base, /^[0-9a-f]{32}$/);
  });

  it('writes atomically: the new text, the old mode, no temporary file left; a failed write leaves the file whole', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-atomic-'));
    const file = path.join(folder, 'Dockerfile');
    fs.writeFileSync(file, 'FROM a\n');
    fs.chmodSync(file, 0o600);
    writeFileAtomically(file, 'FROM b\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'FROM b\n');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(fs.readdirSync(folder), ['Dockerfile']);
    // Renaming over a folder fails: the original (here the folder) stays, no temporary file is left.
    const blocked = path.join(folder, 'sub');
    fs.mkdirSync(blocked);
    fs.writeFileSync(path.join(blocked, 'x'), '');
    assert.throws(() => writeFileAtomically(blocked, 'FROM c\n'));
    assert.deepEqual(fs.readdirSync(folder).sort(), ['Dockerfile', 'sub']);
  });
});
