import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding } from '../../../server/src/core/types';
import { dockerfile, findingsOf } from '../helpers';

const RULE = 'unknown-stage-reference';

function applyFix(text: string, fix: NonNullable<Finding['fixes']>[number]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text), fix.edits);
}

const BUILD = ['FROM golang:1.23 AS build', 'RUN go build -o /app .'];

describe('rule unknown-stage-reference', () => {
  it('reports a misspelt --from with a did-you-mean fix on the value', () => {
    const text = dockerfile(...BUILD, 'FROM alpine:3.20', 'COPY --from=buidl /app /app');
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.range, { start: { line: 3, character: 12 }, end: { line: 3, character: 17 } });
    assert.equal(finding.message, '--from=buidl names no stage; did you mean "build"?');
    assert.equal(finding.fixes?.[0].title, 'Change to "build"');
    assert.equal(finding.fixes?.[0].isPreferred, true);
    const fixed = applyFix(text, finding.fixes![0]);
    assert.match(fixed, /COPY --from=build \/app \/app/);
    assert.deepEqual(findingsOf(fixed, RULE), []);
  });

  it('suggests a longer stage name for a shortened one (build → builder)', () => {
    const [finding] = findingsOf(dockerfile('FROM golang:1.23 AS builder', 'FROM alpine:3.20', 'COPY --from=build /a /a'), RULE);
    assert.equal(finding.fixes?.[0].edits[0].newText, 'builder');
  });

  it('matches stage names case-insensitively, as BuildKit does', () => {
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM alpine:3.20', 'COPY --from=BUILD /app /app'), RULE), []);
  });

  it('is quiet on image references and official image names', () => {
    for (const value of ['ghcr.io/astral-sh/uv:0.5', 'busybox', 'nginx:latest', 'docker.io/library/alpine', 'alpine@sha256:0123']) {
      assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM alpine:3.20', `COPY --from=${value} /x /x`), RULE), [], value);
    }
  });

  it('is quiet on a bare name close to no stage (an image or a named build context)', () => {
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM alpine:3.20', 'COPY --from=sources /x /x'), RULE), []);
  });

  it('accepts numeric indexes of earlier stages and reports the others', () => {
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM alpine:3.20', 'COPY --from=0 /app /app'), RULE), []);
    const own = findingsOf(dockerfile(...BUILD, 'FROM alpine:3.20', 'COPY --from=1 /x /x'), RULE);
    assert.match(own[0].message, /--from=1 is this stage itself/);
    const later = findingsOf(dockerfile('FROM alpine:3.20', 'COPY --from=1 /x /x', 'FROM golang:1.23'), RULE);
    assert.match(later[0].message, /refers to a later stage/);
    const missing = findingsOf(dockerfile('FROM alpine:3.20', 'COPY --from=5 /x /x'), RULE);
    assert.match(missing[0].message, /there is no stage 5 \(stages are numbered from 0; this file has 1\)/);
  });

  it('reports a reference to a later stage and to its own stage', () => {
    const later = findingsOf(dockerfile('FROM alpine:3.20 AS runtime', 'COPY --from=build /app /app', ...BUILD), RULE);
    assert.match(later[0].message, /--from=build refers to a stage defined later.*Move stage "build" above this one/);
    const own = findingsOf(dockerfile('FROM alpine:3.20 AS runtime', 'COPY --from=runtime /a /b'), RULE);
    assert.match(own[0].message, /is this stage itself/);
  });

  it('reports a variable in COPY --from, which BuildKit does not expand, but not in RUN --mount', () => {
    const [finding] = findingsOf(dockerfile('ARG BUILDER=build', ...BUILD, 'FROM alpine:3.20', 'COPY --from=${BUILDER} /app /app'), RULE);
    assert.match(finding.message, /BuildKit does not expand variables in --from/);
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM alpine:3.20', 'ARG SRC=build', 'RUN --mount=type=bind,from=$SRC,target=/src cp /src/app /app'), RULE), []);
  });

  it('checks RUN --mount from= values', () => {
    const [finding] = findingsOf(dockerfile(...BUILD, 'FROM alpine:3.20', 'RUN --mount=type=bind,from=biuld,source=/app,target=/mnt cp /mnt /app'), RULE);
    assert.equal(finding.message, 'from=biuld names no stage; did you mean "build"?');
  });

  it('reports a FROM that misspells an earlier stage, with a fix', () => {
    const text = dockerfile(...BUILD, 'FROM biuld AS test', 'RUN go test ./...');
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.message, 'FROM biuld names no stage; did you mean "build"?');
    assert.match(applyFix(text, finding.fixes![0]), /^FROM build AS test$/m);
  });

  it('warns when FROM names a stage defined later (FROM only sees earlier stages)', () => {
    const [finding] = findingsOf(dockerfile('FROM base', 'FROM alpine:3.20 AS base'), RULE);
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /FROM base pulls an image named "base"/);
  });

  it('is quiet on FROM images that are not near a stage name', () => {
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM node', 'FROM python:3.13', 'FROM bulid/tool:1'), RULE), []);
  });

  it('offers every equally close stage, none preferred', () => {
    const [finding] = findingsOf(dockerfile('FROM a:1 AS web1', 'FROM a:1 AS web3', 'FROM a:1', 'COPY --from=web2 /x /x'), RULE);
    assert.deepEqual(finding.fixes?.map((fix) => [fix.title, fix.isPreferred]), [['Change to "web1"', undefined], ['Change to "web3"', undefined]]);
  });

  it('works with the backtick escape directive and FROM --platform', () => {
    const text = dockerfile('# escape=`', 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build', 'FROM alpine:3.20', 'COPY --from=buld `', '  /app /app');
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.fixes?.[0].edits[0].newText, 'build');
  });
});
