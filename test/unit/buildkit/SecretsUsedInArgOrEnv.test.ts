import * as assert from 'node:assert/strict';
import { analyze, dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'SecretsUsedInArgOrEnv';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports `ARG GITHUB_TOKEN` (no value: secret-in-image is quiet, the check is not)', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM node:24 AS build', 'ARG GITHUB_TOKEN', 'RUN npm ci'), [1]);
    assert.match(finding.message, /RUN --mount=type=secret,id=github_token/);
  });

  it('gives one finding, not two, where secret-in-image reports a literal secret, naming the check', () => {
    const text = dockerfile('FROM node:24-slim', 'ENV DB_PASSWORD=s3cr3t-Pa55');
    const findings = analyze(text).findings.filter((f) => f.range.start.line === 1 && f.buildKitCheck === CHECK);
    assert.deepEqual(findings.map((f) => f.ruleId), ['secret-in-image']);
    assert.match(findings[0].message, /\(BuildKit check SecretsUsedInArgOrEnv\)\.$/);
    expectQuiet(CHECK, text);
  });

  it('reports it under its own name when secret-in-image is turned off', () => {
    const text = dockerfile('FROM node:24-slim', 'ENV DB_PASSWORD=s3cr3t-Pa55');
    assert.deepEqual(analyze(text, { ruleSeverities: { 'secret-in-image': 'off' } }).findings.filter((f) => f.buildKitCheck === CHECK).map((f) => f.ruleId), [CHECK]);
  });

  it('is quiet on names that are not secrets', () => {
    expectQuiet(CHECK, dockerfile('FROM node:24-slim', 'ARG NODE_VERSION', 'ENV TOKEN_URL=https://auth.example.org/token PUBLIC_KEY_PATH=/etc/key.pub'));
  });
});
