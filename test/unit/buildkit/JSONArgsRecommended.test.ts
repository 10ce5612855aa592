import * as assert from 'node:assert/strict';
import { dockerfile, analyze } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'JSONArgsRecommended';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports a shell-form CMD in a stage that is not shipped', () => {
    const text = dockerfile('FROM node:24 AS test', 'CMD npm test', 'FROM node:24-slim', 'CMD ["node", "server.js"]');
    const [finding] = expectLines(CHECK, text, [1]);
    assert.match(finding.message, /JSON arguments recommended for CMD/);
  });

  it('on `CMD exec ...` (Docker reports it too) says that exec already passes the signals on', () => {
    const text = dockerfile('FROM node:24-slim', 'WORKDIR /app', 'COPY . .', 'CMD exec npm run $NODE_ENV');
    const [finding] = expectLines(CHECK, text, [3]);
    assert.match(finding.message, /`exec` already makes the program PID 1, so signals reach it/);
    assert.doesNotMatch(finding.message, /does not pass SIGTERM on/);
  });

  it('is quiet on exec form, on an empty CMD and after a SHELL instruction', () => {
    expectQuiet(CHECK, dockerfile('FROM node:24', 'ENTRYPOINT ["node"]', 'CMD ["server.js"]'));
    expectQuiet(CHECK, dockerfile('FROM mcr.microsoft.com/powershell', 'SHELL ["pwsh", "-Command"]', 'CMD Write-Host hi'));
  });

  it('gives one finding, not two, where shell-form-command reports the shipped CMD, and that finding names the check', () => {
    const text = dockerfile('FROM node:24-slim', 'WORKDIR /app', 'COPY . .', 'CMD node server.js');
    const findings = analyze(text).findings.filter((f) => f.range.start.line === 3 && f.buildKitCheck === CHECK);
    assert.equal(findings.length, 1, findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n'));
    assert.equal(findings[0].ruleId, 'shell-form-command');
    assert.match(findings[0].message, /\(BuildKit check JSONArgsRecommended\)\.$/);
    expectQuiet(CHECK, text);
  });

  it('reports the shipped CMD under its own name when shell-form-command is turned off', () => {
    const text = dockerfile('FROM node:24-slim', 'WORKDIR /app', 'COPY . .', 'CMD node server.js');
    const findings = analyze(text, { ruleSeverities: { 'shell-form-command': 'off' } }).findings.filter((f) => f.buildKitCheck === CHECK);
    assert.deepEqual(findings.map((f) => f.ruleId), [CHECK]);
  });
});

describe(`BuildKit check ${CHECK} beside shell-form-in-shellless-runtime`, () => {
  it('gives one finding on a shell-form CMD in a shellless runtime, the shellless rule naming the check', () => {
    const text = dockerfile('FROM node:24 AS build', 'WORKDIR /app', 'COPY . .', 'FROM gcr.io/distroless/nodejs24-debian13', 'COPY --from=build /app /app', 'CMD node /app/server.js');
    const findings = analyze(text).findings.filter((f) => f.range.start.line === 5 && f.buildKitCheck === CHECK);
    assert.deepEqual(findings.map((f) => f.ruleId), ['shell-form-in-shellless-runtime']);
    assert.match(findings[0].message, /\(BuildKit check JSONArgsRecommended\)\.$/);
  });
});
