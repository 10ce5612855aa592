import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeDockerfile } from '../../../server/src/core/analyze';
import { folderBuildContext } from '../../../server/src/fixes/folderContext';
import { parseDockerIgnore } from '../../../server/src/fixes/dockerIgnore';
import { dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'CopyIgnoredFile';
const IGNORE = { dockerIgnore: parseDockerIgnore('node_modules\n*.md\n!README.md\nsecrets/\n') };

describe(`BuildKit check ${CHECK}`, () => {
  it('reports a COPY source that .dockerignore leaves out, on the source', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM node:24-slim', 'COPY package.json node_modules ./'), [1], IGNORE);
    assert.equal(finding.range.start.character, 18);
    assert.match(finding.message, /Attempting to Copy file "node_modules" that is excluded by \.dockerignore/);
  });

  it('reports ADD, ./ and nested paths under an ignored folder', () => {
    expectLines(CHECK, dockerfile('FROM node:24-slim', 'ADD ./secrets/db.txt /run/', 'COPY CHANGELOG.md /doc/'), [1, 2], IGNORE);
  });

  it('is quiet on re-included files, the context root, wildcards, variables, --from and heredocs', () => {
    expectQuiet(CHECK, dockerfile('FROM node:24-slim AS build', 'COPY README.md . ./', 'COPY *.md /doc/', 'ARG DIR=secrets', 'COPY $DIR /s', 'FROM node:24-slim', 'COPY --from=build /app/node_modules /app/node_modules', 'COPY <<EOF /x.md', 'hi', 'EOF'), IGNORE);
  });

  it('is quiet on a folder whose files a `!` line brings back', () => {
    const options = { dockerIgnore: parseDockerIgnore('App/*\n!App/bin/Release/publish/*\n') };
    expectQuiet(CHECK, dockerfile('FROM mcr.microsoft.com/dotnet/aspnet:8.0', 'COPY App/bin/Release/publish/ /app/'), options);
    expectLines(CHECK, dockerfile('FROM mcr.microsoft.com/dotnet/aspnet:8.0', 'COPY App/obj /obj/'), [1], options);
  });

  it('is quiet without a .dockerignore', () => {
    expectQuiet(CHECK, dockerfile('FROM node:24-slim', 'COPY node_modules ./'));
  });
});

describe(`BuildKit check ${CHECK}: the ignore file of the build context`, () => {
  const TEXT = dockerfile('FROM node:24-slim', 'COPY dist/app.js src/app.js /app/');
  const lines = (folder: string, name = 'Dockerfile') =>
    analyzeDockerfile(TEXT, { buildContext: folderBuildContext(folder), documentPath: name })
      .findings.filter((finding) => finding.ruleId === CHECK)
      .map((finding) => TEXT.split('\n')[finding.range.start.line].slice(finding.range.start.character, finding.range.end.character));

  it('reads .dockerignore from the build context (editor and CLI), and nothing without one', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-ignore-'));
    assert.deepEqual(lines(folder), []);
    fs.writeFileSync(path.join(folder, '.dockerignore'), 'dist\n');
    assert.deepEqual(lines(folder), ['dist/app.js']);
  });

  it('prefers <Dockerfile name>.dockerignore beside it, as BuildKit does', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-ignore-'));
    fs.writeFileSync(path.join(folder, '.dockerignore'), 'dist\n');
    fs.writeFileSync(path.join(folder, 'api.Dockerfile.dockerignore'), 'src\n');
    assert.deepEqual(lines(folder, 'api.Dockerfile'), ['src/app.js']);
    assert.deepEqual(lines(folder, 'Dockerfile'), ['dist/app.js']);
  });
});
