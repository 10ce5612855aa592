// The shell parse of an instruction, remembered on the instruction: several rules ask for the
// same RUN steps' commands in one analysis, and the server's incremental parser keeps a large
// file's unchanged stages (the same instruction objects) from one keystroke to the next.
import { Instruction } from 'dockerfile-ast';
import { DocumentText } from './documentText';
import { SimpleCommand } from './shellWords';

interface Remembered {
  /** Weak: an instruction kept across edits must not keep every earlier text of a large file alive. */
  doc: WeakRef<DocumentText>;
  escapeChar: string;
  /** Where the instruction starts in `doc`: word offsets are document offsets. */
  start: number;
  commands: readonly SimpleCommand[];
}

const remembered = new WeakMap<Instruction, Remembered>();

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
  const known = remembered.get(instruction);
  if (known && known.doc.deref() === doc && known.escapeChar === escapeChar) {
    return known.commands;
  }
  const start = doc.offsetAt(instruction.getRange().start);
  // The instruction's own text (no slice of the document kept: it would keep the whole text alive).
  const source = instruction.getTextContent();
  if (known && known.escapeChar === escapeChar && known.start === start && doc.text.startsWith(source, start) && !source.includes('<<')) {
    known.doc = new WeakRef(doc);
    return known.commands;
  }
  const commands = parse(instruction, doc, escapeChar);
  remembered.set(instruction, { doc: new WeakRef(doc), escapeChar, start, commands });
  return commands;
}
