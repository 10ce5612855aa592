import * as assert from 'node:assert/strict';
import { analyze, dockerfile, findingsOf } from '../helpers';

const RULE = 'run-in-shellless-stage';
const BUILD = ['FROM golang:1.23 AS build', 'RUN go build -o /out/app .'];

describe('rule run-in-shellless-stage', () => {
  it('reports a shell-form RUN in a distroless runtime stage on its keyword, as an error', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13:nonroot', 'COPY --from=build /out/app /app', 'RUN mkdir /data', 'ENTRYPOINT ["/app"]');
    const [finding, ...rest] = findingsOf(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 3 } });
    assert.match(finding.message, /gcr\.io\/distroless\/static-debian13:nonroot has no shell/);
    assert.match(finding.message, /Move this step into the builder stage and COPY --from the result/);
  });

  it('reports heredoc RUNs and RUNs on scratch', () => {
    const text = dockerfile(...BUILD, 'FROM scratch', 'RUN <<EOF', 'mkdir /data', 'EOF', 'ENTRYPOINT ["/app"]');
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.range.start.line, 3);
    assert.match(finding.message, /scratch has no shell/);
  });

  it('reports an exec-form RUN of a program the stage does not have', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/base-debian13', 'RUN ["/bin/sh", "-c", "echo hi there"]');
    const [finding] = findingsOf(text, RULE);
    assert.match(finding.message, /RUN runs \/bin\/sh, which gcr\.io\/distroless\/base-debian13 does not have/);
  });

  it('knows which Chainguard images have busybox: quiet on node, go, rust, jdk, dotnet and unknown ones, an error on python', () => {
    for (const image of ['node:latest', 'go:latest', 'rust:latest', 'jdk:latest', 'dotnet-sdk:latest', 'dotnet-runtime:latest', 'some-new-image:latest']) {
      const text = dockerfile(`FROM cgr.dev/chainguard/${image}`, 'RUN npm install --omit=dev');
      assert.deepEqual(findingsOf(text, RULE), [], image);
    }
    const python = dockerfile('FROM cgr.dev/chainguard/python:latest', 'RUN pip install flask');
    assert.match(findingsOf(python, RULE)[0]?.message ?? '', /cgr\.dev\/chainguard\/python:latest has no shell/);
  });

  it('checks every shell-less stage, not only the runtime one', () => {
    const text = dockerfile('FROM scratch AS files', 'RUN echo hi > /x', 'FROM alpine:3.20', 'COPY --from=files /x /x');
    assert.equal(findingsOf(text, RULE).length, 1);
  });

  it('follows ARG defaults, --platform and FROM <stage> chains to the image', () => {
    const viaArg = dockerfile('ARG RUNTIME=gcr.io/distroless/static-debian13', ...BUILD, 'FROM ${RUNTIME}', 'RUN true');
    const viaPlatform = dockerfile(...BUILD, 'FROM --platform=$BUILDPLATFORM gcr.io/distroless/cc-debian13', 'RUN true');
    const viaChain = dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13 AS base', 'FROM base', 'RUN true');
    for (const text of [viaArg, viaPlatform, viaChain]) {
      assert.equal(findingsOf(text, RULE).length, 1, text);
    }
  });

  it('reports RUN under the backtick escape directive, across continuation lines', () => {
    const text = dockerfile('# escape=`', ...BUILD, 'FROM gcr.io/distroless/static-debian13', 'RUN echo a `', '  && echo b');
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.range.start.line, 4);
  });

  it('accepts an exec-form RUN of a binary copied into the stage (file, directory, numeric --from)', () => {
    for (const [copy, run] of [
      ['COPY --from=build /out/app /usr/local/bin/migrate', 'RUN ["/usr/local/bin/migrate", "--check"]'],
      ['COPY --from=0 /out/ /app/', 'RUN ["/app/migrate"]'],
      ['COPY --from=build /out/migrate /usr/local/bin/', 'RUN ["migrate"]'],
      ['COPY --from=build /out/migrate /app/', 'WORKDIR /app\nRUN ["./migrate"]'],
    ]) {
      const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13', copy, run);
      assert.deepEqual(findingsOf(text, RULE), [], run);
    }
  });

  it("accepts the image's own runtime in exec form, by path, or by name when it is on PATH", () => {
    const python = 'FROM gcr.io/distroless/python3-debian13';
    assert.deepEqual(findingsOf(dockerfile(...BUILD, python, 'RUN ["/usr/bin/python3.13", "-m", "compileall", "/app"]'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile(...BUILD, python, 'RUN ["python3", "-c", "print(1)"]'), RULE), []);
    const node = 'FROM gcr.io/distroless/nodejs24-debian13';
    assert.deepEqual(findingsOf(dockerfile(...BUILD, node, 'RUN ["/nodejs/bin/node", "prepare.js"]'), RULE), []);
    // /nodejs/bin is not on PATH in the distroless Node images.
    assert.equal(findingsOf(dockerfile(...BUILD, node, 'RUN ["node", "prepare.js"]'), RULE).length, 1);
  });

  it('reports only a missing shell when the catalog does not know what the image contains', () => {
    const old = 'FROM gcr.io/distroless/java:11';
    assert.deepEqual(findingsOf(dockerfile(...BUILD, old, 'RUN ["java", "Prepare.java"]'), RULE), []);
    assert.equal(findingsOf(dockerfile(...BUILD, old, 'RUN ["sh", "-c", "mkdir /data"]'), RULE).length, 1);
    assert.equal(findingsOf(dockerfile(...BUILD, old, 'RUN mkdir /data'), RULE).length, 1);
  });

  it('accepts a RUN that mounts a shell in, and a stage that sets SHELL', () => {
    for (const run of [
      'RUN --mount=from=busybox:1.36,src=/bin,dst=/bin mkdir /data',
      'RUN --mount=type=bind,from=build,source=/bin,target=/bin mkdir /data',
      'RUN --mount=type=bind,source=/busybox,target=/busybox mkdir /data',
    ]) {
      assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13', run), RULE), [], run);
    }
    const shell = dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13', 'COPY --from=busybox:1.36 /bin/busybox /busybox/sh', 'SHELL ["/busybox/sh", "-c"]', 'RUN mkdir /data');
    assert.deepEqual(findingsOf(shell, RULE), []);
  });

  it('still reports a mount from a shell-less image', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13', 'RUN --mount=from=gcr.io/distroless/base-debian13,target=/x mkdir /data');
    assert.equal(findingsOf(text, RULE).length, 1);
  });

  it('is quiet on images with a shell, debug tags, Windows images and unknown ${ARG} images', () => {
    for (const from of ['FROM alpine:3.20', 'FROM gcr.io/distroless/static-debian13:debug', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'FROM ${BASE}']) {
      assert.deepEqual(findingsOf(dockerfile('ARG BASE', ...BUILD, from, 'RUN mkdir /data'), RULE), [], from);
    }
  });

  it('is not a production-only rule: it reports in files marked not-production', () => {
    const text = dockerfile('# stagecraft: not-production', ...BUILD, 'FROM scratch', 'RUN true');
    assert.equal(analyze(text).findings.filter((f) => f.ruleId === RULE).length, 1);
  });
});
