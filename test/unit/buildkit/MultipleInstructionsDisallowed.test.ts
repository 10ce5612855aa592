import * as assert from 'node:assert/strict';
import { dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'MultipleInstructionsDisallowed';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports every ENTRYPOINT of a stage but the last', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM node:24-slim', 'ENTRYPOINT ["node"]', 'ENTRYPOINT ["node", "server.js"]'), [1]);
    assert.match(finding.message, /Multiple ENTRYPOINT instructions .* only the last one will be used/);
  });

  it('reports repeated CMD and HEALTHCHECK too', () => {
    expectLines(CHECK, dockerfile('FROM node:24-slim', 'CMD ["a"]', 'HEALTHCHECK NONE', 'CMD ["b"]', 'HEALTHCHECK NONE'), [1, 2]);
  });

  it('is quiet on one of each per stage, across stages', () => {
    expectQuiet(CHECK, dockerfile('FROM node:24 AS build', 'CMD ["npm", "test"]', 'FROM node:24-slim', 'ENTRYPOINT ["node"]', 'CMD ["server.js"]'));
  });
});
