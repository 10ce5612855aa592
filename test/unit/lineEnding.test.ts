// Edits use the line ending most of the file uses, so a fix does not mix styles further.
import * as assert from 'node:assert/strict';
import { lineEnding } from '../../server/src/core/lineEnding';
import { analyze, applyEdits } from './helpers';

describe('lineEnding', () => {
  it('is LF for LF files, files without line breaks and empty text', () => {
    assert.equal(lineEnding('FROM a\nRUN b\n'), '\n');
    assert.equal(lineEnding('FROM a'), '\n');
    assert.equal(lineEnding(''), '\n');
  });

  it('is CRLF for CRLF files', () => {
    assert.equal(lineEnding('FROM a\r\nRUN b\r\n'), '\r\n');
  });

  it('follows the majority in a mixed file', () => {
    assert.equal(lineEnding('FROM a\nRUN b\r\nRUN c\nRUN d\n'), '\n');
    assert.equal(lineEnding('FROM a\r\nRUN b\nRUN c\r\nRUN d\r\n'), '\r\n');
  });

  it('does not count a lone CR as a line break', () => {
    assert.equal(lineEnding('FROM a\rRUN b\r\n'), '\r\n');
  });
});

describe('a quick fix on a mostly-LF file with one CRLF line', () => {
  it('inserts LF line breaks only', () => {
    const text = 'FROM node:22 AS build\nWORKDIR /app\r\nCOPY . .\nRUN npm ci\n\nFROM gcr.io/distroless/nodejs22-debian13\nCOPY --from=build /app /app\nCMD ["/app/index.js"]\n';
    const finding = analyze(text, { today: '2026-12-06' }).findings.find((f) => f.ruleId === 'runtime-runs-as-root');
    assert.ok(finding?.fixes?.[0], 'the USER fix is offered');
    const fixed = applyEdits(text, finding.fixes[0].edits);
    assert.match(fixed, /USER /);
    assert.equal(fixed.split('\r\n').length - 1, 1, 'only the line that had CRLF keeps it');
  });
});
