import * as assert from 'node:assert/strict';
import { nameStage } from '../../server/src/fixes/nameStage';
import { analyze, applyEdits, dockerfile } from './helpers';

/** The fix's results with the cursor on `line` (0-based). */
function at(text: string, line: number): { title: string; text: string }[] {
  const model = analyze(text).model!;
  const position = { line, character: 0 };
  return nameStage.compute({ model, text, range: { start: position, end: position } }).map((result) => ({ title: result.title!, text: applyEdits(text, result.edits) }));
}

describe('fix name-stage', () => {
  const text = dockerfile(
    'FROM --platform=$BUILDPLATFORM golang:1.25-trixie',
    'RUN go build -o /app .',
    'FROM debian:trixie-slim AS check',
    'RUN --mount=from=0,source=/app,target=/app /app --version',
    'FROM gcr.io/distroless/static-debian13:nonroot',
    'COPY --from=0 /app /app',
    'ENTRYPOINT ["/app"]',
  );

  it('names a builder "build" and rewrites the numeric --from references to it', () => {
    const [result, ...rest] = at(text, 1);
    assert.equal(rest.length, 0);
    assert.equal(result.title, 'Name this stage "build" and use the name in 2 --from references');
    assert.equal(
      result.text,
      dockerfile(
        'FROM --platform=$BUILDPLATFORM golang:1.25-trixie AS build',
        'RUN go build -o /app .',
        'FROM debian:trixie-slim AS check',
        'RUN --mount=from=build,source=/app,target=/app /app --version',
        'FROM gcr.io/distroless/static-debian13:nonroot',
        'COPY --from=build /app /app',
        'ENTRYPOINT ["/app"]',
      ),
    );
    assert.equal(analyze(result.text).findings.filter((f) => f.ruleId === 'unknown-stage-reference').length, 0);
  });

  it('names the last stage "runtime", and avoids a name already taken', () => {
    assert.equal(at(text, 5)[0].title, 'Name this stage "runtime"');
    const taken = dockerfile('FROM alpine AS runtime', 'RUN true', 'FROM alpine', 'COPY --from=runtime /etc/os-release /x');
    assert.match(at(taken, 2)[0].text, /^FROM alpine AS runtime-2$/m);
  });

  it('is not offered on a named stage, or in a single-stage file', () => {
    assert.deepEqual(at(dockerfile('FROM golang AS build', 'RUN go build -o /a', 'FROM scratch', 'COPY --from=build /a /a'), 0), []);
    assert.deepEqual(at(dockerfile('FROM golang', 'RUN go build -o /a'), 0), []);
  });
});
