import * as assert from 'node:assert/strict';
import { dockerfile, findingsOf } from '../helpers';

const RULE = 'dependency-install-after-copy';

describe('rule dependency-install-after-copy', () => {
  it('reports npm ci after COPY . ., on the install verb, with the files to copy first', () => {
    const text = dockerfile('FROM node:24 AS build', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'RUN npm run build');
    const [finding, ...rest] = findingsOf(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'information');
    assert.deepEqual(finding.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 10 } });
    assert.match(finding.message, /`npm ci` runs after `COPY \. \.` copied the whole build context.*copy `package\.json` and `package-lock\.json` first/);
  });

  it('knows the installs of each ecosystem, in any stage, after any whole-context copy', () => {
    for (const [copy, run, what] of [
      ['COPY . /app', 'RUN pip install --no-cache-dir -r requirements.txt', 'pip install -r'],
      ['ADD . .', 'RUN python -m pip install -r requirements.txt', 'pip install -r'],
      ['COPY . .', 'RUN poetry install --no-root', 'poetry install'],
      ['COPY . .', 'RUN uv sync --frozen', 'uv sync'],
      ['COPY ./ ./', 'RUN npm install', 'npm install'],
      ['COPY . .', 'RUN yarn --frozen-lockfile', 'yarn install'],
      ['COPY . .', 'RUN corepack enable && pnpm install --frozen-lockfile', 'pnpm install'],
      ['COPY . .', 'RUN go mod download && go build -o /app .', 'go mod download'],
      ['COPY . .', 'RUN bundle install --jobs 4', 'bundle install'],
      ['COPY . .', 'RUN composer install --no-dev', 'composer install'],
      ['COPY . .', 'RUN dotnet restore', 'dotnet restore'],
      ['COPY . .', 'RUN mvn -B dependency:go-offline', 'mvn dependency:go-offline'],
      ['COPY . .', 'RUN cargo fetch', 'cargo fetch'],
    ]) {
      const [finding] = findingsOf(dockerfile('FROM debian:13-slim AS build', 'WORKDIR /app', copy, run, 'FROM gcr.io/distroless/static-debian13'), RULE);
      assert.ok(finding?.message.startsWith(`\`${what}\``), `${run}: ${finding?.message}`);
    }
  });

  it('follows a stage built FROM a stage that copied the context, and reports each stage once', () => {
    const text = dockerfile('FROM node:24 AS src', 'COPY . .', 'FROM src AS deps', 'RUN npm ci', 'FROM deps AS build', 'RUN npm run build');
    assert.deepEqual(findingsOf(text, RULE).map((f) => f.range.start.line), [3]);
  });

  it('is quiet when the manifests are copied first, and for steps that need the sources', () => {
    for (const text of [
      dockerfile('FROM node:24', 'COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm run build'),
      dockerfile('FROM python:3.13-slim', 'COPY requirements.txt .', 'RUN pip install -r requirements.txt', 'COPY . .'),
      dockerfile('FROM python:3.13-slim', 'COPY . .', 'RUN pip install .'),
      dockerfile('FROM rust:1', 'COPY . .', 'RUN cargo build --release'),
      dockerfile('FROM maven:3-eclipse-temurin-21', 'COPY . .', 'RUN mvn -B package'),
      dockerfile('FROM node:24', 'COPY . .', 'RUN npm install -g serve'),
      dockerfile('FROM node:24', 'COPY src/ ./src/', 'RUN npm ci'),
      dockerfile('FROM node:24 AS build', 'COPY . .', 'FROM node:24', 'COPY --from=build /app .', 'RUN npm ci'),
    ]) {
      assert.deepEqual(findingsOf(text, RULE), [], text);
    }
  });

  it('is quiet with a cache mount or bind-mounted manifests (the docker init templates)', () => {
    for (const run of [
      'RUN --mount=type=cache,target=/root/.npm npm ci',
      'RUN --mount=type=bind,source=package.json,target=package.json --mount=type=bind,source=package-lock.json,target=package-lock.json npm ci --omit=dev',
      'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
    ]) {
      assert.deepEqual(findingsOf(dockerfile('FROM node:24', 'COPY . .', run), RULE), [], run);
    }
  });

  it('runs on every file (not only production images) and can be silenced', () => {
    assert.equal(findingsOf(dockerfile('FROM node:24', 'COPY . .', 'RUN npm ci'), RULE, { documentPath: '/w/.devcontainer/Dockerfile' }).length, 1);
    assert.deepEqual(findingsOf(dockerfile('FROM node:24', 'COPY . .', '# stagecraft-ignore dependency-install-after-copy', 'RUN npm ci'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('FROM node:24', 'COPY . .', 'RUN npm ci'), RULE, { ruleSeverities: { [RULE]: 'off' } }), []);
  });
});
