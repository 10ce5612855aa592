import * as assert from 'node:assert/strict';
import { DEFAULT_MAX_FILE_LENGTH, FILE_NOT_ANALYZED, MAX_LINE_LENGTH, analyzeDockerfile } from '../../server/src/core/analyze';
import { ALL_FIXES } from '../../server/src/fixes';
import { dockerfile } from './helpers';

/** Every fix must also survive the input without throwing. */
function analyzeAndFix(text: string) {
  const analysis = analyzeDockerfile(text);
  for (const fix of ALL_FIXES) {
    if (analysis.model) {
      fix.compute({ model: analysis.model, text });
    }
  }
  return analysis;
}

describe('bad input', () => {
  it('handles an empty file and whitespace', () => {
    assert.deepEqual(analyzeAndFix('').findings, []);
    assert.deepEqual(analyzeAndFix('\n\n   \t\n').findings, []);
  });

  it('refuses binary junk with a clear message', () => {
    const junk = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
    const { findings, model } = analyzeAndFix(junk);
    assert.equal(model, undefined);
    assert.equal(findings[0].ruleId, FILE_NOT_ANALYZED);
    assert.match(findings[0].message, /binary/);
  });

  it('refuses a file with a line longer than MAX_LINE_LENGTH, naming the limit, and analyses one just under it', () => {
    const refused = analyzeDockerfile('FROM python:3.12\nRUN echo' + ' b'.repeat(MAX_LINE_LENGTH / 2) + '\n');
    assert.equal(refused.model, undefined);
    assert.match(refused.findings[0].message, /a line of 200,0\d\d characters, more than the limit of 200,000/);
    const analysed = analyzeDockerfile('FROM python:3.12\nRUN echo' + ' b'.repeat(MAX_LINE_LENGTH / 2 - 10) + '\n');
    assert.ok(analysed.model);
  });

  it('refuses a file over the size limit, naming the limit', () => {
    const big = 'FROM python:3.12\n' + 'RUN echo hello world\n'.repeat(30_000);
    const { findings } = analyzeDockerfile(big, { maxFileLength: 500_000 });
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /more than the limit of 500,000/);
    assert.match(analyzeDockerfile('x'.repeat(DEFAULT_MAX_FILE_LENGTH + 1)).findings[0].message, /more than the limit of 5,000,000/);
  });

  it('analyses a large file under the limit', function () {
    this.timeout(20_000); // a robustness check, not a timing one: CI machines may be busy
    const large = 'FROM python:3.12\n' + 'RUN echo hello world\n'.repeat(20_000);
    const ids = analyzeAndFix(large).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('single-stage-build') && ids.includes('runtime-not-distroless'), ids.join(', '));
  });

  it('analyses a file with thousands of stages', function () {
    this.timeout(20_000);
    const stages = Array.from({ length: 3000 }, (_, i) => `FROM golang:1.24 AS s${i}\nRUN go build -o /a${i}\n`).join('');
    const ids = analyzeAndFix(stages).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('unused-stage'), 'every stage but the last is unused');
  });

  it('survives an unterminated heredoc', () => {
    const text = dockerfile('# syntax=docker/dockerfile:1', 'FROM golang:1.23', 'RUN <<EOF', 'go build -o /app .', 'COPY . .');
    assert.doesNotThrow(() => analyzeAndFix(text));
  });

  it('survives broken instructions and odd encodings', () => {
    for (const text of [
      'FROM',
      'FROM --platform=',
      'FROM a AS',
      'COPY --from= a b',
      'RUN --mount=from',
      '\uFEFFFROM python:3.12\nCMD x',
      'FROM python:3.12\r\nCMD ["x"\r\n',
      '\\\n\\\n',
      'FROM ${',
      'FROM $'.repeat(1000),
      'ONBUILD FROM x',
      '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver\nRUN dir `\n  c:\\',
    ]) {
      assert.doesNotThrow(() => analyzeAndFix(text), JSON.stringify(text.slice(0, 40)));
    }
  });

  it('reads a file with a byte order mark like one without', () => {
    const withBom = analyzeAndFix('\uFEFFFROM python:3.12\nCMD ["x"]\n').findings.map((f) => f.ruleId);
    const without = analyzeAndFix('FROM python:3.12\nCMD ["x"]\n').findings.map((f) => f.ruleId);
    assert.deepEqual(withBom, without);
  });
});
