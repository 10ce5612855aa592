// The runtime's RUN that recreates the program links of a package manager copied from the builder
// (nodeKeptScript.ts keptToolSetup), run for real with node against a folder standing in for /usr/local.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { keptToolSetup } from '../../server/src/fixes/split/recipes/node/nodeKeptScript';

/** The `node -e` program of the link RUN, with /usr/local replaced by `prefix`. */
function linkProgram(prefix: string): string {
  const lines = keptToolSetup({ words: ['pnpm', 'start'], tool: 'pnpm', install: ['pnpm'] });
  assert.equal(lines.length, 2, 'an unpinned install is copied (COPY) and linked (RUN)');
  assert.match(lines[0], /^COPY --from=build \/usr\/local\/lib\/node_modules\/pnpm \/usr\/local\/lib\/node_modules\/pnpm$/);
  const program = /node -e "(.*)"$/.exec(lines[1])?.[1];
  assert.ok(program, `a node -e program in ${lines[1]}`);
  return program.split('/usr/local/').join(`${prefix}/`);
}

describe('package manager links in the runtime', () => {
  let prefix: string;
  beforeEach(() => {
    prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-links-'));
    const pnpm = path.join(prefix, 'lib', 'node_modules', 'pnpm');
    fs.mkdirSync(path.join(pnpm, 'bin'), { recursive: true });
    fs.mkdirSync(path.join(prefix, 'bin'));
    fs.writeFileSync(path.join(pnpm, 'package.json'), JSON.stringify({ bin: { pnpm: 'bin/pnpm.cjs', pnpx: 'bin/pnpx.cjs' } }));
    fs.writeFileSync(path.join(pnpm, 'bin', 'pnpm.cjs'), '');
    fs.writeFileSync(path.join(pnpm, 'bin', 'pnpx.cjs'), '');
  });
  afterEach(() => fs.rmSync(prefix, { recursive: true, force: true }));

  const run = () => execFileSync(process.execPath, ['-e', linkProgram(prefix)], { cwd: path.join(prefix, 'lib', 'node_modules', 'pnpm') });

  it('links each program of the package.json bin field, relative, as npm does', () => {
    run();
    assert.equal(fs.readlinkSync(path.join(prefix, 'bin', 'pnpm')), '../lib/node_modules/pnpm/bin/pnpm.cjs');
    assert.equal(fs.readlinkSync(path.join(prefix, 'bin', 'pnpx')), '../lib/node_modules/pnpm/bin/pnpx.cjs');
  });

  it('replaces a link the base image already has, instead of failing the build', () => {
    fs.symlinkSync('/elsewhere/pnpm', path.join(prefix, 'bin', 'pnpm'));
    run();
    assert.equal(fs.readlinkSync(path.join(prefix, 'bin', 'pnpm')), '../lib/node_modules/pnpm/bin/pnpm.cjs');
  });
});
