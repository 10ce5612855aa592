import * as assert from 'node:assert/strict';
import { dockerfile, findingsOf } from '../helpers';

const RULE = 'missing-entrypoint';
const BUILD = ['FROM golang:1.23 AS build', 'RUN CGO_ENABLED=0 go build -o /app .'];

describe('rule missing-entrypoint', () => {
  it('warns on a distroless static runtime that sets neither ENTRYPOINT nor CMD, on its FROM', () => {
    const [finding] = findingsOf(dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13:nonroot', 'COPY --from=build /app /app'), RULE);
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } });
    assert.match(finding.message, /has no ENTRYPOINT and this runtime stage sets neither ENTRYPOINT nor CMD/);
  });

  it('is quiet when the stage sets CMD or ENTRYPOINT, or inherits one from an earlier stage', () => {
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13', 'CMD ["/app"]'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM gcr.io/distroless/cc-debian13', 'ENTRYPOINT ["/app"]'), RULE), []);
    const chained = dockerfile('FROM gcr.io/distroless/base-debian13 AS base', 'ENTRYPOINT ["/app"]', 'FROM base', 'COPY app /app');
    assert.deepEqual(findingsOf(chained, RULE), []);
  });

  it('is quiet on images with their own entrypoint and on images the catalog does not know', () => {
    assert.deepEqual(findingsOf(dockerfile('FROM python:3.13 AS build', 'FROM gcr.io/distroless/python3-debian13', 'COPY app.py /app.py'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('FROM example.com/base:1', 'COPY app /app'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('ARG BASE', 'FROM ${BASE}'), RULE), []);
  });

  it('is quiet on debug tags (busybox shell entrypoint)', () => {
    assert.deepEqual(findingsOf(dockerfile('FROM gcr.io/distroless/static-debian13:debug', 'COPY app /app'), RULE), []);
  });

  it('is quiet on scratch export and base-image stages, and warns on a scratch service', () => {
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM scratch AS export', 'COPY --from=build /app /'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('FROM scratch', 'ADD rootfs.tar.xz /', 'ENV PATH=/usr/bin'), RULE), []);
    assert.equal(findingsOf(dockerfile(...BUILD, 'FROM scratch', 'COPY --from=build /app /app', 'EXPOSE 8080'), RULE).length, 1);
  });

  it('checks the configured runtime stage through ARG defaults', () => {
    const text = dockerfile('ARG DEBIAN=13', ...BUILD, 'FROM gcr.io/distroless/static-debian${DEBIAN}', 'COPY --from=build /app /app');
    assert.equal(findingsOf(text, RULE).length, 1);
  });
});
