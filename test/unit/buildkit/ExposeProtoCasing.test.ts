import * as assert from 'node:assert/strict';
import { dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'ExposeProtoCasing';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports `EXPOSE 8080/TCP`', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM nginx:1.27', 'EXPOSE 8080/TCP'), [1]);
    assert.match(finding.message, /'8080\/TCP' .* should be lowercase: 8080\/tcp/);
  });

  it('is quiet on lowercase protocols and plain ports', () => {
    expectQuiet(CHECK, dockerfile('FROM nginx:1.27', 'EXPOSE 8080/tcp 53/udp 80'));
  });
});
