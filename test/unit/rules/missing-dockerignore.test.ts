import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnalysisOptions } from '../../../server/src/core/analyze';
import { BuildContext } from '../../../server/src/fixes/fix';
import { folderBuildContext } from '../../../server/src/fixes/folderContext';
import { parseDockerIgnore, readDockerIgnore } from '../../../server/src/fixes/dockerIgnore';
import { applyEdits, dockerfile, findingsOf } from '../helpers';

const RULE = 'missing-dockerignore';
const NODE_APP = dockerfile('FROM node:24 AS build', 'WORKDIR /app', 'COPY . .', 'RUN npm ci');

/** Files at the context root, by name; folders end in `/` and have no text. */
function memoryContext(files: Record<string, string | undefined>, canList = true): BuildContext {
  const context: BuildContext = { readFile: (relativePath) => files[relativePath] };
  if (canList) {
    context.listDirectory = (relativePath) => (relativePath === '' ? Object.keys(files).sort() : undefined);
  }
  return context;
}

function check(text: string, context: BuildContext | undefined, documentPath = 'Dockerfile', options: AnalysisOptions = {}) {
  return findingsOf(text, RULE, { buildContext: context, documentPath, ...options });
}

describe('rule missing-dockerignore', () => {
  it('reports COPY . . when the context has no ignore file, on the COPY, with a fix that creates one', () => {
    const [finding, ...rest] = check(NODE_APP, memoryContext({ 'package.json': '{}', '.git/': undefined, Dockerfile: NODE_APP }));
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'information');
    assert.deepEqual(finding.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 8 } });
    assert.match(finding.message, /`COPY \. \.` sends the whole build context, and it has no \.dockerignore: the git history, any \.env file and local Node\.js build output go into the build/);
    const [fix] = finding.fixes ?? [];
    assert.equal(fix.edits.length, 0);
    assert.equal(fix.isPreferred, undefined, 'not part of fix-all: the CLI cannot create it from a finding');
    assert.equal(fix.createFile?.relativePath, '.dockerignore');
    const created = parseDockerIgnore(fix.createFile?.text ?? '');
    for (const kept of ['.git', '.env', '.env.local', 'node_modules']) {
      assert.ok(created.excludes(kept), kept);
    }
    assert.ok(!created.excludes('Dockerfile'), 'the Dockerfile stays in the context');
    assert.ok(!created.excludes('src/index.js'));
  });

  it('suggests the entries of the ecosystems the context holds, and only those', () => {
    const python = check(NODE_APP, memoryContext({ 'requirements.txt': 'flask', 'app.py': '' }))[0].fixes?.[0].createFile?.text ?? '';
    assert.match(python, /\*\*\/__pycache__\n\*\*\/\*\.pyc\n\.venv/);
    assert.doesNotMatch(python, /node_modules|target|obj/);
    const rust = check(NODE_APP, memoryContext({ 'Cargo.toml': '' }))[0].fixes?.[0].createFile?.text ?? '';
    assert.match(rust, /^target$/m);
    const dotnet = check(NODE_APP, memoryContext({ 'App.csproj': '' }))[0].fixes?.[0].createFile?.text ?? '';
    assert.match(dotnet, /\*\*\/bin\n\*\*\/obj/);
    const plain = check(NODE_APP, memoryContext({ 'index.html': '' }))[0].fixes?.[0].createFile?.text ?? '';
    assert.equal(plain.split('\n').filter((line) => line && !line.startsWith('#')).join(' '), '.git .env .env.*');
  });

  it('names what an existing .dockerignore lets through', () => {
    const [finding] = check(NODE_APP, memoryContext({ 'package.json': '{}', '.dockerignore': 'node_modules\n.env\n' }));
    assert.match(finding.message, /\.dockerignore does not exclude `\.git`, `\.env\.\*`\.$/);
    const [fix, ...others] = finding.fixes ?? [];
    assert.equal(others.length, 0);
    assert.equal(fix.title, 'Add .git, .env.* to .dockerignore');
    assert.deepEqual(fix.edits, []);
    assert.equal(fix.otherFileEdits?.relativePath, '.dockerignore');
  });

  it('appends the missing entries at the end of the ignore file, after its last line, keeping its line ends', () => {
    for (const [before, after] of [
      ['node_modules\n.env\n', 'node_modules\n.env\n# Added for Stagecraft (missing-dockerignore)\n.git\n.env.*\n'],
      ['node_modules\r\n.env', 'node_modules\r\n.env\r\n# Added for Stagecraft (missing-dockerignore)\r\n.git\r\n.env.*\r\n'],
      ['', '# Added for Stagecraft (missing-dockerignore)\n.git\n.env\n.env.*\nnode_modules\n'],
    ]) {
      const files = { 'package.json': '{}', '.dockerignore': before };
      const fix = check(NODE_APP, memoryContext(files))[0].fixes?.[0];
      const appended = applyEdits(before, fix?.otherFileEdits?.edits ?? []);
      assert.equal(appended, after);
      assert.equal(check(NODE_APP, memoryContext({ ...files, '.dockerignore': appended })).length, 0, 'complete after the fix');
    }
    const specific = check(NODE_APP, memoryContext({ 'api.Dockerfile.dockerignore': '.git\n' }), 'api.Dockerfile')[0].fixes?.[0];
    assert.equal(specific?.otherFileEdits?.relativePath, 'api.Dockerfile.dockerignore');
  });

  it('asks for node_modules only when a package.json is in the context', () => {
    const ignore = '.git\n.env\n.env.*\n';
    assert.match(check(NODE_APP, memoryContext({ 'package.json': '{}', '.dockerignore': ignore }))[0].message, /does not exclude `node_modules`/);
    assert.equal(check(NODE_APP, memoryContext({ 'go.mod': '', '.dockerignore': ignore })).length, 0);
  });

  it('wants Python and .NET output excluded in subfolders too (Docker matches from the root)', () => {
    const [finding] = check(NODE_APP, memoryContext({ 'pyproject.toml': '', '.dockerignore': '.git\n.env*\n__pycache__\n*.pyc\n' }));
    assert.match(finding.message, /does not exclude `\*\*\/__pycache__`, `\*\*\/\*\.pyc`\.$/);
    assert.equal(check(NODE_APP, memoryContext({ 'pyproject.toml': '', '.dockerignore': '.git\n.env*\n**/__pycache__\n**/*.pyc\n' })).length, 0);
  });

  it('is quiet with a good ignore file, with a re-include that does not undo it, and for ADD ./', () => {
    const good = '# ours\n/.git/\n.env\n.env.*\n!.env.example\nnode_modules\n';
    assert.equal(check(NODE_APP, memoryContext({ 'package.json': '{}', '.dockerignore': good })).length, 0);
    const add = dockerfile('FROM node:24', 'ADD ./ /app');
    assert.equal(check(add, memoryContext({ 'package.json': '{}', '.dockerignore': good })).length, 0);
    assert.equal(check(add, memoryContext({ 'package.json': '{}' })).length, 1);
    assert.equal(check(NODE_APP, memoryContext({ 'package.json': '{}', '.dockerignore': good.replace('.git', '!.git') })).length, 1);
  });

  it('uses <Dockerfile name>.dockerignore beside the Dockerfile first, as BuildKit does', () => {
    const files = { 'package.json': '{}', '.dockerignore': 'node_modules\n', 'api.Dockerfile.dockerignore': '.git\n.env\n.env.*\nnode_modules\n' };
    assert.equal(check(NODE_APP, memoryContext(files), 'services/api.Dockerfile').length, 0);
    assert.match(check(NODE_APP, memoryContext(files), 'Dockerfile')[0].message, /\.dockerignore does not exclude `\.git`/);
    const onlySpecific = { 'package.json': '{}', 'api.Dockerfile.dockerignore': '.git\n' };
    assert.match(check(NODE_APP, memoryContext(onlySpecific), 'api.Dockerfile')[0].message, /api\.Dockerfile\.dockerignore does not exclude `\.env`/);
    assert.ok(readDockerIgnore(memoryContext(files), 'api.Dockerfile').excludes('.git'));
    assert.ok(!readDockerIgnore(memoryContext(files)).excludes('.git'), 'callers without the name keep reading .dockerignore');
  });

  it('is quiet without a whole-context copy', () => {
    const copies = dockerfile('FROM node:24', 'COPY package.json ./', 'COPY src ./src', 'COPY --from=build . /app', 'COPY ./dist /app');
    assert.equal(check(copies, memoryContext({ 'package.json': '{}' })).length, 0);
  });

  it('is silent without a build context or when the host cannot list it', () => {
    assert.equal(findingsOf(NODE_APP, RULE).length, 0);
    assert.equal(findingsOf(NODE_APP, RULE, { documentPath: 'Dockerfile' }).length, 0);
    assert.equal(check(NODE_APP, memoryContext({ 'package.json': '{}' }, false)).length, 0);
    assert.equal(check(NODE_APP, { readFile: () => undefined, listDirectory: () => undefined }).length, 0);
  });

  it('reports once per file, on the first whole-context copy, in any stage', () => {
    const text = dockerfile('FROM node:24 AS deps', 'COPY package.json ./', 'FROM node:24 AS build', 'COPY . .', 'FROM node:24 AS test', 'COPY . .');
    const findings = check(text, memoryContext({ 'package.json': '{}' }));
    assert.equal(findings.length, 1);
    assert.equal(findings[0].range.start.line, 3);
  });

  it('honours ignore comments and the rule setting', () => {
    const ignored = dockerfile('FROM node:24', '# stagecraft-ignore missing-dockerignore', 'COPY . .');
    assert.equal(check(ignored, memoryContext({})).length, 0);
    assert.equal(check(NODE_APP, memoryContext({}), 'Dockerfile', { ruleSeverities: { [RULE]: 'off' } }).length, 0);
  });

  it('reads a real folder: reported without .dockerignore, quiet with the suggested one', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-ignore-'));
    try {
      fs.writeFileSync(path.join(folder, 'package.json'), '{}');
      fs.writeFileSync(path.join(folder, 'Dockerfile'), NODE_APP);
      for (let i = 0; i < 200; i++) {
        fs.writeFileSync(path.join(folder, `file${i}.js`), '');
      }
      const context = folderBuildContext(folder);
      const [finding] = check(NODE_APP, context);
      const suggested = finding.fixes?.[0].createFile;
      assert.ok(suggested);
      fs.writeFileSync(path.join(folder, suggested.relativePath), suggested.text);
      assert.equal(check(NODE_APP, context).length, 0);

    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
