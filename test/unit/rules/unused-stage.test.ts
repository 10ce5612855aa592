import * as assert from 'node:assert/strict';
import { analyze, dockerfile, findingsOf } from '../helpers';

const RULE = 'unused-stage';

describe('rule unused-stage', () => {
  it('reports a stage nothing reaches from the runtime stage, on its name', () => {
    const text = dockerfile('FROM golang:1.23 AS build', 'RUN go build -o /app .', 'FROM node:22 AS assets', 'RUN npm run build', 'FROM alpine:3.20', 'COPY --from=build /app /app');
    const [finding, ...rest] = findingsOf(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'information');
    assert.deepEqual(finding.range, { start: { line: 2, character: 16 }, end: { line: 2, character: 22 } });
    assert.match(finding.message, /Stage "assets" is not used/);
  });

  it('reports an unnamed stage on its FROM keyword', () => {
    const [finding] = findingsOf(dockerfile('FROM golang:1.23', 'RUN go build -o /app .', 'FROM alpine:3.20', 'CMD ["/app"]'), RULE);
    assert.deepEqual(finding.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
    assert.match(finding.message, /Stage 0 is not used/);
  });

  it('follows FROM <stage>, COPY --from, RUN --mount from= and numeric indexes, transitively', () => {
    const text = dockerfile(
      'FROM golang:1.23 AS base',
      'RUN go mod download',
      'FROM base AS build',
      'RUN go build -o /app .',
      'FROM alpine:3.20 AS certs',
      'RUN apk add ca-certificates',
      'FROM busybox:1.36',
      'RUN echo tools',
      'FROM scratch',
      'COPY --from=build /app /app',
      'COPY --from=2 /etc/ssl /etc/ssl',
      'RUN --mount=type=bind,from=3,target=/t true',
      'CMD ["/app"]',
    );
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('treats stages named like --target targets, and what they need, as used', () => {
    const text = dockerfile(
      'FROM golang:1.23 AS build',
      'RUN go build -o /app .',
      'FROM golang:1.23 AS test-deps',
      'RUN go install gotest.tools/gotestsum@v1',
      'FROM test-deps AS unit-test',
      'RUN gotestsum',
      'FROM golang:1.23 AS lint',
      'RUN golangci-lint run',
      'FROM alpine:3.20',
      'COPY --from=build /app /app',
    );
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('treats scratch export stages and leaf stages with a start command as targets', () => {
    const text = dockerfile(
      'FROM golang:1.23 AS build',
      'RUN go build -o /app .',
      'FROM scratch AS binaries',
      'COPY --from=build /app /',
      'FROM python:3.13-slim AS tools',
      'RUN pip install awscli',
      'CMD ["aws"]',
      'FROM alpine:3.20',
      'RUN true',
    );
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('counts every stage a variable FROM or --from can name as used', () => {
    const text = dockerfile(
      'ARG TARGETARCH=amd64',
      'FROM alpine:3.20 AS build_amd64',
      'RUN true',
      'FROM alpine:3.20 AS build_arm64',
      'RUN true',
      'FROM build_${TARGETARCH} AS build',
      'FROM alpine:3.20',
      'COPY --from=build /a /a',
    );
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('keeps the last stage when a target is configured, and reports what neither needs', () => {
    const text = dockerfile('FROM alpine:3.20 AS runtime', 'RUN true', 'FROM node:22 AS orphan', 'RUN true', 'FROM runtime AS extra', 'RUN true');
    const findings = analyze(text, { target: 'runtime' }).findings.filter((f) => f.ruleId === RULE);
    assert.deepEqual(findings.map((f) => f.message.slice(0, 14)), ['Stage "orphan"']);
  });

  it('is quiet on single-stage files, bare aliases and templates', () => {
    assert.deepEqual(findingsOf(dockerfile('FROM alpine:3.20', 'RUN true'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('FROM python:3.13 AS python', 'FROM alpine:3.20', 'RUN true'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('FROM {{ .Builder }} AS build', 'RUN make', 'FROM alpine:3.20', 'RUN true'), RULE), []);
  });

  it('works with heredocs and the backtick escape directive', () => {
    const text = dockerfile('# escape=`', 'FROM golang:1.23 AS build', 'RUN <<EOF', 'go build -o /app .', 'EOF', 'FROM alpine:3.20', 'COPY --from=build `', '  /app /app');
    assert.deepEqual(findingsOf(text, RULE), []);
  });
});
