import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Instruction } from 'dockerfile-ast';
import { Util } from 'dockerfile-ast/lib/util';
import { Range } from 'vscode-languageserver-types';
import { parseDockerfile } from '../../server/src/core/parse';

describe('cheaperChecks (installed with core/parse)', () => {
  it("is the Range.create dockerfile-ast's own copy of vscode-languageserver-types calls", () => {
    parseDockerfile('FROM a\n');
    const fromAst = createRequire(require.resolve('dockerfile-ast'))('vscode-languageserver-types') as { Range: typeof Range };
    assert.equal(fromAst.Range.create, Range.create);
    assert.match(Range.create.toString(), /isPlainPosition/);
  });

  it('answers as the library does: two positions as they are, four numbers as new positions, anything else throws', () => {
    const start = { line: 1, character: 2 };
    const end = { line: 3, character: 0 };
    const range = Range.create(start, end);
    assert.deepEqual(range, { start, end });
    assert.equal(range.start, start);
    assert.equal(range.end, end);
    assert.deepEqual(Range.create(1, 2, 3, 4), { start: { line: 1, character: 2 }, end: { line: 3, character: 4 } });
    assert.throws(() => Range.create({ line: -1, character: 0 }, end), /Range#create called with invalid arguments/);
    assert.throws(() => Range.create({ line: 1 } as never, end), /Range#create called with invalid arguments/);
    assert.throws(() => Range.create(1, 2, 3, -4), /Range#create called with invalid arguments/);
  });

  it('finds a byte order mark only in U+FEFF, as its UTF-8 bytes would', () => {
    assert.equal(Util.isUTF8BOM('\ufeff'), true);
    for (const char of ['', 'F', '\ud800', '\ufffe', 'ï']) {
      const bytes = Buffer.from(char, 'utf8');
      assert.equal(Util.isUTF8BOM(char), bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, JSON.stringify(char));
      assert.equal(Util.isUTF8BOM(char), false);
    }
  });

  it('finds variables only in instructions with a `$`, without scanning the others', () => {
    const text = 'FROM alpine\nRUN echo hi \\\n  && echo "$HOME" ${A:-b}\nLABEL a=\'$X\' b=$Y\nWORKDIR /app\n';
    const [from, run, label, workdir] = parseDockerfile(text).getInstructions();
    const proto = Instruction.prototype as unknown as { parseVariables: (...args: unknown[]) => unknown };
    const original = proto.parseVariables;
    let scans = 0;
    proto.parseVariables = function (...args: unknown[]) {
      scans++;
      return original.apply(this, args);
    };
    try {
      assert.deepEqual(from.getVariables(), []);
      assert.deepEqual(workdir.getVariables(), []);
      assert.equal(scans, 0);
      assert.deepEqual(run.getVariables().map((v) => [v.getName(), v.getModifier(), v.getRange().start]), [
        ['HOME', null, { line: 2, character: 11 }],
        ['A', '-', { line: 2, character: 18 }],
      ]);
      assert.deepEqual(label.getVariables().map((v) => v.getName()), ['Y']);
      assert.ok(scans > 0);
    } finally {
      proto.parseVariables = original;
    }
  });
});
