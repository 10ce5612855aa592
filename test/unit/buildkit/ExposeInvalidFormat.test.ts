import * as assert from 'node:assert/strict';
import { analyze, dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'ExposeInvalidFormat';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports `EXPOSE 127.0.0.1:8080:8080`, once', () => {
    const text = dockerfile('FROM nginx:1.27', 'EXPOSE 127.0.0.1:8080:8080');
    const [finding] = expectLines(CHECK, text, [1]);
    assert.match(finding.message, /expose the container port \(8080\)/);
    assert.deepEqual(analyze(text).findings.filter((f) => f.range.start.line === 1).map((f) => f.ruleId), [CHECK]);
  });

  it('reports a host-port mapping', () => {
    expectLines(CHECK, dockerfile('FROM nginx:1.27', 'EXPOSE 80:8080'), [1]);
  });

  it('is quiet on container ports, ranges and variables', () => {
    expectQuiet(CHECK, dockerfile('FROM nginx:1.27', 'ARG PORT=80', 'EXPOSE 80 8000-8010/tcp $PORT'));
  });
});
