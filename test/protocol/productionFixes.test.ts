// The production-hygiene quick fixes that read the build context, end to end over stdio: the
// Dockerfile is saved beside its package.json, as a user's is.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocumentEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';
import { serverPerTest } from './serverPerTest';

const PACKAGE_JSON = '{"name":"app","scripts":{"start":"node server.js"}}\n';

describe('production quick fixes over stdio', function () {
  this.timeout(20_000);
  let client: LspClient;
  let folder: string;

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-production-'));
    fs.writeFileSync(path.join(folder, 'package.json'), PACKAGE_JSON);
    fs.writeFileSync(path.join(folder, 'package-lock.json'), '{}\n');
  });
  serverPerTest((started) => (client = started));
  afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  /** Opens `text` as `<folder>/Dockerfile`, applies the quick fix titled `title` on `rule`'s diagnostic, returns the new text. */
  async function applyFix(text: string, rule: string, title: RegExp, preferred = true): Promise<string> {
    const uri = pathToFileURL(path.join(folder, 'Dockerfile')).toString();
    await client.open(uri, text, 3);
    const diagnostics = (await client.diagnostics(uri, 3)).filter((d) => d.code === rule);
    assert.equal(diagnostics.length, 1, `one ${rule} finding`);
    const actions = await client.codeActions(uri, diagnostics[0].range, diagnostics);
    const fix = actions.find((a) => title.test(a.title) && !a.disabled);
    assert.ok(fix, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred === true, preferred);
    const change = fix.edit?.documentChanges?.[0] as TextDocumentEdit;
    return TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', 3, text), change.edits.filter((e) => 'newText' in e));
  }

  it('dependency-install-after-copy: copies package.json and the lock file first', async () => {
    const text = ['FROM node:24-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci --omit=dev', 'CMD ["node", "server.js"]', ''].join('\n');
    const fixed = await applyFix(text, 'dependency-install-after-copy', /^Copy package\.json/);
    assert.equal(fixed, ['FROM node:24-slim', 'WORKDIR /app', 'COPY package.json package-lock.json ./', 'RUN npm ci --omit=dev', 'COPY . .', 'CMD ["node", "server.js"]', ''].join('\n'));
  });

  it('package-manager-as-init: runs the start script with node', async () => {
    const text = ['FROM node:24-slim', 'WORKDIR /app', 'COPY package.json package-lock.json ./', 'RUN npm ci --omit=dev', 'COPY . .', 'CMD ["npm", "start"]', ''].join('\n');
    const fixed = await applyFix(text, 'package-manager-as-init', /^Run `node server\.js` directly/);
    assert.equal(fixed, text.replace('CMD ["npm", "start"]', 'CMD ["node", "server.js"]'));
  });

  it('package-cache-in-image: pip in the shipped stage gets --no-cache-dir', async () => {
    const text = ['FROM python:3.13-slim', 'WORKDIR /app', 'COPY requirements.txt .', 'RUN pip install -r requirements.txt', 'COPY . .', 'USER 65532', 'CMD ["python", "app.py"]', ''].join('\n');
    const fixed = await applyFix(text, 'package-cache-in-image', /--no-cache-dir/);
    assert.equal(fixed, text.replace('RUN pip install -r', 'RUN pip install --no-cache-dir -r'));
  });

  it('cache-mount-available: npm ci in a builder of a BuildKit file gets a cache mount (not preferred: a script that runs the tool is not seen)', async () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      'FROM node:24-slim AS build',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN npm ci',
      'COPY . .',
      'RUN npm run build',
      'FROM gcr.io/distroless/nodejs24-debian13:nonroot',
      'COPY --from=build /app/dist /app',
      'CMD ["/app/server.js"]',
      '',
    ].join('\n');
    const fixed = await applyFix(text, 'cache-mount-available', /cache/i, false);
    assert.equal(fixed, text.replace('RUN npm ci', 'RUN --mount=type=cache,target=/root/.npm npm ci'));
  });
});
