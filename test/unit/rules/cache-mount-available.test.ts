import * as assert from 'node:assert/strict';
import { applyEdits, dockerfile, findingsOf } from '../helpers';

const RULE = 'cache-mount-available';
const SYNTAX = '# syntax=docker/dockerfile:1';
const RUNTIME = ['FROM gcr.io/distroless/python3-debian13:nonroot', 'COPY --from=build /app /app', 'CMD ["/app/main.py"]'];

describe('rule cache-mount-available', () => {
  it('reports a pip install in a builder stage of a BuildKit file, with a fix that adds the cache mount', () => {
    const text = dockerfile(SYNTAX, 'FROM python:3.13-slim AS build', 'COPY requirements.txt .', 'RUN pip install --target /app -r requirements.txt', ...RUNTIME);
    const [finding, ...rest] = findingsOf(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'information');
    assert.deepEqual(finding.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 15 } });
    assert.match(finding.message, /`pip install` in builder stage `build`.*--mount=type=cache,target=\/root\/\.cache\/pip/);
    const fixed = applyEdits(text, finding.fixes?.[0].edits ?? []);
    assert.match(fixed, /^RUN --mount=type=cache,target=\/root\/\.cache\/pip pip install --target \/app -r requirements\.txt$/m);
    assert.deepEqual(findingsOf(fixed, RULE), []);
  });

  it('is quiet without a sign of BuildKit, and takes COPY --link or a heredoc as one', () => {
    const plain = ['FROM python:3.13-slim AS build', 'RUN pip install --target /app flask', ...RUNTIME];
    assert.deepEqual(findingsOf(dockerfile(...plain), RULE), []);
    assert.equal(findingsOf(dockerfile(...plain.slice(0, 1), 'COPY --link requirements.txt .', ...plain.slice(1)), RULE).length, 1);
    assert.equal(findingsOf(dockerfile(...plain, 'RUN <<EOF', 'echo hi', 'EOF'), RULE).length, 1);
    // `# syntax` only counts among the parser directives at the top.
    assert.deepEqual(findingsOf(dockerfile('# a comment', SYNTAX, ...plain), RULE), []);
  });

  it('is quiet in shipped stages, where a mounted step is already there, and on Windows images', () => {
    for (const lines of [
      [SYNTAX, 'FROM python:3.13-slim', 'RUN pip install flask', 'CMD ["python", "app.py"]'],
      [SYNTAX, 'FROM python:3.13-slim AS build', 'RUN --mount=type=cache,target=/root/.cache/pip pip install --target /app flask', ...RUNTIME],
      [SYNTAX, 'FROM node:22 AS build', 'RUN --mount=type=cache,target=/root/.npm npm ci', 'RUN npm install extra', ...RUNTIME],
      [SYNTAX, 'FROM mcr.microsoft.com/dotnet/sdk:10.0-windowsservercore-ltsc2022 AS build', 'RUN dotnet restore', ...RUNTIME],
      [SYNTAX, 'FROM node:22 AS build', 'RUN npm run build', ...RUNTIME],
      // A mount on a parent folder serves the tool's cache too.
      [SYNTAX, 'FROM golang:1.25 AS build', 'RUN --mount=type=cache,target=/root/.cache --mount=type=cache,target=/go/pkg go build -o /app .', ...RUNTIME],
      ['FROM python:3.13-slim AS build', '# stagecraft-ignore cache-mount-available', 'RUN --mount=type=bind,source=requirements.txt,target=/r.txt pip install --target /app -r /r.txt', ...RUNTIME],
    ]) {
      assert.deepEqual(findingsOf(dockerfile(...lines), RULE), [], lines.join('\n'));
    }
  });

  it('reports the first step of a tool once and mounts the cache in every later step that reads it', () => {
    const text = dockerfile(
      SYNTAX,
      'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build',
      'COPY *.csproj .',
      'RUN dotnet restore',
      'COPY . .',
      'RUN dotnet publish --no-restore -o /app',
      'FROM mcr.microsoft.com/dotnet/aspnet:10.0',
      'COPY --from=build /app /app',
    );
    const [finding, ...rest] = findingsOf(text, RULE);
    assert.equal(rest.length, 0);
    assert.match(finding.message, /^`dotnet restore`.*1 more here/);
    // The packages would live only in the mount, which an exported layer cache does not carry.
    assert.match(finding.message, /A later step runs with --no-restore: .*--cache-to/);
    assert.doesNotMatch(findingsOf(text.replace(' --no-restore', ''), RULE)[0]?.message ?? '', /--no-restore/);
    const fix = finding.fixes?.[0];
    assert.equal(fix?.title, 'Add a cache mount to this step and 1 later');
    const fixed = applyEdits(text, fix?.edits ?? []);
    assert.match(fixed, /^RUN --mount=type=cache,target=\/root\/\.nuget\/packages dotnet restore$/m);
    assert.match(fixed, /^RUN --mount=type=cache,target=\/root\/\.nuget\/packages dotnet publish --no-restore -o \/app$/m);
    assert.deepEqual(findingsOf(fixed, RULE), []);
  });

  it('follows the tool into stages built FROM the builder (go mod download, then go build)', () => {
    const text = dockerfile(
      SYNTAX,
      'FROM golang:1.25 AS deps',
      'COPY go.mod go.sum ./',
      'RUN go mod download',
      'FROM deps AS build',
      'COPY . .',
      'RUN CGO_ENABLED=0 go build -o /out/app .',
      'FROM gcr.io/distroless/static-debian13:nonroot',
      'COPY --from=build /out/app /app',
    );
    const [finding, ...rest] = findingsOf(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(finding.range.start.line, 3);
    const fixed = applyEdits(text, finding.fixes?.[0].edits ?? []);
    assert.match(fixed, /^RUN --mount=type=cache,target=\/go\/pkg\/mod go mod download$/m);
    assert.match(fixed, /^RUN --mount=type=cache,target=\/go\/pkg\/mod --mount=type=cache,target=\/root\/\.cache\/go-build CGO_ENABLED=0 go build/m);
    assert.deepEqual(findingsOf(fixed, RULE), []);
  });

  it('mounts apt folders with sharing=locked, names the docker-clean caveat, and offers no fix where a mount cannot work', () => {
    const apt = findingsOf(dockerfile(SYNTAX, 'FROM debian:13 AS build', 'RUN apt-get update && apt-get install -y gcc', ...RUNTIME), RULE);
    assert.equal(apt.length, 1);
    assert.match(apt[0].message, /docker-clean/);
    assert.equal(apt[0].fixes?.[0].edits[0].newText, ' --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked');
    for (const lines of [
      ['FROM debian:13 AS build', 'RUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*'],
      ['FROM python:3.13 AS build', 'RUN pip install --no-cache-dir --target /app flask'],
      ['FROM node:22 AS build', 'USER node', 'RUN npm ci'],
      ['FROM rust:1 AS build', 'ENV CARGO_HOME=/root/.cargo', 'RUN cargo build --release'],
      ['FROM golang:1.25 AS build', 'RUN GOMODCACHE=/cache/mod go mod download'],
    ]) {
      const found = findingsOf(dockerfile(SYNTAX, ...lines, ...RUNTIME), RULE);
      assert.equal(found.length, 1, lines.join('\n'));
      assert.equal(found[0].fixes, undefined, lines.join('\n'));
    }
  });
});
