import * as assert from 'node:assert/strict';
import { analyze, dockerfile, findingsOf } from '../helpers';

const RULE = 'sources-in-runtime';
const GO_BUILD = ['FROM golang:1.23 AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/app .'];

describe('rule sources-in-runtime', () => {
  it('warns on COPY . . into the runtime stage of a compiled build, on the source', () => {
    const text = dockerfile(...GO_BUILD, 'FROM gcr.io/distroless/static-debian13:nonroot', 'COPY --from=build /out/app /app', 'COPY . .', 'ENTRYPOINT ["/app"]');
    const [finding, ...rest] = findingsOf(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 6, character: 5 }, end: { line: 6, character: 6 } });
    assert.match(finding.message, /whole build context .* stage build builds the application: copy the artifacts from it instead \(COPY --from=build/);
  });

  it('recognises ./ sources, ADD, JSON form, --chown and any destination', () => {
    for (const copy of ['ADD ./ /app', 'COPY ["." , "/srv"]', 'COPY --chown=65532:65532 . /app/', 'COPY --link ./ .']) {
      const text = dockerfile(...GO_BUILD, 'FROM gcr.io/distroless/static-debian13', copy, 'ENTRYPOINT ["/app"]');
      assert.equal(findingsOf(text, RULE).length, 1, copy);
    }
  });

  it('warns for Java, .NET, Rust, C and TypeScript builders, with numeric stage names', () => {
    for (const [builder, run, runtime] of [
      ['maven:3-eclipse-temurin-21', 'RUN mvn -B package', 'gcr.io/distroless/java21-debian13'],
      ['mcr.microsoft.com/dotnet/sdk:10.0', 'RUN dotnet publish -c Release -o /app', 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled'],
      ['rust:1', 'RUN cargo build --release', 'gcr.io/distroless/cc-debian13'],
      ['gcc:14', 'RUN make', 'gcr.io/distroless/cc-debian13'],
      ['node:24', 'RUN npm ci && npm run build', 'gcr.io/distroless/nodejs24-debian13'],
    ]) {
      const text = dockerfile(`FROM ${builder}`, 'COPY . .', run, `FROM ${runtime}`, 'COPY --from=0 /out /out', 'COPY . .');
      const [finding] = findingsOf(text, RULE);
      assert.match(finding?.message ?? '', /stage 0 builds the application/, builder);
    }
  });

  it('is quiet for interpreted applications: the source is what runs', () => {
    for (const text of [
      // Python app; the builder only builds the front end.
      dockerfile('FROM node:24 AS ui', 'RUN npm ci && npm run build', 'FROM python:3.13-slim', 'COPY . /app', 'COPY --from=ui /dist /app/static', 'CMD ["gunicorn", "app:app"]'),
      // Python on distroless: the image's runtime is python.
      dockerfile('FROM python:3.13-slim AS venv', 'RUN python -m venv /venv && /venv/bin/pip install -r requirements.txt', 'FROM gcr.io/distroless/python3-debian13', 'COPY --from=venv /venv /venv', 'COPY . /app', 'ENTRYPOINT ["/venv/bin/python3", "/app/main.py"]'),
      // Node without a build step, with a natively compiled helper.
      dockerfile('FROM rust:1 AS addon', 'RUN cargo build --release', 'FROM node:24-slim', 'COPY . .', 'CMD ["node", "server.js"]'),
      // Nothing is compiled.
      dockerfile('FROM node:24 AS deps', 'RUN npm ci --omit=dev', 'FROM gcr.io/distroless/nodejs24-debian13', 'COPY --from=deps /node_modules ./node_modules', 'COPY . .', 'CMD ["server.js"]'),
    ]) {
      assert.deepEqual(findingsOf(text, RULE), [], text);
    }
  });

  it('is quiet for partial copies, copies from stages, single-stage and development targets', () => {
    for (const text of [
      dockerfile(...GO_BUILD, 'FROM gcr.io/distroless/static-debian13', 'COPY config/ /config/'),
      dockerfile(...GO_BUILD, 'FROM gcr.io/distroless/static-debian13', 'COPY --from=build . .'),
      dockerfile('FROM golang:1.23', 'COPY . .', 'RUN go build -o /app .'),
      dockerfile(...GO_BUILD, 'FROM golang:1.23 AS test', 'COPY . .', 'RUN go test ./...'),
      dockerfile(...GO_BUILD, 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'COPY . .'),
    ]) {
      assert.deepEqual(findingsOf(text, RULE), [], text);
    }
  });

  it('follows the configured target, ARG-templated images and --platform builders', () => {
    const text = dockerfile(
      'ARG GO=1.23',
      'FROM --platform=$BUILDPLATFORM golang:${GO} AS build',
      'RUN go build -o /out/app .',
      'FROM gcr.io/distroless/static-debian13 AS prod',
      'COPY . .',
      'FROM golang:${GO} AS tools',
    );
    assert.equal(analyze(text, { target: 'prod' }).findings.filter((f) => f.ruleId === RULE).length, 1);
    assert.deepEqual(findingsOf(text.replace(/^/, '# stagecraft: not-production\n'), RULE), []);
  });
});
