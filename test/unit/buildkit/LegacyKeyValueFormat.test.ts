import * as assert from 'node:assert/strict';
import { applyEdits, dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'LegacyKeyValueFormat';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports `ENV MODE production`, with a fix that writes MODE=production', () => {
    const text = dockerfile('FROM node:24-slim', 'ENV MODE production');
    const [finding] = expectLines(CHECK, text, [1]);
    assert.match(finding.message, /ENV MODE=production/);
    assert.equal(applyEdits(text, finding.fixes![0].edits), dockerfile('FROM node:24-slim', 'ENV MODE=production'));
  });

  it('quotes a value with spaces, and reports LABEL too', () => {
    const text = dockerfile('FROM node:24-slim', 'ENV GREETING hello world', 'LABEL team platform');
    const [env] = expectLines(CHECK, text, [1, 2]);
    assert.equal(env.fixes![0].edits[0].newText, 'GREETING="hello world"');
  });

  it('is quiet on key=value, and on ARG (which has no legacy form)', () => {
    expectQuiet(CHECK, dockerfile('FROM node:24-slim', 'ENV MODE=production A="b c"', 'LABEL team=platform', 'ARG VERSION'));
  });
});
