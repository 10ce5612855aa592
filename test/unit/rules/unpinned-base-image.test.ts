import * as assert from 'node:assert/strict';
import { dockerfile, findingsOf } from '../helpers';

const RULE = 'unpinned-base-image';

describe('rule unpinned-base-image', () => {
  it('warns on an untagged image, on the image reference', () => {
    const [finding] = findingsOf(dockerfile('FROM node', 'CMD ["node", "app.js"]'), RULE);
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } });
    assert.match(finding.message, /^node has no tag \(so :latest\): the shipped image changes whenever the tag moves\. Pin a version tag \(node:<version>\)/);
  });

  it('warns on :latest, on the tag, in build stages too', () => {
    const findings = findingsOf(dockerfile('FROM golang:latest AS build', 'RUN go build -o /app .', 'FROM alpine:3.20', 'COPY --from=build /app /app'), RULE);
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].range, { start: { line: 0, character: 12 }, end: { line: 0, character: 18 } });
    assert.match(findings[0].message, /golang:latest uses :latest: builds are not reproducible/);
  });

  it('is quiet on version tags and digests', () => {
    for (const image of ['node:22', 'node:22-slim', 'node@sha256:0123', 'node:latest@sha256:0123', 'ghcr.io/org/app:1.2.3']) {
      assert.deepEqual(findingsOf(dockerfile(`FROM ${image}`), RULE), [], image);
    }
  });

  it('skips scratch, stage references and ${ARG} images without default', () => {
    assert.deepEqual(findingsOf(dockerfile('FROM golang:1.23 AS build', 'FROM build AS test', 'FROM scratch', 'COPY --from=build /a /a'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('ARG BASE', 'FROM ${BASE}'), RULE), []);
  });

  it('resolves ARG defaults: a pinned default is quiet, a floating one is reported with its ARG', () => {
    assert.deepEqual(findingsOf(dockerfile('ARG PY=3.12', 'FROM python:${PY}-slim'), RULE), []);
    const [finding] = findingsOf(dockerfile('ARG TAG=latest', 'FROM python:${TAG}'), RULE);
    assert.match(finding.message, /python:latest \(from the ARG defaults of python:\$\{TAG\}\) uses :latest/);
    assert.deepEqual(finding.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 18 } });
  });

  it('reports FROM --platform images on the image, not the flag', () => {
    const [finding] = findingsOf(dockerfile('FROM --platform=$BUILDPLATFORM golang AS build', 'FROM alpine:3.20'), RULE);
    assert.deepEqual(finding.range, { start: { line: 0, character: 31 }, end: { line: 0, character: 37 } });
  });

  it('leaves distroless and Chainguard images (no version tags) to runtime-image-not-digest-pinned', () => {
    for (const image of ['gcr.io/distroless/static-debian13', 'gcr.io/distroless/base:latest', 'cgr.dev/chainguard/static:latest', 'cgr.dev/chainguard/go']) {
      assert.deepEqual(findingsOf(dockerfile('FROM golang:1.23 AS build', `FROM ${image}`), RULE), [], image);
    }
  });

  it('leaves a misspelt or later stage name to unknown-stage-reference', () => {
    assert.deepEqual(findingsOf(dockerfile('FROM golang:1.23 AS build', 'FROM biuld', 'CMD ["/app"]'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('FROM runtime', 'FROM alpine:3.20 AS runtime'), RULE), []);
  });

  it('skips template placeholders and buildah stage indexes', () => {
    assert.deepEqual(findingsOf(dockerfile('FROM {{ .BaseImage }}'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('FROM alpine:3.20', 'RUN true', 'FROM 0'), RULE), []);
  });

  it('reports images of Windows stages too (they have version tags)', () => {
    assert.equal(findingsOf(dockerfile('# escape=`', 'FROM mcr.microsoft.com/windows/servercore', 'RUN dir'), RULE).length, 1);
  });
});
