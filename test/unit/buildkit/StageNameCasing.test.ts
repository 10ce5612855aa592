import * as assert from 'node:assert/strict';
import { dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'StageNameCasing';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports `AS Build` on the name, with the lowercase name', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM golang:1.23 AS Build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=Build /app /app'), [0]);
    assert.equal(finding.range.start.character, 20);
    assert.match(finding.message, /Stage name 'Build' should be lowercase: build/);
  });

  it('is quiet on lowercase names with digits, dashes and dots', () => {
    expectQuiet(CHECK, dockerfile('FROM golang:1.23 AS build-1.x', 'FROM scratch AS runtime_2'));
  });
});

describe(`BuildKit check ${CHECK}: names it cannot read`, () => {
  it('is quiet on a stage name from a variable', () => {
    expectQuiet(CHECK, dockerfile('FROM busybox:1.37 AS ${TARGET}'));
  });
});
