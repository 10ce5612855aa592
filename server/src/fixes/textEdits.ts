// Line-based editing of a document's text, and turning a rewritten text into one minimal edit
// (one undo step, and a preview that shows only what changed).
import { lineEnding } from '../core/lineEnding';
import { TextEdit } from '../core/types';
import { documentText } from '../rules/documentText';

export class LineDocument {
  readonly lines: string[];
  readonly eol: string;
  readonly endsWithNewline: boolean;

  constructor(text: string) {
    this.eol = lineEnding(text);
    this.endsWithNewline = /\r?\n$/.test(text);
    const body = this.endsWithNewline ? text.replace(/\r?\n$/, '') : text;
    this.lines = body.split(/\r?\n/);
  }

  join(lines: readonly string[]): string {
    return lines.join(this.eol) + (this.endsWithNewline || lines.length > 0 ? this.eol : '');
  }
}

/** A single edit that turns `before` into `after`, spanning only the lines that differ. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) {
    return undefined;
  }
  let prefix = 0;
  const limit = Math.min(before.length, after.length);
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) {
    prefix++;
  }
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Widen to whole lines so the edit and its preview read naturally.
  const start = prefix === 0 ? 0 : before.lastIndexOf('\n', prefix - 1) + 1;
  const beforeEnd = lineEndAfter(before, before.length - suffix);
  const afterEnd = after.length - (before.length - beforeEnd);
  return {
    range: { start: positionAt(before, start), end: positionAt(before, beforeEnd) },
    newText: after.slice(start, afterEnd),
  };
}

function lineEndAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') {
    return offset;
  }
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/**
 * `text` with non-overlapping `edits` applied (for the CLI, which has no editor to do it). Applied
 * from the end; inserts at one position appear in the order of `edits`, as LSP says (a flag added
 * to `npm install` and a `&& npm cache clean` appended there both insert after its last word).
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const doc = documentText(text);
  const ordered = edits
    .map((edit, index) => ({ index, start: doc.offsetAt(edit.range.start), end: doc.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start || b.index - a.index);
  let result = text;
  for (const edit of ordered) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}
