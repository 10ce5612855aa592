import * as assert from 'node:assert/strict';
import { MAX_VALIDATED_LENGTH, dockerfileSyntax } from '../../../server/src/rules/dockerfile-syntax';
import { Finding } from '../../../server/src/core/types';
import { analyze, dockerfile } from '../helpers';

const RULE = 'dockerfile-syntax';

function findings(text: string): Finding[] {
  return analyze(text, { today: '2026-11-29' }).findings.filter((finding) => finding.ruleId === RULE);
}

describe('rule dockerfile-syntax', () => {
  it('reports broken instructions as errors with the validator message and range', () => {
    const text = dockerfile('FROM golang:1.25 AS build', 'RUNN go build', 'COPY --form=build /app /app', 'EXPOSE 80/tpc');
    const result = findings(text);
    assert.deepEqual(
      result.map((finding) => [finding.range.start.line, finding.severity, finding.message]),
      [
        [1, 'error', 'Unknown instruction: RUNN'],
        [2, 'error', 'Unknown flag: form'],
        [3, 'error', 'Invalid proto: tpc'],
      ],
    );
    assert.deepEqual(result[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
  });

  it('leaves the checks BuildKit also runs to the BuildKit rules (MAINTAINER, repeated CMD, casing): one finding each', () => {
    const text = dockerfile('from alpine:3.20', 'MAINTAINER someone', 'CMD ["a"]', 'CMD ["b"]');
    assert.deepEqual(findings(text), []);
    const all = analyze(text, { today: '2026-11-29' }).findings.map((finding) => finding.ruleId);
    assert.ok(all.includes('MaintainerDeprecated') && all.includes('MultipleInstructionsDisallowed') && all.includes('ConsistentInstructionCasing'));
  });

  it('is quiet on valid modern Dockerfiles: heredocs, BuildKit flags, ADD --unpack, several sources to .', () => {
    const text = dockerfile(
      '# syntax=docker/dockerfile:1',
      'FROM --platform=$BUILDPLATFORM golang:1.25 AS build',
      'WORKDIR /src',
      'COPY go.mod go.sum .',
      'COPY --parents --exclude=*.md ./a ./b /src/',
      'ADD --unpack=false archive.tar.gz /downloads/',
      'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/x.tar.gz /x/',
      'RUN --mount=type=cache,target=/root/.cache/go-build --network=none go build -o /app .',
      'RUN <<EOF',
      'set -e',
      'echo built',
      'EOF',
      'RUN cat /proc/self/fd/5 5<<FILE1 > /out.txt',
      'this is not an instruction',
      'FILE1',
      'WORKDIR relative/dir',
      'FROM gcr.io/distroless/static-debian13:nonroot',
      'COPY --link --from=build /app /app',
      'ENTRYPOINT ["/app"]',
    );
    assert.deepEqual(findings(text), []);
  });

  it('leaves a relative WORKDIR, a duplicate stage name and EXPOSE host:port to the BuildKit rules', () => {
    assert.deepEqual(findings(dockerfile('FROM alpine:3.20', 'WORKDIR app')), []);
    assert.deepEqual(findings(dockerfile('FROM alpine:3.20 AS build', 'FROM alpine:3.20 AS build')), []);
    assert.deepEqual(findings(dockerfile('FROM alpine:3.20', 'EXPOSE 127.0.0.1:8080:8080', 'EXPOSE 8080:80')), []);
  });

  it('handles the escape directive with a backtick', () => {
    const text = dockerfile('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN echo a `', '    && echo b', 'COPY a b c:\\dest\\');
    assert.deepEqual(findings(text), []);
  });

  it('is quiet on template sources ({{ }}, {% %}, %%VERSION%% in FROM)', () => {
    assert.deepEqual(findings(dockerfile('FROM {{ .BaseImage }}', '{{ if .Debug }}', 'RUN echo', '{{ end }}')), []);
    assert.deepEqual(findings(dockerfile('FROM alpine:%%ALPINE_VERSION%%', 'RUN echo')), []);
  });

  it('is quiet on an empty file, or one with only comments and ARGs, but not on RUN without FROM', () => {
    assert.deepEqual(findings(''), []);
    assert.deepEqual(findings(dockerfile('# syntax=docker/dockerfile:1', 'ARG VERSION=1')), []);
    assert.match(findings(dockerfile('RUN echo'))[0]?.message ?? '', /No source image provided/);
  });

  it('skips files beyond MAX_VALIDATED_LENGTH (the validator costs as much as the analysis)', () => {
    const large = 'FROM alpine:3.20\n' + 'RUNN echo\n'.repeat(MAX_VALIDATED_LENGTH / 10);
    assert.deepEqual(findings(large), []);
  });

  it('never throws on bad input', () => {
    for (const text of ['', '\u0000\u0001', 'FROM', '\\\n\\\n', 'RUN <<EOF', 'COPY ["a", ', '# escape=`\nFROM a `\n']) {
      assert.doesNotThrow(() => dockerfileSyntax.check({ model: analyze('FROM a\n').model!, text, lines: text.split(/\r?\n/), today: '2026-11-29', allowedRuntimeImages: [] }));
    }
  });
});
