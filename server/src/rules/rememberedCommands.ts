// The shell parse of an instruction, remembered on the instruction: several rules ask for the
// same RUN steps' commands in one analysis, and the server's incremental parser keeps a large
// file's unchanged stages (the same instruction objects) from one keystroke to the next.
import { Instruction } from 'dockerfile-ast';
import { rememberAnswer, rememberedOn } from '../core/memo';
import { DocumentText } from './documentText';
import { SimpleCommand } from './shellWords';

interface Remembered {
  /**
   * The document's id, not the document: an instruction kept across edits must not keep every
   * earlier text of a large file alive. (A WeakRef did that too, but each one kept its target
   * alive to the end of the current job and cost the garbage collector work per analysis.)
   */
  docId: number;
  escapeChar: string;
  /** Where the instruction starts in `doc`: word offsets are document offsets. */
  start: number;
  commands: readonly SimpleCommand[];
}

/** Kept on the instruction (core/memo.ts), not in a WeakMap: see there why. */
const COMMANDS = Symbol('commands');

/**
 * `parse(instruction, doc, escapeChar)`, or the commands remembered for the instruction when
 * they still hold: the same document text, or (without a heredoc, whose body the parse also
 * reads) the same instruction text at the same offset of a changed document. Callers get a
 * copy of the list; the commands themselves are not changed by any caller.
 */
export function rememberedCommands(
  instruction: Instruction,
  doc: DocumentText,
  escapeChar: string,
  parse: (instruction: Instruction, doc: DocumentText, escapeChar: string) => SimpleCommand[],
): readonly SimpleCommand[] {
  const known = rememberedOn<Remembered>(instruction, COMMANDS);
  if (known && known.docId === doc.id && known.escapeChar === escapeChar) {
    return known.commands;
  }
  const start = doc.offsetAt(instruction.getRange().start);
  // The instruction's own text (no slice of the document kept: it would keep the whole text alive).
  const source = instruction.getTextContent();
  if (known && known.escapeChar === escapeChar && known.start === start && doc.text.startsWith(source, start) && !source.includes('<<')) {
    known.docId = doc.id;
    return known.commands;
  }
  const commands = parse(instruction, doc, escapeChar);
  rememberAnswer<Remembered>(instruction, COMMANDS, { docId: doc.id, escapeChar, start, commands });
  return commands;
}
