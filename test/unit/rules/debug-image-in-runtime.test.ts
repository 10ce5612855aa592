import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding } from '../../../server/src/core/types';
import { analyze, dockerfile, findingsOf } from '../helpers';

const RULE = 'debug-image-in-runtime';

function applyFix(text: string, fix: NonNullable<Finding['fixes']>[number]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text), fix.edits);
}

const BUILD = ['FROM golang:1.23 AS build', 'RUN CGO_ENABLED=0 go build -o /app .'];

describe('rule debug-image-in-runtime', () => {
  it('warns on a distroless :debug tag in the runtime stage, on the tag, and swaps it for :latest', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13:debug', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]');
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 2, character: 39 }, end: { line: 2, character: 44 } });
    assert.match(finding.message, /busybox shell/);
    assert.equal(finding.fixes?.length, 1);
    assert.equal(finding.fixes?.[0].title, 'Use the release tag :latest');
    assert.equal(finding.fixes?.[0].isPreferred, true);
    const fixed = applyFix(text, finding.fixes![0]);
    assert.match(fixed, /^FROM gcr\.io\/distroless\/static-debian13:latest$/m);
    assert.deepEqual(findingsOf(fixed, RULE), []);
  });

  it('swaps debug-nonroot for nonroot and keeps an architecture suffix', () => {
    for (const [tag, release] of [
      ['debug-nonroot', 'nonroot'],
      ['debug-nonroot-arm64', 'nonroot-arm64'],
      ['debug-amd64', 'latest-amd64'],
    ]) {
      const text = dockerfile(...BUILD, `FROM gcr.io/distroless/base-debian13:${tag}`, 'COPY --from=build /app /app', 'CMD ["/app"]');
      const [finding] = findingsOf(text, RULE);
      assert.equal(finding?.fixes?.[0].edits[0].newText, release, tag);
      assert.deepEqual(findingsOf(applyFix(text, finding.fixes![0]), RULE), [], tag);
    }
  });

  it('warns on Chainguard and Docker Hardened -dev images and drops the -dev suffix', () => {
    for (const [image, release] of [
      ['cgr.dev/chainguard/node:latest-dev', 'latest'],
      ['dhi.io/python:3.13-debian13-dev', '3.13-debian13'],
    ]) {
      const text = dockerfile('FROM node:22 AS build', `FROM ${image}`, 'COPY --from=build /app /app', 'CMD ["app.js"]');
      const [finding] = findingsOf(text, RULE);
      assert.match(finding?.message ?? '', /shell and package manager/, image);
      assert.equal(finding?.fixes?.[0].edits[0].newText, release, image);
    }
  });

  it('offers no tag swap for a Hardened -sdk image (no runtime tag of the same name)', () => {
    const [finding] = findingsOf(dockerfile('FROM dhi.io/dotnet:10-sdk AS build', 'FROM dhi.io/dotnet:10-sdk', 'CMD ["./app"]'), RULE);
    assert.ok(finding);
    assert.equal(finding.fixes, undefined);
  });

  it('is quiet when only a build stage uses a debug image', () => {
    const text = dockerfile('FROM cgr.dev/chainguard/go:latest-dev AS build', 'RUN go build -o /app .', 'FROM cgr.dev/chainguard/static:latest', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]');
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('is quiet on release tags', () => {
    for (const tag of ['latest', 'nonroot', 'nonroot-arm64']) {
      assert.deepEqual(findingsOf(dockerfile(...BUILD, `FROM gcr.io/distroless/static-debian13:${tag}`, 'CMD ["/app"]'), RULE), [], tag);
    }
  });

  it('tells to move a debug stage placed after the real runtime stage, without a tag swap', () => {
    const text = dockerfile(
      ...BUILD,
      'FROM gcr.io/distroless/static-debian13:nonroot AS runtime',
      'COPY --from=build /app /app',
      'ENTRYPOINT ["/app"]',
      'FROM gcr.io/distroless/static-debian13:debug AS debug',
      'COPY --from=build /app /app',
    );
    const [finding] = findingsOf(text, RULE);
    assert.match(finding.message, /move the debug stage before the runtime stage "runtime", or build with --target runtime/i);
    assert.equal(finding.fixes, undefined);
    assert.equal(finding.range.start.line, 5);
  });

  it('does not count a release stage the debug stage copies from as the real runtime stage', () => {
    const text = dockerfile(
      'FROM gcr.io/distroless/static-debian13 AS certs',
      ...BUILD,
      'FROM gcr.io/distroless/static-debian13:debug-nonroot',
      'COPY --from=certs /etc/ssl/certs /etc/ssl/certs',
      'COPY --from=build /app /app',
      'ENTRYPOINT ["/app"]',
    );
    const [finding] = findingsOf(text, RULE);
    assert.doesNotMatch(finding.message, /move the debug stage/);
    assert.equal(finding.fixes?.[0].edits[0].newText, 'nonroot');
  });

  it('is quiet when --target picks the release stage before a trailing debug stage', () => {
    const text = dockerfile(
      ...BUILD,
      'FROM gcr.io/distroless/static-debian13:nonroot AS runtime',
      'ENTRYPOINT ["/app"]',
      'FROM gcr.io/distroless/static-debian13:debug AS debug',
    );
    assert.deepEqual(analyze(text, { target: 'runtime' }).findings.filter((f) => f.ruleId === RULE), []);
  });

  it('follows FROM <stage> to the FROM that names the debug image', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/base-debian13:debug AS base', 'FROM base', 'COPY --from=build /app /app', 'CMD ["/app"]');
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.range.start.line, 2);
    assert.equal(finding.fixes?.[0].edits[0].range.start.line, 2);
  });

  it('does not offer the swap when the stage runs RUN or shell-form commands, which need the shell', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/base-debian13:debug', 'RUN mkdir /data', 'CMD ["/app"]');
    const [finding] = findingsOf(text, RULE);
    assert.match(finding.message, /move the RUN steps and shell commands to the build stage/);
    assert.equal(finding.fixes, undefined);
  });

  it('reports an ARG-templated debug tag on the image, and edits the ARG default, not the FROM', () => {
    const text = dockerfile('ARG VARIANT=debug', ...BUILD, 'FROM gcr.io/distroless/static-debian13:${VARIANT}', 'CMD ["/app"]');
    const [finding] = findingsOf(text, RULE);
    assert.deepEqual(finding.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 49 } });
    assert.deepEqual(finding.fixes?.[0].edits, [{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 17 } }, newText: 'latest' }]);
    // A default built from other arguments is not one plain tag to swap.
    const composed = dockerfile('ARG KIND=debug', 'ARG VARIANT=${KIND}', ...BUILD, 'FROM gcr.io/distroless/static-debian13:${VARIANT}', 'CMD ["/app"]');
    assert.equal(findingsOf(composed, RULE)[0].fixes, undefined);
  });

  it('handles FROM --platform and the escape directive', () => {
    const text = dockerfile('# escape=`', 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build', 'RUN go build `', '  -o /app .', 'FROM gcr.io/distroless/static-debian13:debug', 'CMD ["/app"]');
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.fixes?.[0].edits[0].newText, 'latest');
  });

  it('is quiet for files that are not production images', () => {
    const text = dockerfile('# stagecraft: not-production', ...BUILD, 'FROM gcr.io/distroless/static-debian13:debug', 'CMD ["/app"]');
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  describe('with the tag in a build argument (what "Make the runtime debuggable" writes)', () => {
    const file = (argument: string, from: string) =>
      dockerfile(argument, ...BUILD, `FROM ${from} AS runtime`, 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]');

    it('is quiet when the ARG default is a release tag', () => {
      for (const tag of ['nonroot', 'latest', 'nonroot-arm64']) {
        assert.deepEqual(findingsOf(file(`ARG RUNTIME_TAG=${tag}`, 'gcr.io/distroless/static-debian13:${RUNTIME_TAG}'), RULE), [], tag);
      }
      assert.deepEqual(findingsOf(file('ARG RUNTIME_IMAGE=gcr.io/distroless/static-debian13:nonroot', '${RUNTIME_IMAGE}'), RULE), []);
      assert.deepEqual(findingsOf(file('ARG RUNTIME_TAG=latest', 'cgr.dev/chainguard/static:$RUNTIME_TAG'), RULE), []);
    });

    it('warns when the ARG default is a debug tag, and fixes the default, not the FROM', () => {
      const text = file('ARG RUNTIME_TAG=debug-nonroot', 'gcr.io/distroless/static-debian13:${RUNTIME_TAG}');
      const [finding] = findingsOf(text, RULE);
      assert.ok(finding, 'fires on a debug default');
      assert.match(finding.message, /use :nonroot as the default of ARG RUNTIME_TAG \(pass --build-arg for a debug build\)/);
      assert.deepEqual(finding.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 53 } });
      assert.equal(finding.fixes?.length, 1);
      assert.equal(finding.fixes?.[0].title, 'Default ARG RUNTIME_TAG to the release tag :nonroot');
      const fixed = applyFix(text, finding.fixes![0]);
      assert.match(fixed, /^ARG RUNTIME_TAG=nonroot$/m);
      assert.match(fixed, /^FROM gcr\.io\/distroless\/static-debian13:\$\{RUNTIME_TAG\} AS runtime$/m);
      assert.deepEqual(findingsOf(fixed, RULE), []);
    });

    it('fixes a whole-reference default, but not one pinned by digest (the digest is the debug image)', () => {
      const text = file('ARG RUNTIME_IMAGE=gcr.io/distroless/static-debian13:debug', '${RUNTIME_IMAGE}');
      const [finding] = findingsOf(text, RULE);
      assert.equal(finding.fixes?.[0].edits[0].newText, 'gcr.io/distroless/static-debian13:latest');
      assert.deepEqual(findingsOf(applyFix(text, finding.fixes![0]), RULE), []);
      const pinned = file(`ARG RUNTIME_IMAGE=gcr.io/distroless/static-debian13:debug@sha256:${'b'.repeat(64)}`, '${RUNTIME_IMAGE}');
      const [pinnedFinding] = findingsOf(pinned, RULE);
      assert.ok(pinnedFinding);
      assert.equal(pinnedFinding.fixes, undefined);
    });
  });
});
