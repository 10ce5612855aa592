import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding } from '../../../server/src/core/types';
import { analyze, dockerfile, findingsOf } from '../helpers';

const RULE = 'shell-form-command';

function applyFirstFix(text: string, finding: Finding): string {
  const fix = finding.fixes?.[0];
  assert.ok(fix, 'expected a quick fix');
  return TextDocument.applyEdits(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text), fix.edits);
}

describe('rule shell-form-command', () => {
  it('warns on a plain shell-form CMD and rewrites it to exec form', () => {
    const text = dockerfile('FROM node:24-slim', 'COPY . /app', 'CMD node /app/server.js');
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } });
    assert.match(finding.message, /does not pass SIGTERM on to the application.*Use exec form: CMD \["node", "\/app\/server\.js"\]/);
    const fixed = applyFirstFix(text, finding);
    assert.equal(fixed, dockerfile('FROM node:24-slim', 'COPY . /app', 'CMD ["node", "/app/server.js"]'));
    assert.deepEqual(findingsOf(fixed, RULE), []);
  });

  it('offers the exec prefix for commands with shell syntax, and says so', () => {
    const cases: [string, string][] = [
      ['CMD gunicorn -b :$PORT app:app', 'CMD exec gunicorn -b :$PORT app:app'],
      ['CMD cd /app && node server.js', 'CMD cd /app && exec node server.js'],
      ['ENTRYPOINT ./migrate; ./server > /dev/stdout', 'ENTRYPOINT ./migrate; exec ./server > /dev/stdout'],
      ['CMD PORT=80 node server.js', 'CMD PORT=80 exec node server.js'],
    ];
    for (const [before, after] of cases) {
      const text = dockerfile('FROM python:3.13-slim', before);
      const [finding] = findingsOf(text, RULE);
      assert.match(finding.message, /start the last command with exec/, before);
      const fixed = applyFirstFix(text, finding);
      assert.equal(fixed, dockerfile('FROM python:3.13-slim', after));
      assert.deepEqual(findingsOf(fixed, RULE), [], after);
    }
  });

  it('fixes a single-quoted array, which Docker runs as shell form', () => {
    const text = dockerfile('FROM node:24-slim', "ENTRYPOINT ['node', 'server.js']");
    const [finding] = findingsOf(text, RULE);
    assert.match(finding.message, /ENTRYPOINT is not valid JSON/);
    assert.equal(applyFirstFix(text, finding), dockerfile('FROM node:24-slim', 'ENTRYPOINT ["node", "server.js"]'));
    assert.equal(findingsOf(dockerfile('FROM node:24-slim', 'CMD ["node" "server.js"]'), RULE)[0].fixes, undefined);
  });

  it('keeps the shell of an ENTRYPOINT that a CMD would otherwise be passed to', () => {
    const text = dockerfile('FROM node:24-slim', 'ENTRYPOINT node server.js', 'CMD ["--inspect"]');
    const [finding] = findingsOf(text, RULE);
    assert.match(finding.message, /Exec form would start passing CMD to it/);
    assert.equal(applyFirstFix(text, finding), dockerfile('FROM node:24-slim', 'ENTRYPOINT exec node server.js', 'CMD ["--inspect"]'));
  });

  it('offers no fix for pipes, loops, background jobs or an explicit shell', () => {
    for (const cmd of ['CMD app | tee /log', 'CMD while true; do sleep 1; done', 'CMD app &', 'CMD sh -c "app 2>&1 | tee /log"', 'CMD a || b']) {
      const [finding] = findingsOf(dockerfile('FROM alpine:3.20', cmd), RULE);
      assert.equal(finding?.fixes, undefined, cmd);
    }
  });

  it('is quiet when the command already execs or the stage sets SHELL', () => {
    for (const lines of [
      ['CMD exec node server.js'],
      ['CMD cd /app && exec node server.js'],
      ['SHELL ["/bin/bash", "-c"]', 'CMD node server.js'],
      ['CMD ["node", "server.js"]'],
    ]) {
      assert.deepEqual(findingsOf(dockerfile('FROM node:24-slim', ...lines), RULE), [], lines.join('\n'));
    }
    const inherited = dockerfile('FROM node:24-slim AS base', 'SHELL ["/bin/bash", "-c"]', 'FROM base', 'CMD node server.js');
    assert.deepEqual(findingsOf(inherited, RULE), []);
  });

  it('checks only the runtime stage, and leaves shell-less stages to shell-form-in-shellless-runtime', () => {
    assert.deepEqual(findingsOf(dockerfile('FROM node:24 AS build', 'CMD npm test', 'FROM node:24-slim', 'CMD ["node", "x.js"]'), RULE), []);
    const shellless = dockerfile('FROM golang:1.23 AS build', 'FROM gcr.io/distroless/static-debian13', 'CMD /app');
    const ids = analyze(shellless).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('shell-form-in-shellless-runtime'));
    assert.ok(!ids.includes(RULE));
    const targeted = dockerfile('FROM node:24-slim AS prod', 'CMD node server.js', 'FROM node:24 AS dev', 'CMD ["bash"]');
    assert.equal(analyze(targeted, { target: 'prod' }).findings.filter((f) => f.ruleId === RULE).length, 1);
  });

  it('is quiet on Windows images and template placeholders', () => {
    assert.deepEqual(findingsOf(dockerfile('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'CMD app.exe'), RULE), []);
    assert.deepEqual(findingsOf(dockerfile('FROM node:24-slim', 'CMD {{ env.cmd }}'), RULE), []);
  });

  it('handles ARG-templated images and the backtick escape directive', () => {
    const text = dockerfile('# escape=`', 'ARG PY=3.12', 'FROM python:${PY}-slim', 'CMD python `', '  app.py');
    const [finding] = findingsOf(text, RULE);
    assert.equal(applyFirstFix(text, finding), dockerfile('# escape=`', 'ARG PY=3.12', 'FROM python:${PY}-slim', 'CMD ["python", "app.py"]'));
  });
});
