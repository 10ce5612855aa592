import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding } from '../../../server/src/core/types';
import { analyze, dockerfile } from '../helpers';

const RULE = 'runtime-missing-base-files';

function findings(text: string): Finding[] {
  return analyze(text, { today: '2026-11-29' }).findings.filter((finding) => finding.ruleId === RULE);
}

function applyFix(text: string, finding: Finding, index = 0): string {
  const fix = finding.fixes?.[index];
  assert.ok(fix, 'the finding has a fix');
  return TextDocument.applyEdits(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text), fix.edits);
}

const GO_BUILD = ['FROM golang:1.25 AS build', 'ENV CGO_ENABLED=0', 'RUN go build -o /app .'];

describe('rule runtime-missing-base-files', () => {
  it('tells that scratch has no CA certificates, /etc/passwd or tzdata, on the image, with a fix to static', () => {
    const text = dockerfile(...GO_BUILD, 'FROM scratch', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]');
    const [finding, ...rest] = findings(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'information');
    assert.deepEqual(finding.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 12 } });
    assert.match(finding.message, /scratch has no CA certificates .*, \/etc\/passwd or time zone data\. Use gcr\.io\/distroless\/static-debian13:nonroot/);
    assert.match(finding.fixes?.[0].title ?? '', /runs as uid 65532, not root/);
    const fixed = applyFix(text, finding);
    // scratch starts in /, the :nonroot image in /home/nonroot: the fix keeps the working folder.
    assert.equal(fixed, text.replace('FROM scratch', 'FROM gcr.io/distroless/static-debian13:nonroot\nWORKDIR /'));
    assert.deepEqual(findings(fixed), []);
    const withWorkdir = dockerfile(...GO_BUILD, 'FROM scratch', 'WORKDIR /srv', 'COPY --from=build /app /srv/app', 'ENTRYPOINT ["/srv/app"]');
    assert.equal(applyFix(withWorkdir, findings(withWorkdir)[0]), withWorkdir.replace('FROM scratch', 'FROM gcr.io/distroless/static-debian13:nonroot'));
  });

  it('is quiet when the stage copies certificates in', () => {
    for (const copy of ['COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/', 'COPY --from=alpine:3.20 /etc/ssl/certs /etc/ssl/certs', 'COPY ["certs/ca-bundle.crt", "/etc/ssl/certs/ca-certificates.crt"]']) {
      assert.deepEqual(findings(dockerfile(...GO_BUILD, 'FROM scratch', copy, 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]')), [], copy);
    }
  });

  it('lists only what is missing', () => {
    const text = dockerfile(...GO_BUILD, 'FROM scratch', 'COPY --from=build /etc/passwd /etc/passwd', 'COPY --from=build /app /app', 'USER 65532', 'ENTRYPOINT ["/app"]');
    const [finding] = findings(text);
    assert.doesNotMatch(finding.message, /passwd/);
    assert.equal(finding.fixes?.[0].isPreferred, true, 'with a USER the switch keeps the user');
  });

  it('is quiet on export stages, whole-filesystem copies and WebAssembly modules', () => {
    assert.deepEqual(findings(dockerfile(...GO_BUILD, 'FROM scratch AS export', 'COPY --from=build /app /')), []);
    assert.deepEqual(findings(dockerfile('FROM alpine:3.20 AS rootfs', 'FROM scratch', 'COPY --from=rootfs / /', 'CMD ["/bin/sh"]')), []);
    assert.deepEqual(findings(dockerfile('FROM rust:1 AS build', 'FROM scratch', 'COPY --from=build /app.wasm /app.wasm', 'ENTRYPOINT ["app.wasm"]')), []);
  });

  it('is quiet on distroless static (it has the base files)', () => {
    assert.deepEqual(findings(dockerfile(...GO_BUILD, 'FROM gcr.io/distroless/static-debian13:nonroot', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]')), []);
  });

  describe('.NET chiseled images without -extra', () => {
    it('tells about globalization-invariant mode and offers -extra or stating it', () => {
      const text = dockerfile('FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build', 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled', 'COPY --from=build /app /app', 'ENTRYPOINT ["./app"]');
      const [finding] = findings(text);
      assert.equal(finding.severity, 'information');
      assert.match(finding.message, /no ICU or time zone data: \.NET runs in globalization-invariant mode/);
      const extra = applyFix(text, finding, 0);
      assert.match(extra, /FROM mcr\.microsoft\.com\/dotnet\/aspnet:10\.0-noble-chiseled-extra\n/);
      assert.deepEqual(findings(extra), []);
      const stated = applyFix(text, finding, 1);
      assert.match(stated, /FROM mcr\.microsoft\.com\/dotnet\/aspnet:10\.0-noble-chiseled\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true\nCOPY/);
      assert.deepEqual(findings(stated), []);
    });

    it('puts -extra before an architecture suffix', () => {
      const text = dockerfile('FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-amd64', 'COPY app /app');
      assert.match(applyFix(text, findings(text)[0]), /runtime-deps:10\.0-noble-chiseled-extra-amd64/);
    });

    it('is quiet on -extra tags and when the stage sets DOTNET_SYSTEM_GLOBALIZATION_INVARIANT', () => {
      assert.deepEqual(findings(dockerfile('FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra', 'COPY app /app')), []);
      assert.deepEqual(findings(dockerfile('FROM mcr.microsoft.com/dotnet/aspnet:10.0-azurelinux3.0-distroless', 'ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true', 'COPY app /app')), []);
    });
  });

  it('is quiet on Windows and full images', () => {
    assert.deepEqual(findings(dockerfile('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'CMD ["app.exe"]')), []);
    assert.deepEqual(findings(dockerfile('FROM debian:trixie-slim', 'CMD ["/app"]')), []);
  });
});
