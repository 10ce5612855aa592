import * as assert from 'node:assert/strict';
import { Finding } from '../../../server/src/core/types';
import { analyze, applyEdits, dockerfile, findingsOf } from '../helpers';

const RULE = 'build-tools-in-runtime';
const BUILD = ['FROM node:24 AS build', 'WORKDIR /app', 'COPY . .', 'RUN npm ci && npm run build'];

/** A runtime stage on `image` with `lines`, after the builder; it starts the app so it is one. */
function runtime(image: string, ...lines: string[]): string {
  return dockerfile(...BUILD, `FROM ${image}`, ...lines, 'CMD ["node", "dist/index.js"]');
}

function words(text: string, findings: Finding[]): string[] {
  const lines = text.split('\n');
  return findings.map((f) =>
    f.range.start.line === f.range.end.line
      ? lines[f.range.start.line].slice(f.range.start.character, f.range.end.character)
      : `${lines[f.range.start.line].slice(f.range.start.character)}…`,
  );
}

describe('rule build-tools-in-runtime', () => {
  it('reports each compiler and dev package an apt-get install puts into the runtime stage, on its name', () => {
    const text = runtime('node:24-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends \\', '    gcc make \\', '    ca-certificates libpq-dev=15.* \\', '  && rm -rf /var/lib/apt/lists/*');
    const findings = findingsOf(text, RULE);
    assert.deepEqual(words(text, findings), ['gcc', 'make', 'libpq-dev=15.*']);
    assert.equal(findings[0].severity, 'warning');
    assert.deepEqual(findings[0].range, { start: { line: 6, character: 4 }, end: { line: 6, character: 7 } });
    assert.match(findings[0].message, /gcc is a build tool installed in the runtime stage: install it in the builder stage/);
  });

  it('understands apk, dnf, microdnf and yum, heredoc RUNs and exec form', () => {
    assert.deepEqual(words(runtime('alpine:3.20', 'RUN apk add --no-cache --virtual .deps build-base'), findingsOf(runtime('alpine:3.20', 'RUN apk add --no-cache --virtual .deps build-base'), RULE)), ['build-base']);
    for (const run of ['RUN dnf install -y gcc-c++', 'RUN microdnf install -y openssl-devel', 'RUN yum -y install g++']) {
      assert.equal(findingsOf(runtime('registry.access.redhat.com/ubi9/ubi', run), RULE).length, 1, run);
    }
    const heredoc = runtime('node:24-slim', 'RUN <<EOF', 'set -e', 'apt-get update', 'apt-get install -y build-essential', 'EOF');
    const [finding] = findingsOf(heredoc, RULE);
    assert.deepEqual(words(heredoc, [finding]), ['build-essential']);
    assert.equal(finding.range.start.line, 8);
    assert.deepEqual(words(runtime('node:24-slim', 'RUN ["npm", "ci"]'), findingsOf(runtime('node:24-slim', 'RUN ["npm", "ci"]'), RULE)), ['"npm", "ci"']);
  });

  it('does not report packages the same RUN removes again', () => {
    const text = runtime('python:3.13-alpine', 'RUN apk add --virtual .build-deps gcc musl-dev && pip install --no-index --find-links /wheels app && apk del .build-deps');
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('reports package managers that build or keep dev dependencies, on the command', () => {
    const cases: [string, string][] = [
      ['RUN npm ci', 'npm ci'],
      ['RUN npm install', 'npm install'],
      ['RUN yarn', 'yarn'],
      ['RUN pnpm install --frozen-lockfile', 'pnpm install'],
      ['RUN npm run build', 'npm run'],
      ['RUN pip install -r requirements.txt', 'pip install'],
      ['RUN python -m pip install .', 'python -m pip'],
      ['RUN go build -o /app .', 'go build'],
      ['RUN cargo build --release', 'cargo build'],
      ['RUN mvn -B package', 'mvn'],
      ['RUN ./gradlew bootJar', './gradlew'],
      ['RUN dotnet publish -c Release', 'dotnet publish'],
      ['RUN bundle install', 'bundle install'],
    ];
    for (const [run, word] of cases) {
      const text = runtime('node:24-slim', run);
      assert.deepEqual(words(text, findingsOf(text, RULE)), [word], run);
    }
  });

  it('accepts production installs', () => {
    for (const lines of [
      ['RUN npm ci --omit=dev'],
      ['RUN npm ci --only=production'],
      ['RUN npm install --production'],
      ['ENV NODE_ENV=production', 'RUN npm ci'],
      ['RUN NODE_ENV=production npm ci'],
      ['RUN npm ci && npm prune --omit=dev'],
      ['RUN pnpm install --prod'],
      ['RUN yarn install --production --frozen-lockfile'],
      ['RUN yarn workspaces focus --production'],
      ['RUN pip install --no-index --find-links /wheels -r requirements.txt'],
      ['RUN pip install --upgrade pip gunicorn'],
      ['RUN npm install -g pm2'],
      ['RUN apt-get update && apt-get install -y ca-certificates libpq5 && rm -rf /var/lib/apt/lists/*'],
      ['RUN apt-get install -y git'],
    ]) {
      assert.deepEqual(findingsOf(runtime('node:24-slim', ...lines), RULE), [], lines.join('\n'));
    }
  });

  it('takes NODE_ENV=production from a FROM <stage> parent', () => {
    const text = dockerfile('FROM node:24-slim AS base', 'ENV NODE_ENV=production', ...BUILD.slice(0), 'FROM base', 'RUN npm ci', 'CMD ["node", "x.js"]');
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('is quiet on single-stage builds, builder stages, base images and development targets', () => {
    assert.deepEqual(findingsOf(dockerfile('FROM node:24', 'RUN apt-get install -y gcc', 'CMD ["node", "x.js"]'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('FROM node:24 AS build', 'RUN apt-get install -y gcc', 'FROM node:24-slim', 'CMD ["node", "x.js"]'), RULE), []);
    // No CMD or ENTRYPOINT: an SDK or CI image whose purpose is the tools.
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM debian:trixie', 'RUN apt-get install -y gcc make'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM node:24 AS dev-envs', 'RUN apt-get install -y gcc', 'CMD ["bash"]'), RULE), []);
  });

  it('follows the configured target, ARG-templated images and --platform builders', () => {
    const text = dockerfile(
      'ARG NODE=24',
      'FROM --platform=$BUILDPLATFORM node:${NODE} AS build',
      'RUN npm ci',
      'FROM node:${NODE}-slim AS app',
      'RUN npm ci',
      'CMD ["node", "x.js"]',
      'FROM app AS debug',
    );
    assert.equal(analyze(text, { target: 'app' }).findings.filter((f) => f.ruleId === RULE).length, 1);
  });

  it('is a production rule: quiet on Windows images and files marked not-production', () => {
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN choco install make', 'RUN npm ci', 'CMD app.exe'), RULE), []);
    assert.deepEqual(findingsOf(runtime('node:24-slim', 'RUN npm ci').replace(/^/, '# stagecraft: not-production\n'), RULE), []);
  });
});

describe('rule build-tools-in-runtime: "Move this RUN into the builder stage"', () => {
  const MOVE = /^Move this RUN into the builder stage/;
  /** The move fix of the first finding, applied; undefined when not offered. */
  function moved(text: string): string | undefined {
    const fix = findingsOf(text, RULE)[0]?.fixes?.find((f) => MOVE.test(f.title));
    return fix && applyEdits(text, fix.edits);
  }

  it('moves an install of only build packages, with its comment, to the top of the builder', () => {
    const text = dockerfile(
      'FROM python:3.13-slim-trixie AS build',
      'RUN python -m venv /venv',
      'FROM python:3.13-slim-trixie',
      '# compilers for wheels',
      'RUN apt-get update && apt-get install -y --no-install-recommends gcc build-essential \\',
      ' && rm -rf /var/lib/apt/lists/*',
      'COPY --from=build /venv /venv',
      'CMD ["/venv/bin/python", "app.py"]',
    );
    assert.equal(
      moved(text),
      dockerfile(
        'FROM python:3.13-slim-trixie AS build',
        '# compilers for wheels',
        'RUN apt-get update && apt-get install -y --no-install-recommends gcc build-essential \\',
        ' && rm -rf /var/lib/apt/lists/*',
        'RUN python -m venv /venv',
        'FROM python:3.13-slim-trixie',
        'COPY --from=build /venv /venv',
        'CMD ["/venv/bin/python", "app.py"]',
      ),
    );
    assert.equal(findingsOf(moved(text)!, RULE).length, 0, 'the runtime has no build tools left');
  });

  it('is not offered when the RUN also installs a runtime library, or does more than install', () => {
    const withRun = (run: string) =>
      dockerfile('FROM python:3.13-slim-trixie AS build', 'RUN python -m venv /venv', 'FROM python:3.13-slim-trixie', run, 'COPY --from=build /venv /venv', 'CMD ["/venv/bin/python", "app.py"]');
    assert.ok(moved(withRun('RUN apt-get update && apt-get install -y gcc')), 'control: build packages only');
    assert.equal(moved(withRun('RUN apt-get update && apt-get install -y gcc libpq5')), undefined);
    assert.equal(moved(withRun('RUN apt-get update && apt-get install -y gcc && make -C /src')), undefined);
  });

  it('is not offered when a later runtime RUN may compile with the tools', () => {
    const text = dockerfile(
      'FROM python:3.13-slim-trixie AS build',
      'RUN python -m venv /venv',
      'FROM python:3.13-slim-trixie',
      'RUN apt-get update && apt-get install -y gcc',
      'COPY --from=build /venv /venv',
      'RUN /venv/bin/pip install psutil',
      'CMD ["/venv/bin/python", "app.py"]',
    );
    assert.ok(findingsOf(text, RULE).length > 0);
    assert.equal(moved(text), undefined);
  });

  it('is not offered when the builder uses another package manager (Alpine builder, apt-get runtime)', () => {
    const text = dockerfile(
      'FROM golang:1.25-alpine AS build',
      'RUN go build -o /app .',
      'FROM debian:trixie-slim',
      'RUN apt-get update && apt-get install -y gcc',
      'COPY --from=build /app /app',
      'CMD ["/app"]',
    );
    assert.ok(findingsOf(text, RULE).length > 0);
    assert.equal(moved(text), undefined);
  });

  it('is not offered when the runtime copies from two stages (which one is the builder?)', () => {
    const text = dockerfile(
      'FROM python:3.13-slim-trixie AS deps',
      'RUN python -m venv /venv',
      'FROM node:24-trixie-slim AS assets',
      'RUN echo built > /out.txt',
      'FROM python:3.13-slim-trixie',
      'RUN apt-get update && apt-get install -y gcc',
      'COPY --from=deps /venv /venv',
      'COPY --from=assets /out.txt /out.txt',
      'CMD ["/venv/bin/python", "app.py"]',
    );
    assert.equal(moved(text), undefined);
  });
});
