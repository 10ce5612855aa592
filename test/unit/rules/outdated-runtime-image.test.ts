import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisOptions } from '../../../server/src/core/analyze';
import { Finding } from '../../../server/src/core/types';
import { analyze, dockerfile } from '../helpers';

const RULE = 'outdated-runtime-image';

function findings(text: string, options: AnalysisOptions = {}): Finding[] {
  return analyze(text, { today: '2026-11-29', ...options }).findings.filter((finding) => finding.ruleId === RULE);
}

function applyFix(text: string, finding: Finding, index = 0): string {
  const fix = finding.fixes?.[index];
  assert.ok(fix, 'the finding has a fix');
  return TextDocument.applyEdits(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text), fix.edits);
}

const GO_BUILD = ['FROM golang:1.26 AS build', 'ENV CGO_ENABLED=0', 'RUN go build -o /app .'];

describe('rule outdated-runtime-image', () => {
  it('warns on a Debian 12 distroless runtime after its (estimated) end, on the image, and keeps the tag in the fix', () => {
    const text = dockerfile(...GO_BUILD, 'FROM gcr.io/distroless/static-debian12:nonroot', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]');
    const [finding, ...rest] = findings(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 46 } });
    assert.match(finding.message, /is no longer updated since 2026-09-30 \(the maintainers' estimate\): its tags still pull but get no security patches/);
    assert.match(finding.message, /Move to gcr\.io\/distroless\/static-debian13:nonroot \(build on Debian 13/);
    const fixed = applyFix(text, finding);
    assert.equal(fixed, text.replace('static-debian12:nonroot', 'static-debian13:nonroot'));
    assert.deepEqual(findings(fixed), [], 'the fix leaves nothing to report');
  });

  it('lets Fix all apply the move only where nothing but a distroless image\'s Debian moves', () => {
    const preferred = (text: string) => findings(text)[0]?.fixes?.[0]?.isPreferred;
    assert.equal(preferred(dockerfile(...GO_BUILD, 'FROM gcr.io/distroless/static-debian12:nonroot', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]')), true);
    assert.equal(preferred(dockerfile('FROM node:22 AS build', 'FROM gcr.io/distroless/nodejs20-debian13:nonroot', 'COPY --from=build /app /app')), false, 'Node 20 to 22: offered');
    assert.equal(preferred(dockerfile('FROM node:18-alpine', 'COPY . .', 'CMD ["node", "server.js"]')), false, 'a language release and a shell image');
    assert.equal(preferred(dockerfile('FROM mcr.microsoft.com/dotnet/aspnet:8.0', 'COPY bin/Release/net8.0/publish/ /app/', 'ENTRYPOINT ["dotnet", "/app/Api.dll"]')), false, '.NET 8 to 10: a net8.0 app does not start on 10');
  });

  it('follows the calendar: information within 60 days before the date, nothing earlier', () => {
    const text = dockerfile('FROM gcr.io/distroless/static-debian12:nonroot', 'COPY app /app');
    const [soon] = findings(text, { today: '2026-08-15' });
    assert.equal(soon.severity, 'information');
    assert.match(soon.message, /stops getting updates on 2026-09-30/);
    assert.deepEqual(findings(text, { today: '2026-06-01' }), []);
  });

  it('says when the builder must move too (python3-debian12 → Python 3.13), and offers no fix for a digest', () => {
    const text = dockerfile('FROM gcr.io/distroless/python3-debian12@sha256:06fd54a776cb38ee6f71f01c799f7388b8ed96333ad81dd2a8fdd648a895ff79', 'COPY . /app');
    const [finding] = findings(text);
    assert.match(finding.message, /^gcr\.io\/distroless\/python3-debian12 is no longer updated since 2026-04-30/);
    assert.match(finding.message, /build the venv on python:3\.13-slim-trixie\) and pin its digest\.$/);
    assert.equal(finding.fixes, undefined);
  });

  it('reports nodejs20 on Debian 13 too (dropped 2026-05-01) and moves to nodejs22', () => {
    const text = dockerfile('FROM node:22 AS build', 'FROM gcr.io/distroless/nodejs20-debian13:nonroot', 'COPY --from=build /app /app');
    const [finding] = findings(text);
    assert.equal(applyFix(text, finding), text.replace('nodejs20-debian13', 'nodejs22-debian13'));
  });

  it('reports .NET 8: the runtime as a warning naming the SDK, the SDK stage as information', () => {
    const text = dockerfile(
      'FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:8.0 AS build',
      'RUN dotnet publish -o /app',
      'FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled',
      'COPY --from=build /app /app',
    );
    const [sdk, runtime] = findings(text);
    assert.equal(sdk.severity, 'information');
    assert.match(sdk.message, /sdk:8\.0 is no longer updated since 2026-11-10.*Move to mcr\.microsoft\.com\/dotnet\/sdk:10\.0\.$/);
    assert.equal(runtime.severity, 'warning');
    assert.match(runtime.message, /Move to mcr\.microsoft\.com\/dotnet\/aspnet:10\.0-noble-chiseled \(move the SDK image to 10\.0 too\)/);
    const fixed = applyFix(applyFix(text, runtime), sdk);
    assert.match(fixed, /FROM --platform=\$BUILDPLATFORM mcr\.microsoft\.com\/dotnet\/sdk:10\.0 AS build/);
    assert.deepEqual(findings(fixed), []);
  });

  it('keeps Windows .NET images on Windows tags (no Linux advice)', () => {
    const text = dockerfile('FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022', 'COPY app C:/app');
    assert.match(findings(text)[0]?.message ?? '', /Move to mcr\.microsoft\.com\/dotnet\/aspnet:10\.0-nanoserver-ltsc2022/);
  });

  it('reports Debian 11 distroless images and older .NET releases', () => {
    assert.match(findings(dockerfile('FROM gcr.io/distroless/static-debian11', 'COPY app /app'))[0]?.message ?? '', /no longer updated since 2024-09-03/);
    assert.match(findings(dockerfile('FROM mcr.microsoft.com/dotnet/aspnet:6.0', 'COPY app /app'))[0]?.message ?? '', /since 2024-11-12.*aspnet:10\.0 \(retarget the project to net10\.0\)|since 2024-11-12.*aspnet:10\.0 \(move the SDK/);
  });

  it('reports where the image is written: an ARG-templated image without a fix, a FROM <stage> chain once', () => {
    const templated = dockerfile('ARG DEB=12', 'FROM gcr.io/distroless/static-debian${DEB}:nonroot', 'COPY app /app');
    const [finding] = findings(templated);
    assert.equal(finding.range.start.line, 1);
    assert.equal(finding.fixes, undefined);
    const chain = dockerfile('FROM gcr.io/distroless/cc-debian12 AS base', 'FROM base', 'COPY app /app');
    const chained = findings(chain);
    assert.equal(chained.length, 1);
    assert.equal(chained[0].severity, 'warning', 'the stage that ships builds on it');
  });

  it('is quiet on current images', () => {
    assert.deepEqual(findings(dockerfile('FROM golang:1.26 AS b', 'FROM gcr.io/distroless/static-debian13:nonroot', 'COPY --from=b /app /app')), []);
    assert.deepEqual(findings(dockerfile('FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled', 'COPY app /app')), []);
  });

  describe('official language images (end of life of the release in the tag)', () => {
    const TODAY = { today: '2026-12-06' };
    const ended = ['node:18', 'node:20-slim', 'node:25-slim', 'python:3.8', 'python:3.9-slim', 'python:3.10-slim', 'golang:1.24', 'ruby:3.2-slim', 'php:8.1-cli'];
    const current = ['node:22', 'node:24-slim', 'node:26', 'python:3.11', 'python:3.13-slim', 'golang:1.26', 'golang:1.27-alpine', 'ruby:3.3-slim', 'php:8.3-cli', 'eclipse-temurin:21-jre', 'node:lts', 'python:3'];

    it('warns exactly on the runtime images past their end of support on 2026-12-06', () => {
      for (const image of ended) {
        const [finding, ...rest] = findings(dockerfile(`FROM ${image}`, 'CMD ["app"]'), TODAY);
        assert.equal(rest.length, 0, image);
        assert.equal(finding?.severity, 'warning', image);
        assert.match(finding.message, /is no longer updated since \d{4}-\d{2}-\d{2}/, image);
      }
      for (const image of current) {
        assert.deepEqual(findings(dockerfile(`FROM ${image}`, 'CMD ["app"]'), TODAY), [], image);
      }
    });

    it('names the date and the nearest supported release, swaps the tag and says the builder must move (Node: its distroless image)', () => {
      const text = dockerfile('FROM node:20 AS build', 'RUN npm ci', 'FROM node:20-slim', 'COPY --from=build /app /app', 'CMD ["server.js"]');
      const [builder, runtime] = findings(text, TODAY);
      assert.equal(builder.severity, 'information');
      assert.equal(runtime.severity, 'warning');
      assert.match(runtime.message, /^node:20-slim is no longer updated since 2026-04-30.*Move to node:24-slim \(move the build stage to Node\.js 24 too; its distroless image is gcr\.io\/distroless\/nodejs24-debian13:nonroot\)\.$/);
      const fixed = applyFix(applyFix(text, runtime), builder);
      assert.equal(fixed, text.replace(/node:20/g, 'node:24'));
      assert.deepEqual(findings(fixed, TODAY), []);
      assert.match(findings(dockerfile('FROM python:3.8-slim', 'CMD ["python"]'), TODAY)[0].message, /Move to python:3\.11-slim\.$/);
      assert.match(findings(dockerfile('FROM eclipse-temurin:19-jdk', 'CMD ["java"]'), TODAY)[0].message, /since 2023-03-31.*Move to eclipse-temurin:21-jdk/, 'an LTS release');
    });

    it('dates the Debian release behind -bullseye tags, keeps mirrors and drops an Alpine release pin', () => {
      const [bullseye] = findings(dockerfile('FROM python:3.12-slim-bullseye', 'CMD ["python"]'), TODAY);
      assert.match(bullseye.message, /since 2026-08-31.*Move to python:3\.12-slim-bookworm/);
      const [mirror] = findings(dockerfile('FROM mirror.gcr.io/library/node:18-bullseye-slim', 'CMD ["x"]'), TODAY);
      assert.match(mirror.message, /Move to mirror\.gcr\.io\/library\/node:24-bookworm-slim/);
      assert.match(findings(dockerfile('FROM node:hydrogen-alpine3.18', 'CMD ["x"]'), TODAY)[0].message, /Move to node:24-alpine/);
      assert.match(findings(dockerfile('FROM debian:11-slim', 'CMD ["x"]'), TODAY)[0].message, /Move to debian:12-slim/);
    });

    it('tells 60 days before: Node 22 in March 2027, PHP 8.2 in December 2026', () => {
      const [node] = findings(dockerfile('FROM node:22-slim', 'CMD ["x"]'), { today: '2027-03-15' });
      assert.equal(node.severity, 'information');
      assert.match(node.message, /node:22-slim stops getting updates on 2027-04-30\. Move to node:24-slim/);
      assert.match(findings(dockerfile('FROM php:8.2-apache', 'CMD ["x"]'), TODAY)[0].message, /stops getting updates on 2026-12-31\. Move to php:8\.3-apache/);
      assert.deepEqual(findings(dockerfile('FROM node:22-slim', 'CMD ["x"]'), { today: '2027-02-01' }), []);
    });
  });
});
