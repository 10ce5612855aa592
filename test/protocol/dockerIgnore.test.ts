import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateFile, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';
import { serverPerTest } from './serverPerTest';

const NODE_APP = 'FROM node:24 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci\n';
const RULE = 'missing-dockerignore';

describe('missing-dockerignore over the protocol (a real folder as build context)', function () {
  this.timeout(20_000);
  let folder: string;
  let client: LspClient;

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-ignore-'));
    fs.writeFileSync(path.join(folder, 'package.json'), '{}');
  });
  serverPerTest(
    (started) => (client = started),
    () => [
      [pathToFileURL(folder).toString()],
      {
        capabilities: {
          workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
          textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { dataSupport: true, disabledSupport: true } },
        },
      },
    ],
  );
  afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('reports a folder without .dockerignore, offers to create it, and clears once the file is there', async () => {
    const uri = pathToFileURL(path.join(folder, 'Dockerfile')).toString();
    await client.open(uri, NODE_APP);
    const [diagnostic, ...rest] = (await client.diagnostics(uri, 1)).filter((d) => d.code === RULE);
    assert.equal(rest.length, 0);
    assert.equal(diagnostic.range.start.line, 2);

    const actions = await client.codeActions(uri, diagnostic.range, [diagnostic], ['quickfix']);
    const create = actions.find((action) => action.title === 'Create a .dockerignore for this build context');
    assert.ok(create, actions.map((a) => a.title).join(', '));
    const [createFile, insert] = create.edit?.documentChanges ?? [];
    const ignoreUri = pathToFileURL(path.join(folder, '.dockerignore')).toString();
    assert.ok(CreateFile.is(createFile) && createFile.uri === ignoreUri);
    assert.ok(TextDocumentEdit.is(insert));
    const [edit] = insert.edits;
    assert.ok('newText' in edit && /^node_modules$/m.test(edit.newText));

    // What the editor does on applying it, then the watched-file notification the client sends.
    fs.writeFileSync(path.join(folder, '.dockerignore'), edit.newText);
    const since = client.publishedCount;
    await client.configFileChanged(ignoreUri);
    const after = await client.diagnostics(uri, 1, 10_000, since);
    assert.deepEqual(after.filter((d) => d.code === RULE), []);
  });

  it('names what an existing .dockerignore misses and offers to append it to that file', async () => {
    fs.writeFileSync(path.join(folder, '.dockerignore'), '.git\n.env\n.env.*\n');
    const uri = pathToFileURL(path.join(folder, 'Dockerfile')).toString();
    await client.open(uri, NODE_APP);
    const [diagnostic] = (await client.diagnostics(uri, 1)).filter((d) => d.code === RULE);
    assert.match(String(diagnostic.message), /\.dockerignore does not exclude `node_modules`\.$/);
    const actions = await client.codeActions(uri, diagnostic.range, [diagnostic], ['quickfix']);
    const append = actions.find((action) => action.title === 'Add node_modules to .dockerignore');
    assert.ok(append, actions.map((a) => a.title).join(', '));
    const [change] = append.edit?.documentChanges ?? [];
    assert.ok(TextDocumentEdit.is(change));
    assert.deepEqual(change.textDocument, { uri: pathToFileURL(path.join(folder, '.dockerignore')).toString(), version: null });
    assert.deepEqual(change.edits[0].range.start, { line: 3, character: 0 });
  });

  it('lists the folder once, and again when the client reports a changed ignore file', async () => {
    // A folder unchanged for an hour: its listing is kept while the folder's time holds.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(folder, anHourAgo, anHourAgo);
    const uri = pathToFileURL(path.join(folder, 'Dockerfile')).toString();
    await client.open(uri, NODE_APP);
    assert.equal((await client.diagnostics(uri, 1)).filter((d) => d.code === RULE).length, 1);

    // The ignore file appears while the folder's time stays as it was (a file system whose
    // times are coarse): only the client's watched-file notification tells the server.
    fs.writeFileSync(path.join(folder, '.dockerignore'), '.git\n.env\n.env.*\nnode_modules\n**/node_modules\nnpm-debug.log\n');
    fs.utimesSync(folder, anHourAgo, anHourAgo);
    const since = client.publishedCount;
    await client.configFileChanged(pathToFileURL(path.join(folder, '.dockerignore')).toString());
    const after = await client.diagnostics(uri, 1, 10_000, since);
    assert.deepEqual(after.filter((d) => d.code === RULE), []);
  });

  it('is silent for an untitled document (no build context)', async () => {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, NODE_APP);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.ok(diagnostics.some((d) => d.code === 'dependency-install-after-copy'), 'analysed');
    assert.deepEqual(diagnostics.filter((d) => d.code === RULE), []);
  });
});
