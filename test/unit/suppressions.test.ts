import * as assert from 'node:assert/strict';
import { analyze, dockerfile } from './helpers';

const SINGLE_STAGE = ['FROM python:3.12', 'RUN pip install -r requirements.txt', 'CMD ["python", "app.py"]'];

/** The rules these tests are about; other rules' findings on the same text do not matter here. */
const CONCERNED = new Set(['single-stage-build', 'runtime-not-distroless', 'not-production-image']);

function ruleIds(text: string, options = {}): string[] {
  return analyze(text, options).findings.map((f) => f.ruleId).filter((id) => CONCERNED.has(id)).sort();
}

describe('ignore comments', () => {
  it('# stagecraft-ignore <rule> silences that rule on the next instruction only', () => {
    assert.deepEqual(ruleIds(dockerfile('# stagecraft-ignore single-stage-build', ...SINGLE_STAGE)), ['runtime-not-distroless']);
  });

  it('takes several rules, separated by commas or spaces', () => {
    assert.deepEqual(ruleIds(dockerfile('# stagecraft-ignore single-stage-build, runtime-not-distroless', ...SINGLE_STAGE)), []);
  });

  it('does not reach past the next instruction', () => {
    const text = dockerfile('FROM golang AS build', '# stagecraft-ignore runtime-not-distroless', 'RUN go build -o /app', 'FROM python:3.12');
    assert.deepEqual(ruleIds(text), ['runtime-not-distroless']);
  });

  it('# stagecraft-ignore-file silences a rule everywhere, after directives too', () => {
    assert.deepEqual(ruleIds(dockerfile('# syntax=docker/dockerfile:1', ...SINGLE_STAGE, '# stagecraft-ignore-file runtime-not-distroless')), ['single-stage-build']);
  });

  it('without rule ids silences every rule there', () => {
    assert.deepEqual(ruleIds(dockerfile('# stagecraft-ignore', ...SINGLE_STAGE)), []);
  });
});

describe('files that are not production images', () => {
  it('the not-production marker turns off the production rules and says why', () => {
    const { findings } = analyze(dockerfile('# stagecraft: not-production', ...SINGLE_STAGE));
    assert.deepEqual(findings.map((f) => f.ruleId).filter((id) => CONCERNED.has(id)), ['not-production-image']);
    assert.equal(findings[0].severity, 'information');
    assert.equal(findings[0].range.start.line, 0);
    assert.match(findings[0].message, /marked `# stagecraft: not-production`/);
  });

  it('a .devcontainer/ path, an exclude glob, a dev container base image', () => {
    const text = dockerfile(...SINGLE_STAGE);
    assert.deepEqual(ruleIds(text, { documentPath: '.devcontainer/Dockerfile' }), ['not-production-image']);
    assert.deepEqual(ruleIds(text, { documentPath: 'test/e2e/Dockerfile', exclude: ['test/**'] }), ['not-production-image']);
    assert.deepEqual(ruleIds(dockerfile('FROM mcr.microsoft.com/devcontainers/python:3.12', 'RUN pip install x')), ['not-production-image']);
    assert.deepEqual(ruleIds(text, { documentPath: 'services/api/Dockerfile', exclude: ['test/**'] }), ['runtime-not-distroless', 'single-stage-build']);
  });

  it('the note itself can be turned off', () => {
    assert.deepEqual(ruleIds(dockerfile('# stagecraft: not-production', ...SINGLE_STAGE), { ruleSeverities: { 'not-production-image': 'off' } }), []);
  });
});

describe('runtime stage and allow-list', () => {
  it('checks the configured target instead of the last stage', () => {
    const text = dockerfile('FROM golang:1.23 AS build', 'RUN go build -o /app', 'FROM gcr.io/distroless/static-debian13:nonroot AS runtime', 'COPY --from=build /app /app', 'FROM ubuntu AS tools');
    assert.deepEqual(ruleIds(text, { today: '2026-11-29' }).filter((id) => id === 'runtime-not-distroless'), ['runtime-not-distroless']);
    assert.deepEqual(ruleIds(text, { target: 'RUNTIME', today: '2026-11-29' }).filter((id) => id === 'runtime-not-distroless'), []);
  });

  it('accepts allow-listed images by glob or regex', () => {
    const text = dockerfile('FROM golang AS build', 'FROM registry.example.com/hardened/base:2026.11');
    const runtimeFindings = (options: object) => analyze(text, options).findings.filter((f) => f.ruleId === 'runtime-not-distroless');
    assert.equal(runtimeFindings({}).length, 1);
    assert.equal(runtimeFindings({ allowedRuntimeImages: ['registry.example.com/hardened/*'] }).length, 0);
    assert.equal(runtimeFindings({ allowedRuntimeImages: ['/hardened\\/base:2026/'] }).length, 0);
  });
});
