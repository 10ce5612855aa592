import * as assert from 'node:assert/strict';
import { analyze, dockerfile, findingsOf } from '../helpers';

const RULE = 'runtime-image-not-digest-pinned';
const BUILD = ['FROM golang:1.23 AS build', 'RUN go build -o /app .'];
/** The rule is opt-in. */
const ON = { ruleSeverities: { [RULE]: 'information' as const } };

describe('rule runtime-image-not-digest-pinned', () => {
  it('is off by default', () => {
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13:nonroot', 'CMD ["/app"]'), RULE), []);
  });

  it('reports a distroless runtime image without digest when turned on', () => {
    const [finding] = findingsOf(dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13:nonroot', 'CMD ["/app"]'), RULE, ON);
    assert.equal(finding.severity, 'information');
    assert.deepEqual(finding.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 46 } });
    assert.match(finding.message, /no version tags.*Pin it by digest/);
  });

  it('reports a Chainguard runtime image', () => {
    assert.equal(findingsOf(dockerfile(...BUILD, 'FROM cgr.dev/chainguard/static:latest'), RULE, ON).length, 1);
  });

  it('is quiet with a digest, on images with version tags, and on build stages', () => {
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13:nonroot@sha256:0123'), RULE, ON), []);
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM python:3.13-slim'), RULE, ON), []);
    assert.deepEqual(findingsOf(dockerfile('FROM cgr.dev/chainguard/go:latest-dev AS build', 'FROM python:3.13-slim'), RULE, ON), []);
  });

  it('follows FROM <stage> to the FROM that names the image', () => {
    const [finding] = findingsOf(dockerfile('FROM gcr.io/distroless/base-debian13 AS base', 'FROM base'), RULE, ON);
    assert.equal(finding.range.start.line, 0);
  });

  it('checks the configured target, not the last stage', () => {
    const text = dockerfile('FROM gcr.io/distroless/base-debian13@sha256:0123 AS runtime', 'FROM gcr.io/distroless/base-debian13:debug AS debug');
    assert.deepEqual(analyze(text, { ...ON, target: 'runtime' }).findings.filter((f) => f.ruleId === RULE), []);
    assert.equal(findingsOf(text, RULE, ON).length, 1);
  });

  it('is quiet on an ${ARG} image without default', () => {
    assert.deepEqual(findingsOf(dockerfile('ARG RUNTIME', 'FROM ${RUNTIME}'), RULE, ON), []);
  });
});
