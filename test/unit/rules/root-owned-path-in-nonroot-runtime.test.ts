import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding } from '../../../server/src/core/types';
import { analyze, dockerfile } from '../helpers';

const RULE = 'root-owned-path-in-nonroot-runtime';

function findings(text: string): Finding[] {
  return analyze(text, { today: '2026-11-29' }).findings.filter((finding) => finding.ruleId === RULE);
}

function applyFix(text: string, finding: Finding): string {
  const fix = finding.fixes?.[0];
  assert.ok(fix, 'the finding has a fix');
  return TextDocument.applyEdits(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text), fix.edits);
}

const BUILD = ['FROM golang:1.25 AS build', 'ENV CGO_ENABLED=0', 'RUN go build -o /app . && mkdir -p /data'];

describe('rule root-owned-path-in-nonroot-runtime', () => {
  it('reports a COPY into a data directory without --chown in a nonroot distroless stage, with a fix', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13:nonroot', 'COPY --from=build /data /data', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]');
    const [finding, ...rest] = findings(text);
    assert.equal(rest.length, 0, 'the binary copy is not a data directory');
    assert.equal(finding.severity, 'information');
    assert.deepEqual(finding.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 4 } });
    assert.match(finding.message, /Without --chown, \/data is created owned by root, and this non-root stage has no shell to chown it: the app cannot write there\. Add --chown=65532:65532\./);
    const fixed = applyFix(text, finding);
    assert.match(fixed, /^COPY --chown=65532:65532 --from=build \/data \/data$/m);
    assert.deepEqual(findings(fixed), []);
  });

  it('reports a VOLUME the image does not have and that nothing creates', () => {
    const text = dockerfile('FROM gcr.io/distroless/static-debian12:nonroot', 'WORKDIR /app', 'COPY bin/tool /app/tool', 'VOLUME /data', 'USER nonroot:nonroot', 'ENTRYPOINT ["/app/tool"]');
    const [finding] = findings(text);
    assert.deepEqual(finding.range, { start: { line: 3, character: 7 }, end: { line: 3, character: 12 } });
    assert.match(finding.message, /VOLUME \/data does not exist in the image, so it is created owned by root and user nonroot cannot write to it/);
    assert.match(finding.message, /COPY --chown=nonroot:nonroot --from=<build stage> \/data \/data\./);
  });

  it('is quiet when a COPY --chown or a WORKDIR run as the user creates the volume directory', () => {
    const chowned = dockerfile('FROM gcr.io/distroless/cc-debian13:nonroot', 'COPY --from=gcr.io/distroless/cc-debian13:nonroot --chown=nonroot:nonroot /home/nonroot /data', 'VOLUME ["/data"]', 'ENTRYPOINT ["/bin/app"]');
    assert.deepEqual(findings(chowned), []);
    const workdir = dockerfile('FROM gcr.io/distroless/static-debian13', 'USER nonroot', 'WORKDIR /opt/app-data', 'VOLUME /opt/app-data');
    assert.deepEqual(findings(workdir), []);
  });

  it("reports a COPY --from whose build stage chowned the source: the chown does not carry over to the directory COPY creates", () => {
    const text = dockerfile('FROM busybox:1.37 AS source', 'RUN mkdir /opt/app && chown 10001:10001 /opt/app', 'FROM gcr.io/distroless/java17-debian13', 'USER 10001', 'COPY --from=source /opt/app /opt/app');
    const [finding] = findings(text);
    assert.match(finding.message, /the build stage's chown of \/opt\/app does not carry over: COPY creates \/opt\/app owned by root.*Add --chown=10001\./);
    assert.match(applyFix(text, finding), /^COPY --chown=10001 --from=source \/opt\/app \/opt\/app$/m);
  });

  it('is quiet on a later COPY into a directory an earlier COPY --chown created', () => {
    const text = dockerfile('FROM gcr.io/distroless/static-debian13:nonroot', 'COPY --from=gcr.io/distroless/static-debian13:nonroot --chown=65532:65532 /home/nonroot /data', 'COPY seed.json /data/seed.json');
    assert.deepEqual(findings(text), []);
  });

  it('resolves relative destinations against WORKDIR, and JSON-form COPY', () => {
    const relative = dockerfile('FROM gcr.io/distroless/static-debian13:nonroot', 'WORKDIR /app', 'COPY seed.db ./data/seed.db');
    assert.match(findings(relative)[0]?.message ?? '', /\/app\/data is created owned by root/);
    const json = dockerfile('FROM gcr.io/distroless/static-debian13:nonroot', 'COPY ["config", "/var/lib/app/"]');
    assert.match(findings(json)[0]?.message ?? '', /\/var\/lib\/app is created owned by root/);
  });

  it('uses $APP_UID for chiseled .NET images', () => {
    const text = dockerfile('FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled', 'WORKDIR /app', 'COPY --from=build /app .', 'COPY uploads /app/uploads');
    const [finding] = findings(text);
    assert.equal(finding.range.start.line, 3);
    assert.match(applyFix(text, finding), /^COPY --chown=\$APP_UID uploads \/app\/uploads$/m);
  });

  it('is quiet for root stages, stages with a shell, --chmod, /tmp and home volumes, and Windows', () => {
    for (const text of [
      dockerfile('FROM gcr.io/distroless/static-debian13', 'COPY x /data/x', 'VOLUME /data'),
      dockerfile('FROM gcr.io/distroless/static-debian13:nonroot', 'USER root', 'VOLUME /data'),
      dockerfile('FROM gcr.io/distroless/static-debian13:debug-nonroot', 'COPY x /data/x'),
      dockerfile('FROM alpine:3.20', 'USER 1000', 'COPY x /data/x', 'VOLUME /data'),
      dockerfile('FROM gcr.io/distroless/static-debian13:nonroot', 'COPY --chmod=777 x /data/x'),
      dockerfile('FROM gcr.io/distroless/static-debian13:nonroot', 'VOLUME /tmp', 'VOLUME /home/nonroot'),
      dockerfile('FROM gcr.io/distroless/static-debian13:nonroot', 'COPY config.yaml /etc/app/config.yaml'),
      dockerfile('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'USER ContainerUser', 'COPY x C:/data/x'),
    ]) {
      assert.deepEqual(findings(text), [], text);
    }
  });
});
