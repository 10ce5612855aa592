import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';
import { serverPerTest } from './serverPerTest';

const SINGLE_STAGE = 'FROM python:3.12\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n';
/** The rules these tests are about; other rules' findings on the same files do not matter here. */
const CONCERNED = new Set(['single-stage-build', 'runtime-not-distroless', 'not-production-image']);
const concerned = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => CONCERNED.has(String(d.code)));

describe('.stagecraft.json in a workspace folder', function () {
  this.timeout(20_000);
  let folder: string;
  let client: LspClient;

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-config-'));
  });
  serverPerTest((started) => (client = started), () => [[pathToFileURL(folder).toString()]]);
  afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  function documentUri(relative: string): string {
    return pathToFileURL(path.join(folder, relative)).toString();
  }

  it('applies its rules and exclude globs, and rereads it when it changes', async () => {
    const configFile = path.join(folder, '.stagecraft.json');
    fs.writeFileSync(configFile, JSON.stringify({ rules: { 'single-stage-build': 'off' }, exclude: ['test/**'] }));
    await client.open(documentUri('Dockerfile'), SINGLE_STAGE);
    await client.open(documentUri('test/Dockerfile'), SINGLE_STAGE);
    assert.deepEqual(concerned(await client.diagnostics(documentUri('Dockerfile'), 1)).map((d) => d.code), ['runtime-not-distroless']);
    assert.deepEqual(concerned(await client.diagnostics(documentUri('test/Dockerfile'), 1)).map((d) => d.code), ['not-production-image']);

    fs.writeFileSync(configFile, JSON.stringify({ rules: { 'runtime-not-distroless': 'error' } }));
    const since = client.publishedCount;
    await client.configFileChanged(pathToFileURL(configFile).toString());
    const after = await client.diagnostics(documentUri('Dockerfile'), 1, 10_000, since);
    assert.deepEqual(concerned(after).map((d) => [d.code, d.severity]).sort(), [['runtime-not-distroless', 1], ['single-stage-build', 2]]);
  });

  it('reports a malformed file once, names it, and keeps working with defaults', async () => {
    fs.writeFileSync(path.join(folder, '.stagecraft.json'), '{ "rules": { ');
    await client.open(documentUri('a/Dockerfile'), SINGLE_STAGE);
    await client.open(documentUri('b/Dockerfile'), SINGLE_STAGE);
    assert.equal(concerned(await client.diagnostics(documentUri('a/Dockerfile'), 1)).length, 2);
    assert.equal(concerned(await client.diagnostics(documentUri('b/Dockerfile'), 1)).length, 2);
    const problems = client.messages.filter((m) => m.includes('.stagecraft.json is not valid JSON'));
    assert.equal(problems.length, 1, client.messages.join('\n'));
  });
});
