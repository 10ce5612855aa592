// Cheaper equivalents of two checks dockerfile-ast makes on its hot path, installed once (as
// parse.ts tunes the instruction classes). Profiled on median corpus files, they were about 5%
// of an analysis:
// - `Range.create(start, end)` (vscode-languageserver-types) tests its arguments with
//   `Object.prototype.toString.call` five times: first whether they are numbers, then whether
//   they are positions. dockerfile-ast calls it for every word, variable and line it finds.
// - `Util.isUTF8BOM(char)` encodes the text's first character to UTF-8 bytes, twice per parse.
// - `getVariables()` cuts each argument out of the document and scans it for `$`, and the
//   validator asks every instruction; most have no `$` at all.
import { Instruction } from 'dockerfile-ast';
import { Util } from 'dockerfile-ast/lib/util';
import { Range } from 'vscode-languageserver-types';

const MAX_UINTEGER = 2147483647;

function isUinteger(value: unknown): boolean {
  return typeof value === 'number' && value >= 0 && value <= MAX_UINTEGER;
}

/** What `Position.is` answers for a plain object: a line and a character that are uintegers. */
function isPlainPosition(value: unknown): value is { line: number; character: number } {
  return typeof value === 'object' && value !== null && isUinteger((value as { line?: unknown }).line) && isUinteger((value as { character?: unknown }).character);
}

export function useCheaperChecks(): void {
  const create = Range.create;
  const getVariables = Instruction.prototype.getVariables;
  if (typeof create !== 'function' || typeof getVariables !== 'function' || typeof Util.isUTF8BOM !== 'function') {
    return; // other library versions: keep their own checks
  }
  // Two positions give `{ start, end }` as before; any other arguments (four numbers, or
  // something invalid, which throws) go to the library's own function.
  (Range as { create: unknown }).create = function (one: unknown, two: unknown, three?: unknown, four?: unknown) {
    if (isPlainPosition(one) && isPlainPosition(two)) {
      return { start: one, end: two };
    }
    return (create as (...args: unknown[]) => unknown)(one, two, three, four);
  };
  // The UTF-8 form of a string starts with EF BB BF exactly when its first UTF-16 unit is U+FEFF
  // (a lone surrogate encodes as EF BF BD).
  Util.isUTF8BOM = (char: string) => char.charCodeAt(0) === 0xfeff;
  // Every variable starts at a `$` of an argument, and the arguments are cut from the
  // instruction's text (a LABEL's own getVariables only removes some from its parent's list).
  Instruction.prototype.getVariables = function (this: Instruction) {
    return this.getTextContent().includes('$') ? getVariables.call(this) : [];
  };
}
