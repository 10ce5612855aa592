// Offsets and LSP positions for one document text, and the ranges of shell words in it.
import { Position, Range } from '../core/types';
import { ShellWord } from './shellWords';

let lastDocumentId = 0;

/** Offsets ↔ positions for one document text (lines end at \n, \r\n or \r, as in LSP). */
export class DocumentText {
  private readonly lineStarts: number[] = [0];
  /** Unique per DocumentText (never reused): lets a cache know its document without holding it. */
  readonly id = ++lastDocumentId;

  constructor(readonly text: string) {
    if (!text.includes('\r')) {
      // The common case, found by indexOf: a character loop cost milliseconds on large files.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
        this.lineStarts.push(i + 1);
      }
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  offsetAt(position: Position): number {
    const start = this.lineStarts[position.line] ?? this.text.length;
    return Math.min(start + position.character, this.text.length);
  }

  positionAt(offset: number): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: offset - this.lineStarts[low] };
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  wordRange(word: ShellWord): Range {
    return this.rangeOf(word.start, word.end);
  }
}

let cached: DocumentText | undefined;

/** The `DocumentText` of `text`, reused while rules look at the same document. */
export function documentText(text: string): DocumentText {
  if (cached?.text !== text) {
    cached = new DocumentText(text);
  }
  return cached;
}
