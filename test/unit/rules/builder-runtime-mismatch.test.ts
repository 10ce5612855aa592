import * as assert from 'node:assert/strict';
import { AnalysisOptions } from '../../../server/src/core/analyze';
import { Finding } from '../../../server/src/core/types';
import { analyze, applyEdits, dockerfile } from '../helpers';

const RULE = 'builder-runtime-mismatch';

function findings(text: string, options: AnalysisOptions = {}): Finding[] {
  return analyze(text, { today: '2026-11-29', ...options }).findings.filter((finding) => finding.ruleId === RULE);
}

/** The text a finding's range covers (single-line ranges). */
function covered(text: string, finding: Finding): string {
  return text.split('\n')[finding.range.start.line].slice(finding.range.start.character, finding.range.end.character);
}

describe('rule builder-runtime-mismatch', () => {
  describe('Python', () => {
    it('reports a venv built on Python 3.12 copied into python3-debian13 (3.13), on the --from value', () => {
      const text = dockerfile(
        'FROM python:3.12-slim AS build',
        'RUN python -m venv /venv && /venv/bin/pip install -r requirements.txt',
        'FROM gcr.io/distroless/python3-debian13:nonroot',
        'COPY --from=build /venv /venv',
        'ENTRYPOINT ["/venv/bin/python3", "app.py"]',
      );
      const [finding, ...rest] = findings(text);
      assert.equal(rest.length, 0);
      assert.equal(finding.severity, 'warning');
      assert.equal(covered(text, finding), 'build');
      assert.match(finding.message, /Python 3\.12 on python:3\.12-slim, but gcr\.io\/distroless\/python3-debian13:nonroot runs Python 3\.13/);
      assert.match(finding.message, /Build them on python:3\.13-slim-trixie\./);
    });

    it('is quiet when the builder matches the runtime (python:3.13-slim-trixie into python3-debian13)', () => {
      const text = dockerfile(
        'FROM python:3.13-slim-trixie AS build',
        'RUN python -m venv /venv && /venv/bin/pip install -r requirements.txt',
        'FROM gcr.io/distroless/python3-debian13',
        'COPY --from=build /venv /venv',
      );
      assert.deepEqual(findings(text), []);
    });

    it('follows pip --target, --prefix and --user into the directory that is copied', () => {
      const target = dockerfile(
        'FROM python:3.12-slim AS builder',
        'WORKDIR /app',
        'RUN pip install --no-cache-dir -r requirements.txt --target=/app/deps',
        'FROM gcr.io/distroless/python3-debian12',
        'COPY --from=builder /app/deps /app/deps',
        'COPY --from=builder /app/app.py /app/app.py',
      );
      const [finding] = findings(target);
      assert.match(finding.message, /Python 3\.12 .* runs Python 3\.11/);
      assert.equal(finding.range.start.line, 4, 'on the COPY of the packages, not of app.py');
      const user = dockerfile('FROM python:3.11 AS b', 'RUN pip install --user flask', 'FROM gcr.io/distroless/python3-debian13', 'COPY --from=b /root/.local /root/.local');
      assert.equal(findings(user).length, 1);
    });

    it('sees a uv sync venv inside a copied app directory', () => {
      const text = dockerfile('FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim AS build', 'WORKDIR /app', 'RUN uv sync --frozen', 'FROM gcr.io/distroless/python3-debian13', 'COPY --from=build /app /app');
      assert.match(findings(text)[0]?.message ?? '', /Python 3\.12 on ghcr\.io\/astral-sh\/uv:python3\.12-bookworm-slim/);
    });

    it("knows the Python of Debian's own python3 package (the distroless example's debian:12-slim builder)", () => {
      const text = dockerfile(
        'FROM debian:12-slim AS build',
        'RUN apt-get update && apt-get install --no-install-suggests --no-install-recommends --yes python3-venv gcc libpython3-dev && \\',
        '    python3 -m venv /venv',
        'FROM build AS build-venv',
        'RUN /venv/bin/pip install -r /requirements.txt',
        'FROM gcr.io/distroless/python3-debian13',
        'COPY --from=build-venv /venv /venv',
      );
      assert.match(findings(text)[0]?.message ?? '', /Python 3\.11 on debian:12-slim, but .* runs Python 3\.13/);
      assert.deepEqual(findings(text.replace('debian:12-slim', 'debian:13-slim')), []);
    });

    it('reports an Alpine (musl) venv in a glibc runtime, even with the same Python', () => {
      const text = dockerfile('FROM python:3.13-alpine AS build', 'RUN python -m venv /venv', 'FROM gcr.io/distroless/python3-debian13', 'COPY --from=build /venv /venv');
      assert.match(findings(text)[0]?.message ?? '', /built against musl on python:3\.13-alpine, but .* has glibc: compiled wheels do not load/);
    });

    it('is quiet when only source files are copied, and on ARG-templated builders resolves the default', () => {
      const source = dockerfile('FROM python:3.12 AS build', 'RUN python -m venv /venv', 'FROM gcr.io/distroless/python3-debian13', 'COPY --from=build /src/app.py /app.py');
      assert.deepEqual(findings(source), []);
      const templated = dockerfile('ARG PY=3.12', 'FROM python:${PY}-slim AS build', 'RUN python -m venv /venv', 'FROM gcr.io/distroless/python3-debian13', 'COPY --from=build /venv /venv');
      assert.match(findings(templated)[0]?.message ?? '', /Python 3\.12 on python:3\.12-slim/);
    });

    it('gets no version from a floating tag (python:3) and stays quiet about the version', () => {
      const text = dockerfile('FROM python:3 AS build', 'RUN python -m venv /venv', 'FROM gcr.io/distroless/python3-debian13', 'COPY --from=build /venv /venv');
      assert.deepEqual(findings(text), []);
    });
  });

  describe('Node.js', () => {
    it('reports node_modules installed with node:24 copied into nodejs22', () => {
      const text = dockerfile(
        'FROM node:24 AS build',
        'WORKDIR /app',
        'COPY package*.json ./',
        'RUN npm ci --omit=dev',
        'COPY . .',
        'FROM gcr.io/distroless/nodejs22-debian13',
        'COPY --from=build /app /app',
        'CMD ["/app/server.js"]',
      );
      const [finding] = findings(text);
      assert.equal(finding.severity, 'warning');
      assert.match(finding.message, /Node\.js 24 on node:24, but gcr\.io\/distroless\/nodejs22-debian13 runs Node\.js 22: native addons fail to load/);
      assert.match(finding.message, /Install them on node:22-trixie-slim\./);
    });

    it('is quiet when only the built output is copied', () => {
      const text = dockerfile('FROM node:24 AS build', 'WORKDIR /app', 'RUN npm ci && npm run build', 'FROM gcr.io/distroless/nodejs22-debian13', 'COPY --from=build /app/dist /app', 'CMD ["/app/server.js"]');
      assert.deepEqual(findings(text), []);
    });

    it('gives information for Alpine node_modules in a glibc runtime (native addons only)', () => {
      const text = dockerfile('FROM node:22-alpine AS build', 'WORKDIR /app', 'RUN npm ci', 'FROM gcr.io/distroless/nodejs22-debian13', 'COPY --from=build /app/node_modules /app/node_modules');
      const [finding] = findings(text);
      assert.equal(finding.severity, 'information');
      assert.match(finding.message, /native addon/);
    });
  });

  describe('Java', () => {
    it('warns when the build shows a release newer than the runtime', () => {
      const text = dockerfile('FROM eclipse-temurin:21-jdk AS build', 'RUN javac --release 21 Main.java && jar cfe /app.jar Main *.class', 'FROM eclipse-temurin:17-jre', 'COPY --from=build /app.jar /app.jar');
      const [finding] = findings(text);
      assert.equal(finding.severity, 'warning');
      assert.match(finding.message, /compiles for Java 21 .* runs Java 17: the classes fail to load with UnsupportedClassVersionError/);
    });

    it('compares the shown release, not the JDK: -Dmaven.compiler.release=17 on JDK 21 into java17 is fine', () => {
      const text = dockerfile('FROM maven:3.9-eclipse-temurin-21 AS build', 'RUN mvn -B package -Dmaven.compiler.release=17', 'FROM gcr.io/distroless/java17-debian13', 'COPY --from=build /app/target/app.jar /app.jar');
      assert.deepEqual(findings(text), []);
    });

    it('gives information when only the JDK is newer (the release may be set in pom.xml or build.gradle)', () => {
      const text = dockerfile('FROM maven:3.9-eclipse-temurin-21 AS build', 'RUN mvn -B package', 'FROM gcr.io/distroless/java17-debian13', 'COPY --from=build /app/target/app.jar /app.jar');
      const [finding] = findings(text);
      assert.equal(finding.severity, 'information');
      assert.match(finding.message, /Build on maven:3-eclipse-temurin-17, or run on a Java 21 image\./);
    });

    it('is quiet when the runtime is newer than the JDK', () => {
      const text = dockerfile('FROM gradle:8.5-jdk17 AS build', 'RUN gradle build', 'FROM gcr.io/distroless/java21-debian13', 'COPY --from=build /home/gradle/build/libs/app.jar /app.jar');
      assert.deepEqual(findings(text), []);
    });
  });

  describe('Go', () => {
    const runtime = ['FROM gcr.io/distroless/static-debian13:nonroot', 'COPY --from=build /out/app /app', 'ENTRYPOINT ["/app"]'];

    it('reports a cgo build on the Debian golang image copied into static (no libc)', () => {
      const text = dockerfile('FROM golang:1.25 AS build', 'RUN go build -o /out/app ./cmd/app', ...runtime);
      const [finding] = findings(text);
      assert.match(finding.message, /built with cgo on \(golang:1\.25 has gcc and nothing sets CGO_ENABLED=0\)/);
      assert.match(finding.message, /has no libc: it fails with "no such file or directory"\. Set ENV CGO_ENABLED=0 in the build stage\./);
    });

    it('knows Chainguard static has no libc either', () => {
      const text = dockerfile('FROM golang:1.25 AS build', 'RUN go build -o /out/app ./cmd/app', 'FROM cgr.dev/chainguard/static:latest', 'COPY --from=build /out/app /app', 'ENTRYPOINT ["/app"]');
      assert.match(findings(text)[0].message, /cgr\.dev\/chainguard\/static:latest has no libc/);
    });

    it('is quiet when CGO_ENABLED=0 is set in ENV, a global ARG, the RUN or a heredoc', () => {
      for (const build of [
        ['FROM golang:1.25 AS build', 'ENV CGO_ENABLED=0', 'RUN go build -o /out/app .'],
        ['ARG CGO_ENABLED=0', 'FROM golang:1.25 AS build', 'RUN go build -o /out/app .'],
        ['FROM golang:1.25 AS build', 'RUN CGO_ENABLED=0 GOOS=linux go build -o /out/app .'],
        ['FROM golang:1.25 AS build', 'ENV CGO_ENABLED 0', 'RUN go build -o /out/app .'],
        ['FROM golang:1.25 AS build', 'RUN <<EOF', 'export CGO_ENABLED=0', 'go build -o /out/app .', 'EOF'],
        ['FROM golang:1.25 AS build', 'RUN go build -tags netgo -ldflags \'-extldflags "-static"\' -o /out/app .'],
      ]) {
        assert.deepEqual(findings(dockerfile(...build, ...runtime)), [], build.join(' / '));
      }
    });

    it('is quiet for golang:alpine without a C compiler (Go turns cgo off itself), not with one', () => {
      assert.deepEqual(findings(dockerfile('FROM golang:1.25-alpine AS build', 'RUN go build -o /out/app .', ...runtime)), []);
      const withGcc = dockerfile('FROM golang:1.25-alpine AS build', 'RUN apk add --no-cache gcc musl-dev', 'RUN go build -o /out/app .', ...runtime);
      assert.match(findings(withGcc)[0]?.message ?? '', /the build installs a C compiler/);
    });

    it('follows --platform=$BUILDPLATFORM builders and numeric --from=0', () => {
      const text = dockerfile('FROM --platform=$BUILDPLATFORM golang:1.25 AS build', 'ARG TARGETOS TARGETARCH', 'RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .', 'FROM gcr.io/distroless/static-debian13', 'COPY --from=0 /out/app /app');
      const [finding] = findings(text);
      assert.equal(covered(text, finding), '0');
    });

    it('reports a cgo binary from a trixie builder on a Debian 12 runtime (older glibc)', () => {
      const text = dockerfile('FROM golang:1.25 AS build', 'RUN go build -o /out/app .', 'FROM gcr.io/distroless/base-debian12', 'COPY --from=build /out/app /app');
      assert.match(findings(text)[0]?.message ?? '', /\(Debian 12\) has an older glibc than golang:1\.25 \(Debian 13\).*or build on golang:1-bookworm\./);
      assert.deepEqual(findings(text.replace('golang:1.25', 'golang:1.25-bookworm')), []);
    });

    it('works with the # escape=` directive', () => {
      const text = dockerfile('# escape=`', 'FROM golang:1.25 AS build', 'RUN go build `', '    -o /out/app .', ...runtime);
      assert.equal(findings(text).length, 1);
    });

    it('ignores copies of certificates and config from a Go builder', () => {
      const text = dockerfile('FROM golang:1.25 AS build', 'RUN go build -o /out/app .', 'FROM scratch', 'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/', 'ENTRYPOINT ["/app"]');
      assert.deepEqual(findings(text), []);
    });
  });

  describe('Rust', () => {
    it('reports rust:1 (trixie) output on cc-debian12: GLIBC_2.xx not found', () => {
      const text = dockerfile('FROM rust:1 AS build-env', 'WORKDIR /app', 'COPY . /app', 'RUN cargo build --release', 'FROM gcr.io/distroless/cc-debian12', 'COPY --from=build-env /app/target/release/hello /', 'CMD ["./hello"]');
      const [finding] = findings(text);
      assert.match(finding.message, /gcr\.io\/distroless\/cc-debian12 \(Debian 12\) has an older glibc than rust:1 \(Debian 13\): it fails with "GLIBC_2\.xx not found"\. Build on rust:1-bookworm, or run on a Debian 13 runtime\./);
    });

    it('is quiet for a bookworm builder on Debian 12, musl targets, Alpine builders and wasm', () => {
      assert.deepEqual(findings(dockerfile('FROM rust:1-bookworm AS b', 'RUN cargo build --release', 'FROM debian:bookworm-slim', 'COPY --from=b /target/release/app /app')), []);
      assert.deepEqual(findings(dockerfile('FROM rust:1 AS b', 'RUN cargo build --release --target x86_64-unknown-linux-musl', 'FROM scratch', 'COPY --from=b /target/x86_64-unknown-linux-musl/release/app /app')), []);
      assert.deepEqual(findings(dockerfile('FROM rust:1-alpine AS b', 'RUN cargo build --release', 'FROM gcr.io/distroless/static-debian13', 'COPY --from=b /target/release/app /app')), []);
      assert.deepEqual(findings(dockerfile('FROM rust:1.64 AS b', 'RUN cargo build --target wasm32-wasi --release', 'FROM scratch', 'COPY --from=b /target/wasm32-wasi/release/app.wasm /app.wasm')), []);
    });

    it('reports a glibc Rust binary in scratch and names cc as the runtime', () => {
      const text = dockerfile('FROM rust:1 AS b', 'RUN cargo build --release', 'FROM scratch', 'COPY --from=b /target/release/app /app', 'ENTRYPOINT ["/app"]');
      assert.match(findings(text)[0]?.message ?? '', /scratch has no libc.*Run it on gcr\.io\/distroless\/cc-debian13:nonroot/);
    });
  });

  it('is quiet on Windows images and when the runtime is an ${ARG} without default', () => {
    const windows = dockerfile('FROM golang:1.25-windowsservercore-ltsc2022 AS build', 'RUN go build -o C:/app.exe .', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'COPY --from=build C:/app.exe C:/app.exe');
    assert.deepEqual(findings(windows), []);
    const unknown = dockerfile('ARG RUNTIME', 'FROM golang:1.25 AS build', 'RUN go build -o /app .', 'FROM ${RUNTIME}', 'COPY --from=build /app /app');
    assert.deepEqual(findings(unknown), []);
  });

  it('checks the configured target, not the last stage', () => {
    const text = dockerfile('FROM golang:1.25 AS build', 'RUN go build -o /app .', 'FROM gcr.io/distroless/static-debian13 AS prod', 'COPY --from=build /app /app', 'FROM golang:1.25 AS dev', 'COPY --from=build /app /app');
    assert.equal(findings(text, { target: 'prod' }).length, 1);
    assert.deepEqual(findings(text), []);
  });
});

describe('rule builder-runtime-mismatch: fixes that make the versions agree', () => {
  /** Each fix's title and the Dockerfile after applying it. */
  function applied(text: string): { title: string; preferred: boolean; text: string }[] {
    return findings(text).flatMap((finding) =>
      (finding.fixes ?? []).map((fix) => ({ title: fix.title, preferred: fix.isPreferred === true, text: applyEdits(text, fix.edits) })),
    );
  }

  it('Node.js: runs on the distroless image of the built major, or builds on the runtime major', () => {
    const text = dockerfile(
      'FROM node:24-trixie-slim AS build',
      'WORKDIR /app',
      'RUN npm ci --omit=dev',
      'FROM gcr.io/distroless/nodejs22-debian13:nonroot',
      'COPY --from=build /app/node_modules /app/node_modules',
      'CMD ["/app/index.js"]',
    );
    const fixes = applied(text);
    assert.deepEqual(
      fixes.map((fix) => fix.title),
      ['Run on gcr.io/distroless/nodejs24-debian13:nonroot (Node.js 24, as built)', 'Build on node:22-trixie-slim (Node.js 22, as the runtime runs)'],
    );
    assert.ok(fixes.every((fix) => !fix.preferred), 'neither is applied by "fix all"');
    assert.match(fixes[0].text, /^FROM gcr\.io\/distroless\/nodejs24-debian13:nonroot$/m);
    assert.match(fixes[1].text, /^FROM node:22-trixie-slim AS build$/m);
    for (const fix of fixes) {
      assert.deepEqual(findings(fix.text), [], `${fix.title} leaves no mismatch`);
    }
  });

  it('Python on distroless: only "build on 3.13" (distroless ships no other Python)', () => {
    const text = dockerfile(
      'FROM python:3.12-slim AS build',
      'RUN python -m venv /venv && /venv/bin/pip install -r requirements.txt',
      'FROM gcr.io/distroless/python3-debian13:nonroot',
      'COPY --from=build /venv /venv',
      'ENTRYPOINT ["/venv/bin/python3", "app.py"]',
    );
    assert.deepEqual(applied(text).map((fix) => fix.title), ['Build on python:3.13-slim-trixie (Python 3.13, as the runtime runs)']);
  });

  it('Python on a slim runtime: the slim image of the built version is offered too', () => {
    const text = dockerfile(
      'FROM python:3.12-slim-trixie AS build',
      'RUN python -m venv /venv && /venv/bin/pip install -r requirements.txt',
      'FROM python:3.13-slim-trixie',
      'COPY --from=build /venv /venv',
      'CMD ["/venv/bin/python", "app.py"]',
    );
    const fixes = applied(text);
    assert.equal(fixes[0].title, 'Run on python:3.12-slim-trixie (Python 3.12, as built)');
    assert.deepEqual(findings(fixes[0].text), []);
  });

  it('offers no image swap where the image comes from a build argument', () => {
    const text = dockerfile(
      'ARG NODE=24',
      'FROM node:${NODE}-trixie-slim AS build',
      'RUN npm ci --omit=dev',
      'FROM gcr.io/distroless/nodejs22-debian13:nonroot',
      'COPY --from=build /node_modules /app/node_modules',
      'CMD ["/app/index.js"]',
    );
    assert.deepEqual(applied(text).map((fix) => fix.title), ['Run on gcr.io/distroless/nodejs24-debian13:nonroot (Node.js 24, as built)']);
  });

  it('does not propose a runtime image that no longer gets updates (nodejs20 is gone)', () => {
    const text = dockerfile(
      'FROM node:20-bookworm-slim AS build',
      'RUN npm ci --omit=dev',
      'FROM gcr.io/distroless/nodejs22-debian13:nonroot',
      'COPY --from=build /node_modules /app/node_modules',
      'CMD ["/app/index.js"]',
    );
    assert.ok(applied(text).every((fix) => !fix.title.includes('nodejs20')));
  });
});
