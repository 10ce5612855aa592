import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding } from '../../../server/src/core/types';
import { dockerfile, findingsOf } from '../helpers';

const RULE = 'runtime-runs-as-root';

function applyFix(text: string, fix: NonNullable<Finding['fixes']>[number]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text), fix.edits);
}

const BUILD = ['FROM golang:1.23 AS build', 'RUN CGO_ENABLED=0 go build -o /app .'];

describe('rule runtime-runs-as-root', () => {
  it('warns on a distroless latest runtime without USER, with a USER fix and a :nonroot fix', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]');
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } });
    assert.match(finding.message, /defaults to uid 0 and no USER is set\. Add USER 65532:65532 \(or use the :nonroot tag\)/);
    const [user, tag] = finding.fixes ?? [];
    assert.equal(user.isPreferred, false, 'offered, never applied by Fix all: only the user knows what the app writes');
    assert.equal(
      applyFix(text, user),
      dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13', 'COPY --from=build /app /app', 'USER 65532:65532', 'ENTRYPOINT ["/app"]'),
    );
    assert.equal(tag.title, 'Use the :nonroot tag (uid 65532)');
    const retagged = applyFix(text, tag);
    assert.match(retagged, /^FROM gcr\.io\/distroless\/static-debian13:nonroot$/m);
    assert.deepEqual(findingsOf(retagged, RULE), []);
    assert.deepEqual(findingsOf(applyFix(text, user), RULE), []);
  });

  it('replaces :latest with :nonroot', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/base-debian13:latest', 'CMD ["/app"]');
    const tag = findingsOf(text, RULE)[0].fixes?.find((fix) => fix.title.includes(':nonroot'));
    assert.match(applyFix(text, tag!), /base-debian13:nonroot$/m);
  });

  it('is quiet on images that already run as non-root', () => {
    for (const image of [
      'gcr.io/distroless/static-debian13:nonroot',
      'gcr.io/distroless/static-debian13:debug-nonroot',
      'cgr.dev/chainguard/static:latest',
      'dhi.io/python:3.13-debian13',
      'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled',
    ]) {
      assert.deepEqual(findingsOf(dockerfile(...BUILD, `FROM ${image}`, 'CMD ["/app"]'), RULE), [], image);
    }
  });

  it('warns on an explicit USER root, USER 0 or USER 0:0 on that USER, and replaces it', () => {
    for (const spec of ['root', '0', '0:0', 'root:root']) {
      const text = dockerfile(...BUILD, 'FROM python:3.13-slim', `USER ${spec}`, 'CMD ["python", "app.py"]');
      const [finding] = findingsOf(text, RULE);
      assert.equal(finding?.range.start.line, 3, spec);
      assert.match(finding.message, new RegExp(`runs as root \\(USER ${spec}\\)`));
      const fixed = applyFix(text, finding.fixes![0]);
      assert.match(fixed, /^USER 65532:65532$/m, spec);
      assert.doesNotMatch(fixed, /USER (root|0)/);
    }
  });

  it('adds a USER before the start command when RUN steps follow USER root', () => {
    const text = dockerfile('FROM python:3.13-slim', 'USER root', 'RUN pip install flask', '# start', 'CMD ["python", "app.py"]');
    const [finding] = findingsOf(text, RULE);
    assert.equal(
      applyFix(text, finding.fixes![0]),
      dockerfile('FROM python:3.13-slim', 'USER root', 'RUN pip install flask', 'USER 65532:65532', '# start', 'CMD ["python", "app.py"]'),
    );
  });

  it('follows USER through FROM <stage> chains', () => {
    const base = ['FROM python:3.13-slim AS base', 'USER 10001'];
    assert.deepEqual(findingsOf(dockerfile(...base, 'FROM base', 'CMD ["python", "app.py"]'), RULE), []);
    const rooted = dockerfile('FROM python:3.13-slim AS base', 'USER root', 'FROM base', 'CMD ["python", "app.py"]');
    const [finding] = findingsOf(rooted, RULE);
    assert.equal(finding.range.start.line, 1);
    assert.match(applyFix(rooted, finding.fixes![0]), /FROM base\nUSER 65532:65532\nCMD/);
  });

  it('is quiet on a named non-root user and on a USER from a variable', () => {
    assert.deepEqual(findingsOf(dockerfile('FROM node:22-slim', 'USER node', 'CMD ["node", "app.js"]'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('FROM mcr.microsoft.com/dotnet/aspnet:10.0', 'USER $APP_UID', 'ENTRYPOINT ["./app"]'), RULE), []);
  });

  it('warns on an unknown image with no USER, saying most images default to root', () => {
    const [finding] = findingsOf(dockerfile('FROM example.com/team/runtime:1.4', 'CMD ["/app"]'), RULE);
    assert.match(finding.message, /root for most images/);
  });

  it('is quiet on an ${ARG} image without default and on Windows images', () => {
    assert.deepEqual(findingsOf(dockerfile('ARG BASE', 'FROM ${BASE}', 'CMD ["/app"]'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'CMD ["app.exe"]'), RULE), []);
  });

  it('resolves ARG-templated images from their defaults', () => {
    const text = dockerfile('ARG PY=3.12', 'FROM python:${PY}-slim', 'CMD ["python", "app.py"]');
    assert.equal(findingsOf(text, RULE).length, 1);
  });

  it('is quiet on images that step down from root at start (gosu, su-exec)', () => {
    const text = dockerfile('FROM debian:trixie-slim', 'RUN apt-get update && apt-get install -y gosu', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["postgres"]');
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('is quiet on base images that only start a shell or a language prompt, and on stages that run nothing', () => {
    assert.deepEqual(findingsOf(dockerfile('FROM scratch', 'ADD rootfs.tar.xz /', 'CMD ["bash"]'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('FROM debian:trixie-slim', 'RUN apt-get update', 'CMD ["python3"]'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM scratch AS export', 'COPY --from=build /app /'), RULE), []);
  });

  it('writes USER $APP_UID for .NET images', () => {
    const text = dockerfile('FROM mcr.microsoft.com/dotnet/aspnet:8.0', 'COPY out/ /app', 'ENTRYPOINT ["dotnet", "/app/app.dll"]');
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.fixes?.[0].title, 'Run as the .NET app user (USER $APP_UID)');
    assert.match(applyFix(text, finding.fixes![0]), /USER \$APP_UID\nENTRYPOINT/);
  });

  it('uses the uid of a user the stage creates', () => {
    const text = dockerfile('FROM alpine:3.20', 'RUN addgroup -S app && adduser -S -u 10001 -G app app', 'COPY app /app', 'CMD ["/app"]');
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.fixes?.[0].edits[0].newText, 'USER 10001\n');
    assert.doesNotMatch(finding.message, /needs no account/);
  });

  it('says that 65532 needs no account on an image without that user', () => {
    const [finding] = findingsOf(dockerfile('FROM python:3.13-slim', 'CMD ["python", "app.py"]'), RULE);
    assert.match(finding.message, /the uid needs no account in the image/);
  });

  // The image's own entrypoint starts a service (distroless python3: python3.13); its default tag runs as root.
  const SERVICE_IMAGE = 'gcr.io/distroless/python3-debian13';

  it('appends USER at the end of a stage without a start command, after a heredoc', () => {
    const text = dockerfile(`FROM ${SERVICE_IMAGE}`, 'RUN <<EOF', 'echo hi > /x', 'EOF', 'ENV A=1');
    const [finding] = findingsOf(text, RULE);
    assert.equal(applyFix(text, finding.fixes![0]), dockerfile(`FROM ${SERVICE_IMAGE}`, 'RUN <<EOF', 'echo hi > /x', 'EOF', 'ENV A=1', 'USER 65532:65532'));
  });

  it('inserts after a trailing heredoc RUN and in a file without a final newline', () => {
    const text = `FROM ${SERVICE_IMAGE}\nRUN <<EOF\necho hi\nEOF`;
    const [finding] = findingsOf(text, RULE);
    assert.equal(applyFix(text, finding.fixes![0]), `FROM ${SERVICE_IMAGE}\nRUN <<EOF\necho hi\nEOF\nUSER 65532:65532`);
  });

  it('takes a stage without a start command on an image the catalog does not know, or one that starts nothing, for a base image: quiet', () => {
    assert.deepEqual(findingsOf(dockerfile('FROM alpine:3.20', 'RUN apk add --no-cache curl'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('FROM mcr.microsoft.com/dotnet/runtime-deps:8.0', 'RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('FROM gcr.io/distroless/static-debian13', 'COPY app /app'), RULE), []);
  });

  it('takes a stage without a start command on an unknown image that copies files in or serves for an app: it runs as root', () => {
    assert.equal(findingsOf(dockerfile('FROM nginx:1.27-alpine', 'COPY site/ /usr/share/nginx/html/'), RULE).length, 1);
    assert.equal(findingsOf(dockerfile('FROM httpd:2.4', 'RUN echo ok > /usr/local/apache2/htdocs/index.html', 'EXPOSE 80'), RULE).length, 1);
  });

  it('inserts after the FROM of a stage with no instructions', () => {
    const text = 'FROM python:3.13-slim AS base\nCMD ["python"]\nFROM base';
    // The last stage inherits CMD ["python"], a prompt: quiet. Give it a real command through the base.
    assert.deepEqual(findingsOf(text, RULE), []);
    const serving = 'FROM python:3.13-slim AS base\nCMD ["python", "app.py"]\nFROM base';
    const [finding] = findingsOf(serving, RULE);
    assert.equal(applyFix(serving, finding.fixes![0]), 'FROM python:3.13-slim AS base\nCMD ["python", "app.py"]\nFROM base\nUSER 65532:65532');
  });

  it('keeps CRLF line ends and indentation with the escape directive', () => {
    const text = '# escape=`\r\nFROM alpine:3.20\r\nRUN echo a `\r\n  b\r\n  CMD ["/app"]\r\n';
    const [finding] = findingsOf(text, RULE);
    assert.equal(applyFix(text, finding.fixes![0]), '# escape=`\r\nFROM alpine:3.20\r\nRUN echo a `\r\n  b\r\n  USER 65532:65532\r\n  CMD ["/app"]\r\n');
  });

  it('handles FROM --platform', () => {
    const text = dockerfile('FROM --platform=$BUILDPLATFORM golang:1.23 AS build', 'RUN go build -o /app .', 'FROM --platform=$TARGETPLATFORM gcr.io/distroless/static-debian13', 'CMD ["/app"]');
    const tag = findingsOf(text, RULE)[0].fixes?.find((fix) => fix.title.includes(':nonroot'));
    assert.match(applyFix(text, tag!), /static-debian13:nonroot\n/);
  });

  it('is quiet for files that are not production images', () => {
    assert.deepEqual(findingsOf(dockerfile('# stagecraft: not-production', 'FROM python:3.13-slim', 'CMD ["python", "app.py"]'), RULE), []);
  });
});

describe('rule runtime-runs-as-root: the USER fix and a dangling line continuation', () => {
  it('does not append USER to a file that ends inside a continuation (it would join the ENV)', () => {
    const text = 'FROM gcr.io/distroless/python3-debian13\nENV A=1 \\\n    B=2 \\\n';
    const finding = findingsOf(text, 'runtime-runs-as-root')[0];
    assert.ok(finding, 'the finding is still reported');
    assert.ok(!(finding.fixes ?? []).some((fix) => fix.edits.some((edit) => edit.newText.includes('USER'))));
  });
});
