import * as assert from 'node:assert/strict';
import { dockerfile, findingsOf, analyze } from './helpers';

const GOOD_GO_MULTISTAGE = dockerfile(
  'FROM golang:1.26 AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /app ./cmd/app',
  'FROM gcr.io/distroless/static-debian13:nonroot',
  'COPY --from=build /app /app',
  'USER 65532:65532',
  'ENTRYPOINT ["/app"]',
);

describe('rule single-stage-build', () => {
  it('says so when a full-image stage builds nothing (a prebuilt jar): the image is what to fix', () => {
    const [finding] = findingsOf(dockerfile('FROM eclipse-temurin:21-jre', 'COPY target/app.jar /app/app.jar', 'CMD ["java", "-jar", "/app/app.jar"]'), 'single-stage-build');
    assert.match(finding.message, /^Single stage on a full image: nothing is built here/);
    assert.doesNotMatch(finding.message, /build tools and sources ship/);
  });

  it('reports a single-stage build on its FROM keyword', () => {
    const [finding] = findingsOf(dockerfile('FROM python:3.12', 'RUN pip install -r requirements.txt', 'CMD ["python", "app.py"]'), 'single-stage-build');
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
    assert.match(finding.message, /Split it into a build stage and a distroless runtime stage/);
  });

  it('is quiet on a multistage build', () => {
    assert.deepEqual(findingsOf(GOOD_GO_MULTISTAGE, 'single-stage-build'), []);
  });

  it('is quiet on a lone distroless stage that only copies a prebuilt artifact', () => {
    const text = dockerfile('FROM gcr.io/distroless/static-debian13:nonroot', 'COPY app /app', 'ENTRYPOINT ["/app"]');
    assert.deepEqual(findingsOf(text, 'single-stage-build'), []);
  });

  it('still reports a lone minimal stage that builds with RUN', () => {
    const text = dockerfile('FROM alpine:3.20', 'RUN apk add gcc && make', 'CMD ["/app"]');
    assert.equal(findingsOf(text, 'single-stage-build').length, 1);
  });

  it('is quiet on Windows images', () => {
    assert.deepEqual(findingsOf(dockerfile('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN echo'), 'single-stage-build'), []);
  });

  it('counts an empty file as no stage, not one', () => {
    assert.deepEqual(analyze('').findings, []);
  });
});

describe('rule runtime-not-distroless', () => {
  it('warns on a full image in the final stage, on the image reference', () => {
    const [finding] = findingsOf(dockerfile('FROM python:3.12', 'CMD ["python", "app.py"]'), 'runtime-not-distroless');
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 16 } });
    assert.match(finding.message, /gcr\.io\/distroless\/python3-debian13/);
  });

  it('gives information for a minimal -slim or alpine runtime', () => {
    for (const image of ['python:3.13-slim', 'node:24-alpine', 'alpine:3.20']) {
      const [finding] = findingsOf(dockerfile('FROM golang AS build', `FROM ${image}`), 'runtime-not-distroless');
      assert.equal(finding?.severity, 'information', image);
    }
  });

  it('accepts distroless, Chainguard, chiseled .NET and scratch runtimes', () => {
    for (const image of [
      'gcr.io/distroless/static-debian13:nonroot',
      'gcr.io/distroless/python3-debian13',
      'cgr.dev/chainguard/node:latest',
      'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled',
      'mcr.microsoft.com/dotnet/runtime-deps:10.0-azurelinux3.0-distroless',
      'scratch',
    ]) {
      assert.deepEqual(findingsOf(dockerfile('FROM golang AS build', `FROM ${image}`), 'runtime-not-distroless'), [], image);
    }
  });

  it('treats a Chainguard -dev image as minimal (it has a shell)', () => {
    const [finding] = findingsOf(dockerfile('FROM golang AS build', 'FROM cgr.dev/chainguard/node:latest-dev'), 'runtime-not-distroless');
    assert.equal(finding?.severity, 'information');
  });

  it('follows a final FROM <stage> to its real base', () => {
    const text = dockerfile('FROM node:24 AS base', 'FROM base AS build', 'RUN npm ci', 'FROM base', 'CMD ["node", "x.js"]');
    const [finding] = findingsOf(text, 'runtime-not-distroless');
    assert.equal(finding.range.start.line, 3);
    assert.match(finding.message, /node:24/);
  });

  it('substitutes ARG defaults, and stays quiet on an ARG without default', () => {
    assert.equal(findingsOf(dockerfile('ARG PY=3.12', 'FROM golang AS b', 'FROM python:${PY}'), 'runtime-not-distroless').length, 1);
    assert.deepEqual(findingsOf(dockerfile('ARG RUNTIME', 'FROM golang AS b', 'FROM ${RUNTIME}'), 'runtime-not-distroless'), []);
  });

  it('is quiet on the correct Go multistage build', () => {
    assert.deepEqual(analyze(GOOD_GO_MULTISTAGE).findings, []);
  });
});

describe('rule severities', () => {
  const text = dockerfile('FROM python:3.12', 'CMD ["python", "app.py"]');

  it('turns a rule off', () => {
    const { findings } = analyze(text, { ruleSeverities: { 'single-stage-build': 'off' } });
    const ids = findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('single-stage-build') && ids.includes('runtime-not-distroless'), ids.join(', '));
  });

  it('overrides a severity', () => {
    const { findings } = analyze(text, { ruleSeverities: { 'runtime-not-distroless': 'error' } });
    assert.equal(findings.find((f) => f.ruleId === 'runtime-not-distroless')?.severity, 'error');
  });
});
