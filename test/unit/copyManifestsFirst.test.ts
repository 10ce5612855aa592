import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActionsFor } from '../../server/src/lsp/codeActions';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { BuildContext } from '../../server/src/fixes/fix';
import { copyManifestsFirst } from '../../server/src/fixes/copyManifestsFirst';
import { analyze, applyEdits, dockerfile, findingsOf } from './helpers';

const RULE = 'dependency-install-after-copy';

function memoryContext(files: Record<string, string>): BuildContext {
  return { readFile: (p) => files[p.replace(/^\.\//, '')] };
}

/** The fix on the rule's first finding: the new text, or why it is not offered. */
function fixed(text: string, files?: Record<string, string>): { text?: string; why?: string } {
  const { model, findings } = analyze(text);
  const finding = findings.find((f) => f.ruleId === RULE);
  assert.ok(model && finding, 'the rule reports the install');
  const context = { model, text, buildContext: files ? memoryContext(files) : undefined, range: finding.range };
  const [result] = copyManifestsFirst.compute(context);
  return result ? { text: applyEdits(text, result.edits) } : { why: copyManifestsFirst.whyNotOffered?.(context) };
}

const NODE = { 'package.json': '{"name":"app","scripts":{"build":"tsc","start":"node dist/server.js"}}', 'package-lock.json': '{}' };

describe('fix copy-manifests-first (dependency-install-after-copy)', () => {
  it('copies package.json and the lock file first, installs, then copies the rest', () => {
    const text = dockerfile('FROM node:24 AS build', 'WORKDIR /app', 'COPY --chown=node:node . .', '# install', 'RUN npm ci', 'RUN npm run build');
    const result = fixed(text, NODE);
    assert.equal(result.text, dockerfile('FROM node:24 AS build', 'WORKDIR /app', 'COPY --chown=node:node package.json package-lock.json ./', '# install', 'RUN npm ci', 'COPY --chown=node:node . .', 'RUN npm run build'));
    assert.deepEqual(findingsOf(result.text ?? '', RULE), [], 'the result has no finding, so applying again changes nothing');
  });

  it('handles pip -r, go mod download and bundle install, and a WORKDIR to the destination', () => {
    const pip = fixed(dockerfile('FROM python:3.13-slim', 'WORKDIR /app', 'COPY . .', 'RUN pip install --no-cache-dir -r requirements.txt', 'CMD ["gunicorn", "app:app"]'), { 'requirements.txt': 'flask==3.1\ngunicorn\n' });
    assert.match(pip.text ?? '', /COPY requirements\.txt \.\/\nRUN pip install --no-cache-dir -r requirements\.txt\nCOPY \. \.\n/);
    const go = fixed(dockerfile('FROM golang:1.25', 'COPY . /src', 'WORKDIR /src', 'RUN go mod download'), { 'go.mod': 'module x\n', 'go.sum': '' });
    assert.equal(go.text, dockerfile('FROM golang:1.25', 'COPY go.mod go.sum /src/', 'WORKDIR /src', 'RUN go mod download', 'COPY . /src'));
    const ruby = fixed(dockerfile('FROM ruby:3.4', 'WORKDIR /app', 'COPY . .', 'RUN bundle install'), { Gemfile: 'source "https://rubygems.org"\ngem "rails"\n', 'Gemfile.lock': '' });
    assert.match(ruby.text ?? '', /COPY Gemfile Gemfile\.lock \.\/\nRUN bundle install\nCOPY \. \.\n$/);
  });

  it('is not offered where the install needs more than the manifests, and says why', () => {
    const npm = dockerfile('FROM node:24', 'WORKDIR /app', 'COPY . .', 'RUN npm ci');
    for (const [text, files, why] of [
      [npm, undefined, /build context is not readable/],
      [npm, { 'package.json': '{"workspaces":["packages/*"]}' }, /workspace/],
      [npm, { 'package.json': '{"scripts":{"postinstall":"node build.js"}}' }, /postinstall script/],
      [npm, { ...NODE, '.npmrc': '//registry/:_authToken=x' }, /config file/],
      [npm, { ...NODE, '.dockerignore': 'package-lock.json\n' }, /\.dockerignore leaves out package-lock\.json/],
      [dockerfile('FROM node:24', 'COPY . .', 'RUN npm ci && npm run build'), NODE, /more than install/],
      [dockerfile('FROM node:24', 'COPY . .', 'RUN ./scripts/prepare.sh', 'RUN npm ci'), NODE, /Steps between/],
      [dockerfile('FROM node:24', 'COPY . .', 'WORKDIR /app', 'RUN npm ci'), NODE, /WORKDIR between/],
      [dockerfile('FROM golang:1.25', 'COPY . .', 'RUN go mod download'), { 'go.mod': 'module x\nreplace example.org/y => ./y\n' }, /local folder/],
      [dockerfile('FROM python:3.13', 'COPY . .', 'RUN pip install -r requirements.txt'), { 'requirements.txt': '-e .\n' }, /local path/],
      [dockerfile('FROM python:3.13', 'COPY . .', 'RUN pip install -r requirements/prod.txt'), {}, /subfolder/],
      [dockerfile('FROM ruby:3.4', 'COPY . .', 'RUN bundle install'), { Gemfile: 'gemspec\n' }, /gemspec/],
      [dockerfile('FROM mcr.microsoft.com/dotnet/sdk:10.0', 'COPY . .', 'RUN dotnet restore'), {}, /No safe reordering is known for dotnet/],
    ] as const) {
      const result = fixed(text, files);
      assert.equal(result.text, undefined, text);
      assert.match(result.why ?? '', why, text);
    }
  });
});

describe('code actions: copy-manifests-first in the quick-fix menu', () => {
  it('is offered as the preferred quick fix on the diagnostic, and greyed out with the reason where unsafe', () => {
    const text = dockerfile('FROM node:24', 'WORKDIR /app', 'COPY . .', 'RUN npm ci');
    const analysis = analyze(text);
    const diagnostics = analysis.findings.filter((f) => f.ruleId === RULE).map((f) => toDiagnostic(f, undefined));
    const document = TextDocument.create('file:///w/Dockerfile', 'dockerfile', 1, text);
    const params = { textDocument: { uri: document.uri }, range: diagnostics[0].range, context: { diagnostics } };
    const [action] = codeActionsFor(document, analysis, params, memoryContext(NODE)).filter((a) => a.title.startsWith('Copy '));
    assert.equal(action.title, 'Copy package.json, package-lock.json first, install, then copy the rest');
    assert.equal(action.isPreferred, true);
    const disabled = codeActionsFor(document, analysis, params, memoryContext({ 'package.json': '{"workspaces":["a"]}' }), { disabledSupport: true }).find((a) => a.disabled && a.title.startsWith('Copy the manifest'));
    assert.match(disabled?.disabled?.reason ?? '', /workspace/);
  });
});
