import * as assert from 'node:assert/strict';
import { dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'ReservedStageName';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports a stage named context', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM alpine:3.20 AS context', 'FROM alpine:3.20', 'COPY --from=context /a /a'), [0]);
    assert.match(finding.message, /reserved stage "context"/);
  });

  it('reports a stage named scratch', () => {
    expectLines(CHECK, dockerfile('FROM alpine:3.20 AS scratch'), [0]);
  });

  it('is quiet on other names, and on FROM scratch', () => {
    expectQuiet(CHECK, dockerfile('FROM alpine:3.20 AS build-context', 'FROM scratch'));
  });
});
