import * as assert from 'node:assert/strict';
import { analyze, dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'DuplicateStageName';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports the second stage named build, once (dockerfile-syntax leaves it to the check)', () => {
    const text = dockerfile('FROM node:24 AS build', 'RUN npm ci', 'FROM node:24 AS build', 'RUN npm test', 'FROM node:24-slim', 'COPY --from=build /app /app');
    const [finding] = expectLines(CHECK, text, [2]);
    assert.match(finding.message, /Duplicate stage name "build"/);
    assert.deepEqual(analyze(text).findings.filter((f) => f.range.start.line === 2 && /uplicate/.test(f.message)).map((f) => f.ruleId), [CHECK]);
  });

  it('matches names case-insensitively, as BuildKit does', () => {
    expectLines(CHECK, dockerfile('FROM node:24 AS build', 'FROM node:24 AS BUILD'), [1]);
  });

  it('is quiet on distinct names', () => {
    expectQuiet(CHECK, dockerfile('FROM node:24 AS build', 'FROM node:24 AS test', 'FROM node:24-slim'));
  });
});
