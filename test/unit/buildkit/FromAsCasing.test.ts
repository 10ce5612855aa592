import * as assert from 'node:assert/strict';
import { analyze, dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'FromAsCasing';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports `FROM ... as build` on the AS keyword', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM node:24 as build', 'RUN npm ci', 'FROM node:24-slim', 'COPY --from=build /app /app'), [0]);
    assert.equal(finding.range.start.character, 13);
    assert.match(finding.message, /'as' and 'FROM' keywords' casing do not match: write 'AS'/);
  });

  it('reports `from ... AS build` too', () => {
    expectLines(CHECK, dockerfile('from node:24 AS build', 'run npm ci'), [0]);
  });

  it('is quiet when the cases match, and on a FROM without a stage name', () => {
    expectQuiet(CHECK, dockerfile('FROM node:24 AS build', 'from node:24 as other', 'FROM node:24-slim'));
  });
});

describe(`BuildKit check ${CHECK}: settings and ignores use the check's name`, () => {
  const text = dockerfile('FROM node:24 as build', 'FROM node:24-slim');

  it('is silenced by `# stagecraft-ignore FromAsCasing` on the line above', () => {
    expectQuiet(CHECK, dockerfile('# stagecraft-ignore FromAsCasing', 'FROM node:24 as build', 'FROM node:24-slim'));
  });

  it('is turned off with the setting `{ "FromAsCasing": "off" }` and raised with "error"', () => {
    assert.deepEqual(analyze(text, { ruleSeverities: { FromAsCasing: 'off' } }).findings.filter((f) => f.ruleId === CHECK), []);
    assert.deepEqual(analyze(text, { ruleSeverities: { FromAsCasing: 'error' } }).findings.filter((f) => f.ruleId === CHECK).map((f) => f.severity), ['error']);
  });
});
