import * as assert from 'node:assert/strict';
import { analyze, applyEdits, dockerfile, findingsOf } from '../helpers';

const RULE = 'runtime-not-distroless';
const TODAY = '2026-12-06';

function swapped(text: string, today = TODAY): { title: string; text: string } | undefined {
  const fix = findingsOf(text, RULE, { today })[0]?.fixes?.find((f) => f.title.startsWith('Use '));
  return fix && { title: fix.title, text: applyEdits(text, fix.edits) };
}

function remaining(text: string): string[] {
  return analyze(text, { today: TODAY })
    .findings.filter((f) => f.severity === 'error' || f.ruleId === RULE || f.ruleId === 'builder-runtime-mismatch' || f.ruleId === 'outdated-runtime-image')
    .map((f) => `${f.ruleId}: ${f.message}`);
}

const build = (builder: string, runtime: string, ...rest: string[]) =>
  dockerfile(`FROM ${builder} AS build`, 'WORKDIR /app', 'COPY . .', 'RUN npm ci --omit=dev', `FROM ${runtime}`, 'WORKDIR /app', 'COPY --from=build /app /app', ...rest, 'CMD ["node", "server.js"]');

describe('rule runtime-not-distroless: a Node release without a distroless image', () => {
  it('offers the nearest newer supported distroless release, moving the builder, labelled', () => {
    const result = swapped(build('node:20', 'node:20-slim'))!;
    assert.equal(
      result.title,
      'Use gcr.io/distroless/nodejs22-debian13:nonroot (no shell, Node.js 22; Node 20 has no distroless image: the build moves to node:22 too)',
    );
    assert.equal(result.text, build('node:22', 'gcr.io/distroless/nodejs22-debian13:nonroot').replace('CMD ["node", "server.js"]', 'CMD ["server.js"]'));
    assert.deepEqual(remaining(result.text), []);
  });

  it('moves a pinned Alpine builder to the new major on Alpine, and follows FROM <stage> chains', () => {
    const text = dockerfile(
      'FROM node:20.11.1-alpine3.19 AS base',
      'WORKDIR /app',
      'FROM base AS build',
      'COPY . .',
      'RUN npm ci --omit=dev',
      'FROM node:20-slim',
      'WORKDIR /app',
      'COPY --from=build /app /app',
      'CMD ["node", "server.js"]',
    );
    const result = swapped(text)!;
    assert.match(result.title, /the build moves to node:22-alpine too\)$/);
    assert.match(result.text, /^FROM node:22-alpine AS base$/m);
    assert.match(result.text, /^FROM gcr\.io\/distroless\/nodejs22-debian13:nonroot$/m);
  });

  it('says the app moves when nothing is built in the Dockerfile', () => {
    const result = swapped(dockerfile('FROM node:20-slim', 'WORKDIR /app', 'COPY . .', 'CMD ["node", "server.js"]'))!;
    assert.match(result.title, /Node\.js 22; Node 20 has no distroless image: the app moves to Node 22\)$/);
  });

  it('skips a release that ends within the notice period (Node 22 in March 2027 → 24)', () => {
    assert.match(swapped(build('node:20', 'node:20-slim'), '2027-03-15')!.title, /nodejs24-debian13.*node:24 too\)$/);
  });

  it('is not offered when a builder on the old release cannot be rewritten, and leaves other builders alone', () => {
    const argBuilder = dockerfile('ARG NODE=20', 'FROM node:${NODE} AS build', 'WORKDIR /app', 'FROM node:20-slim', 'WORKDIR /app', 'COPY --from=build /app /app', 'CMD ["node", "server.js"]');
    assert.equal(swapped(argBuilder), undefined, 'an ARG in the builder image');
    assert.equal(swapped(build('node:iron', 'node:20-slim')), undefined, 'a codename tag');
    const other = swapped(build('golang:1.26', 'node:20-slim'))!;
    assert.match(other.text, /^FROM golang:1\.26 AS build$/m, 'not a Node builder: untouched');
    assert.match(other.title, /the app moves to Node 22\)$/);
  });

  it('keeps the same-release swap unchanged where distroless publishes it (negative)', () => {
    const result = swapped(build('node:22', 'node:22-slim'))!;
    assert.equal(result.title, 'Use gcr.io/distroless/nodejs22-debian13:nonroot (no shell, Node.js 22)');
    assert.match(result.text, /^FROM node:22 AS build$/m);
  });
});
