// The command line, as CI and terminals use it: `node dist/cli.js` (built by the test run).
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from './lspClient';

const CLI = path.join(PROJECT_ROOT, 'dist', 'cli.js');
const SPLIT_FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'split');

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  // A time limit, because mocha cannot time out a test blocked in spawnSync.
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh folder holding `files` (name → text); no .stagecraft.json unless given. */
function folderWith(files: Record<string, string>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(folder, name), text);
  }
  return folder;
}

describe('command line (dist/cli.js)', () => {
  it('prints file:line:column: severity rule: message and exits 1 on warnings', () => {
    const folder = folderWith({ Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["python", "/app/app.py"]\n' });
    const { status, stdout } = run(['Dockerfile'], folder);
    assert.equal(status, 1);
    assert.match(stdout, /^Dockerfile:1:1: warning single-stage-build: /m);
    assert.match(stdout, /^Dockerfile:1:6: warning runtime-not-distroless: /m);
  });

  it('exits 0 on a clean multistage file, and 2 on a usage error', () => {
    const folder = folderWith({
      Dockerfile: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
    });
    assert.deepEqual(run(['Dockerfile'], folder), { status: 0, stdout: '', stderr: '' });
    assert.equal(run(['--bogus', 'Dockerfile'], folder).status, 2);
    assert.equal(run(['--split', 'a', 'b'], folder).status, 2);
  });

  it('--split prints the split, reading the build context beside the Dockerfile', () => {
    const fixture = path.join(SPLIT_FIXTURES, 'node-npm-build-context');
    const files: Record<string, string> = { Dockerfile: fs.readFileSync(path.join(fixture, 'input.Dockerfile'), 'utf8') };
    for (const name of fs.readdirSync(path.join(fixture, 'context'))) {
      files[name] = fs.readFileSync(path.join(fixture, 'context', name), 'utf8');
    }
    const { status, stdout } = run(['--split', 'Dockerfile'], folderWith(files));
    assert.equal(status, 0);
    assert.equal(stdout, fs.readFileSync(path.join(fixture, 'expected.Dockerfile'), 'utf8'));
  });

  it('--split says why it declines, and exits 1', () => {
    const fixture = path.join(SPLIT_FIXTURES, 'go-healthcheck-curl-not-offered');
    const folder = folderWith({ Dockerfile: fs.readFileSync(path.join(fixture, 'input.Dockerfile'), 'utf8') });
    const { status, stdout, stderr } = run(['--split', 'Dockerfile'], folder);
    assert.equal(status, 1);
    assert.equal(stdout, '');
    assert.equal(stderr, `Dockerfile: not split: ${fs.readFileSync(path.join(fixture, 'declined.txt'), 'utf8').trim()}\n`);
  });
});

describe('package.json bin commands', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

  it('stagecraft and stagecraft-language-server are executable bundles with a node shebang', () => {
    assert.deepEqual(manifest.bin, { stagecraft: 'dist/cli.js', 'stagecraft-language-server': 'dist/server.js' });
    for (const file of Object.values(manifest.bin)) {
      const full = path.join(PROJECT_ROOT, file);
      assert.ok(fs.readFileSync(full, 'utf8').startsWith('#!/usr/bin/env node\n'), file);
      assert.ok((fs.statSync(full).mode & 0o111) !== 0, `${file} is not executable`);
    }
  });

  it('stagecraft runs as a command, and stagecraft-language-server --stdio answers initialize', async () => {
    const help = spawnSync(path.join(PROJECT_ROOT, manifest.bin.stagecraft), ['--help'], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^usage: stagecraft check/);
    const server = spawn(path.join(PROJECT_ROOT, manifest.bin['stagecraft-language-server']), ['--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    try {
      const reply = new Promise<string>((resolve, reject) => {
        let received = '';
        server.stdout.on('data', (chunk: Buffer) => {
          received += chunk.toString('utf8');
          if (/"id":1/.test(received)) {
            resolve(received);
          }
        });
        server.on('error', reject);
        setTimeout(() => reject(new Error(`no reply to initialize: ${received}`)), 20_000).unref();
      });
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      assert.match(await reply, /"capabilities":\{/);
    } finally {
      server.kill();
    }
  });
});
