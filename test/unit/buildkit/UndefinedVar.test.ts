import * as assert from 'node:assert/strict';
import { dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'UndefinedVar';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports a near miss of a variable the stage defines, with the suggestion', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM node:24-slim', 'ENV APP_DIR=/app', 'WORKDIR $APP_DIRR'), [2]);
    assert.match(finding.message, /'\$APP_DIRR' \(did you mean \$APP_DIR\?\)/);
    assert.deepEqual(finding.range, { start: { line: 2, character: 9 }, end: { line: 2, character: 17 } });
  });

  it('finds `${NAME}` on a continuation line, and skips `\\$NAME` and comment lines', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM scratch', 'COPY a \\', '  # $NOT_THIS', '  \\$ESCAPED ${DEST_DIR}/'), [3]);
    assert.equal(finding.range.start.character, 14);
    assert.match(finding.message, /'\$DEST_DIR'/);
  });

  it('reports any undefined variable in a stage from scratch', () => {
    expectLines(CHECK, dockerfile('FROM scratch', 'COPY app $TARGET_DIR/'), [1]);
  });

  it('is quiet where the base image may set it, in RUN, with a default, and on predefined ARGs', () => {
    expectQuiet(CHECK, dockerfile('FROM node:24-slim', 'ENV PATH=$PATH:/app/bin', 'WORKDIR $HOME'));
    expectQuiet(CHECK, dockerfile('FROM scratch', 'ENV A=${UNSET:-x}', 'COPY app /app-$TARGETARCH'));
    expectQuiet(CHECK, dockerfile('FROM node:24-slim', 'ENV APP_DIR=/app', 'RUN echo $APP_DIRR'));
  });
});

describe(`BuildKit check ${CHECK}: used before its ARG`, () => {
  it('reports a variable the stage defines only further down', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM busybox:1.37', 'ENV TEST=$BAR', 'ARG BAR', 'ENV BAZ=$BAR'), [1]);
    assert.match(finding.message, /'\$BAR': the stage defines it only further down/);
  });
});
