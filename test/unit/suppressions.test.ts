import * as assert from 'node:assert/strict';
import { ignoreInFileEdit, ignoreOnInstructionEdit } from '../../server/src/fixes/ignoreComments';
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

describe('ignore-comment quick fixes (fixes/ignoreComments.ts)', () => {
  const model = (text: string) => {
    const analysis = analyze(text);
    assert.ok(analysis.model);
    return analysis.model;
  };

  it('inserts the comment above the instruction, with its indentation and the file line ending', () => {
    const text = 'FROM python:3.12\r\nRUN pip install x \\\r\n  && echo done\r\n\tCMD ["python", "app.py"]\r\n';
    assert.deepEqual(ignoreOnInstructionEdit(model(text), text, 'shell-form-command', 2), {
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      newText: '# stagecraft-ignore shell-form-command\r\n',
    });
    assert.deepEqual(ignoreOnInstructionEdit(model(text), text, 'runtime-runs-as-root', 3)?.newText, '\t# stagecraft-ignore runtime-runs-as-root\r\n');
    assert.equal(ignoreOnInstructionEdit(model(text), text, 'x', 40), undefined);
  });

  it('puts the file-wide comment after the parser directives', () => {
    const text = '# syntax=docker/dockerfile:1\n# escape=\\\nFROM python:3.12\n';
    assert.deepEqual(ignoreInFileEdit(model(text), text, 'single-stage-build'), {
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
      newText: '# stagecraft-ignore-file single-stage-build\n',
    });
  });
});
