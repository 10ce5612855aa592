import * as assert from 'node:assert/strict';
import { dockerfile, findingsOf } from '../helpers';

const RULE = 'healthcheck-in-shellless-runtime';
const BUILD = ['FROM golang:1.23 AS build', 'RUN CGO_ENABLED=0 go build -o /out/app .'];
const RUNTIME = ['FROM gcr.io/distroless/static-debian13:nonroot', 'COPY --from=build /out/app /app'];

describe('rule healthcheck-in-shellless-runtime', () => {
  it('reports a shell-form HEALTHCHECK on its CMD word, as an error', () => {
    const text = dockerfile(...BUILD, ...RUNTIME, 'HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/ || exit 1', 'ENTRYPOINT ["/app"]');
    const [finding, ...rest] = findingsOf(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.range, { start: { line: 4, character: 27 }, end: { line: 4, character: 30 } });
    assert.match(finding.message, /runs through \/bin\/sh .* has no shell: the check always fails/);
    assert.match(finding.message, /exec form .*orchestrator's probes/);
  });

  it('reports an exec-form HEALTHCHECK of curl or wget on the program word', () => {
    const text = dockerfile(...BUILD, ...RUNTIME, 'HEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/health check"]');
    const [finding] = findingsOf(text, RULE);
    assert.deepEqual(finding.range, { start: { line: 4, character: 17 }, end: { line: 4, character: 23 } });
    assert.match(finding.message, /HEALTHCHECK runs curl, which gcr\.io\/distroless\/static-debian13:nonroot does not have/);
    assert.equal(findingsOf(dockerfile(...BUILD, ...RUNTIME, 'HEALTHCHECK CMD ["CMD", "/usr/bin/wget", "-q", "http://x"]'), RULE).length, 1);
  });

  it('reports CMD-SHELL and exec forms split over continuation lines', () => {
    assert.equal(findingsOf(dockerfile(...BUILD, ...RUNTIME, 'HEALTHCHECK CMD ["CMD-SHELL", "curl -f http://x"]'), RULE).length, 1);
    const [finding] = findingsOf(dockerfile(...BUILD, ...RUNTIME, 'HEALTHCHECK --interval=5s \\', '  CMD ["wget", \\', '  "-q", "http://x"]'), RULE);
    assert.deepEqual(finding.range, { start: { line: 5, character: 7 }, end: { line: 5, character: 13 } });
  });

  it('reports a HEALTHCHECK inherited from a FROM <stage> parent', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13 AS base', 'HEALTHCHECK CMD curl -f http://x', 'FROM base', 'COPY --from=build /out/app /app');
    assert.equal(findingsOf(text, RULE)[0]?.range.start.line, 3);
  });

  it('accepts exec form calling the application or a tool copied into the stage', () => {
    for (const lines of [
      ['HEALTHCHECK CMD ["/app", "healthcheck"]'],
      ['COPY --from=build /usr/bin/curl /usr/bin/curl', 'HEALTHCHECK CMD ["curl", "-f", "http://x"]'],
      ['COPY --from=busybox:1.36 /bin/wget /bin/', 'HEALTHCHECK CMD ["/bin/wget", "-q", "http://x"]'],
      ['HEALTHCHECK NONE'],
    ]) {
      assert.deepEqual(findingsOf(dockerfile(...BUILD, ...RUNTIME, ...lines), RULE), [], lines.join('\n'));
    }
  });

  it('is quiet on images with a shell, debug tags, builder stages and Windows images', () => {
    for (const text of [
      dockerfile(...BUILD, 'FROM alpine:3.20', 'HEALTHCHECK CMD wget -q http://x || exit 1'),
      dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13:debug', 'HEALTHCHECK CMD wget -q http://x || exit 1'),
      dockerfile('FROM scratch AS files', 'HEALTHCHECK CMD curl x', 'FROM alpine:3.20'),
      dockerfile('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'HEALTHCHECK CMD curl x'),
    ]) {
      assert.deepEqual(findingsOf(text, RULE), [], text);
    }
  });
});
