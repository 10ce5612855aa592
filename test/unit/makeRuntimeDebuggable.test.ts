import * as assert from 'node:assert/strict';
import { runtimeStageOf } from '../../server/src/core/analyze';
import { makeRuntimeDebuggable } from '../../server/src/fixes/makeRuntimeDebuggable';
import { analyze, applyEdits, dockerfile, findingsOf } from './helpers';

/** The fix's results and its reason for not applying, with the cursor on `line` (0-based). */
function at(text: string, line: number, target?: string): { results: { title: string; text: string }[]; whyNot?: string } {
  const model = analyze(text).model!;
  const position = { line, character: 0 };
  const context = { model, text, range: { start: position, end: position }, runtimeStage: runtimeStageOf(model, target) };
  const results = makeRuntimeDebuggable.compute(context).map((result) => ({ title: result.title!, text: applyEdits(text, result.edits) }));
  return { results, whyNot: results.length === 0 ? makeRuntimeDebuggable.whyNotOffered?.(context) : undefined };
}

const BUILD = ['# syntax=docker/dockerfile:1', '# Build the virtualenv', 'FROM python:3.13-slim-trixie AS build', 'RUN python -m venv /venv'];
const TAIL = ['COPY --from=build /venv /venv', 'USER 65532', 'ENTRYPOINT ["/venv/bin/python3", "-m", "app"]'];

describe('fix make-runtime-debuggable', () => {
  it('turns a release tag into ARG RUNTIME_TAG, keeping the stage name, the other lines and the comment with its FROM', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/python3-debian13:nonroot AS runtime', ...TAIL);
    const { results } = at(text, 4);
    assert.equal(results.length, 1);
    assert.equal(results[0].title, 'Make the runtime debuggable (--build-arg RUNTIME_TAG=debug-nonroot)');
    assert.equal(
      results[0].text,
      dockerfile(
        '# syntax=docker/dockerfile:1',
        '',
        "# The runtime image's tag: the release by default. For a debug image with a shell (/busybox/sh):",
        '#   docker build --build-arg RUNTIME_TAG=debug-nonroot .',
        'ARG RUNTIME_TAG=nonroot',
        '',
        '# Build the virtualenv',
        'FROM python:3.13-slim-trixie AS build',
        'RUN python -m venv /venv',
        'FROM gcr.io/distroless/python3-debian13:${RUNTIME_TAG} AS runtime',
        ...TAIL,
      ),
    );
  });

  it('the result builds the same image: the model resolves the ARG default, and the runtime rules see the same image', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/python3-debian13:nonroot AS runtime', ...TAIL);
    const fixed = at(text, 4).results[0].text;
    const model = analyze(fixed).model!;
    assert.equal(model.finalStage?.baseText, 'gcr.io/distroless/python3-debian13:nonroot');
    const options = { today: '2026-12-06', ruleSeverities: { 'runtime-image-not-digest-pinned': 'information' as const } };
    const ids = (source: string) => analyze(source, options).findings.map((finding) => `${finding.ruleId}: ${finding.message}`);
    assert.deepEqual(ids(fixed), ids(text));
    assert.ok(ids(fixed).some((finding) => finding.startsWith('runtime-image-not-digest-pinned')), 'the opt-in rule still sees the distroless image');
    // Not offered a second time: the FROM already takes its tag from a build argument.
    const again = at(fixed, 9);
    assert.deepEqual(again.results, []);
    assert.match(again.whyNot ?? '', /already comes from a build argument/);
  });

  it('adds the tag argument after an untagged image, defaulting to latest with the debug tag in the comment', () => {
    const text = dockerfile('FROM golang:1.25 AS build', 'RUN CGO_ENABLED=0 go build -o /app .', 'FROM gcr.io/distroless/static-debian13', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]');
    const [result] = at(text, 2).results;
    assert.equal(
      result.text,
      dockerfile(
        "# The runtime image's tag: the release by default. For a debug image with a shell (/busybox/sh):",
        '#   docker build --build-arg RUNTIME_TAG=debug .',
        'ARG RUNTIME_TAG=latest',
        '',
        'FROM golang:1.25 AS build',
        'RUN CGO_ENABLED=0 go build -o /app .',
        'FROM gcr.io/distroless/static-debian13:${RUNTIME_TAG}',
        'COPY --from=build /app /app',
        'ENTRYPOINT ["/app"]',
      ),
    );
  });

  it('parametrizes the whole reference of a digest-pinned FROM (the digest wins over the tag)', () => {
    const digest = 'sha256:' + 'a'.repeat(64);
    const text = dockerfile('ARG GO=1.25', 'FROM golang:${GO} AS build', 'RUN go build -o /app .', `FROM gcr.io/distroless/static-debian13:nonroot@${digest} AS runtime`, 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]');
    const [result] = at(text, 3).results;
    assert.equal(
      result.text,
      dockerfile(
        'ARG GO=1.25',
        '',
        "# The runtime image's reference: the release by default. For a debug image with a shell (/busybox/sh):",
        '#   docker build --build-arg RUNTIME_IMAGE=gcr.io/distroless/static-debian13:debug-nonroot .',
        `ARG RUNTIME_IMAGE=gcr.io/distroless/static-debian13:nonroot@${digest}`,
        '',
        'FROM golang:${GO} AS build',
        'RUN go build -o /app .',
        'FROM ${RUNTIME_IMAGE} AS runtime',
        'COPY --from=build /app /app',
        'ENTRYPOINT ["/app"]',
      ),
    );
    const model = analyze(result.text).model!;
    assert.equal(model.finalStage?.baseText, `gcr.io/distroless/static-debian13:nonroot@${digest}`);
    assert.deepEqual(findingsOf(result.text, 'runtime-image-not-digest-pinned', { ruleSeverities: { 'runtime-image-not-digest-pinned': 'information' } }), []);
  });

  it('uses Chainguard -dev tags, a free argument name, CRLF line ends, and --target for a runtime that is not the last stage', () => {
    const text = ['ARG RUNTIME_TAG=x', 'FROM cgr.dev/chainguard/python:latest AS runtime', 'COPY app.py /app.py', 'FROM runtime AS test', 'COPY tests /tests', ''].join('\r\n');
    const [result] = at(text, 1, 'runtime').results;
    assert.equal(
      result.text,
      [
        'ARG RUNTIME_TAG=x',
        '',
        "# The runtime image's tag: the release by default. For a debug image with a shell (/bin/sh):",
        '#   docker build --build-arg RUNTIME_TAG_2=latest-dev --target runtime .',
        'ARG RUNTIME_TAG_2=latest',
        '',
        'FROM cgr.dev/chainguard/python:${RUNTIME_TAG_2} AS runtime',
        'COPY app.py /app.py',
        'FROM runtime AS test',
        'COPY tests /tests',
        '',
      ].join('\r\n'),
    );
  });

  it('is not offered where the family has no debug tag, and says what to do instead', () => {
    const chiseled = dockerfile('FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build', 'RUN dotnet publish -o /app', 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled', 'COPY --from=build /app /app', 'CMD ["app.dll"]');
    const dotnet = at(chiseled, 2);
    assert.deepEqual(dotnet.results, []);
    assert.match(dotnet.whyNot ?? '', /no debug tag: attach a debug container \(`kubectl debug --target`\)\. For a debug build, use `mcr\.microsoft\.com\/dotnet\/aspnet:10\.0-noble`/);
    const scratch = at(dockerfile('FROM golang:1.25 AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]'), 2);
    assert.deepEqual(scratch.results, []);
    assert.match(scratch.whyNot ?? '', /static busybox/);
    const debug = at(dockerfile('FROM gcr.io/distroless/static-debian13:debug', 'COPY app /app'), 0);
    assert.match(debug.whyNot ?? '', /already a debug image/);
  });

  it('is not offered, not even greyed out, where the runtime image has a shell or is not known', () => {
    for (const from of ['python:3.13-slim', 'ubuntu:24.04', 'myregistry.example/app-base:1.2', 'cgr.dev/chainguard/node:latest']) {
      assert.deepEqual(at(dockerfile(`FROM ${from}`, 'COPY app.py /app.py'), 0), { results: [], whyNot: undefined }, from);
    }
    // From a build argument too: the resolved image decides.
    assert.deepEqual(at(dockerfile('ARG BASE=python:3.13-slim', 'FROM ${BASE}', 'COPY app.py /app.py'), 1), { results: [], whyNot: undefined });
  });

  it('is about the runtime FROM only: nothing, not even a reason, elsewhere', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/python3-debian13:nonroot AS runtime', ...TAIL);
    for (const line of [2, 3, 5]) {
      assert.deepEqual(at(text, line), { results: [], whyNot: undefined }, `line ${line}`);
    }
    // With a target, the last stage's FROM is not the runtime FROM.
    const targeted = dockerfile('FROM gcr.io/distroless/static-debian13:nonroot AS runtime', 'COPY app /app', 'FROM gcr.io/distroless/static-debian13:debug AS debug', 'COPY app /app');
    assert.deepEqual(at(targeted, 2, 'runtime').results, []);
    assert.equal(at(targeted, 0, 'runtime').results.length, 1);
  });
});
