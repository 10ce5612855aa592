// dockerfile-ast's parser builds every instruction that has arguments twice: once at the end of
// its line, only to look for heredocs (`<<EOF`) in its arguments, and again, with the same
// positions, for the tree. Building one (its argument scan, JSON form, positions) was about a
// tenth of an analysis of a median corpus file, so the second request gets the first instance.
import { Dockerfile, Instruction } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';

type CreateInstruction = (this: Parser, dockerfile: Dockerfile, instruction: string, start: number, instructionEnd: number, end: number) => Instruction;

/** The parser's last instruction and the request it answered. */
interface Created {
  dockerfile: Dockerfile;
  instruction: string;
  start: number;
  instructionEnd: number;
  end: number;
  created: Instruction;
}

const LAST_CREATED = Symbol('stagecraft.lastCreated');

interface Remembering {
  [LAST_CREATED]?: Created;
}

/**
 * Installed once. The instance is reused only for the very next request with the same arguments
 * (the heredoc look creates nothing else meanwhile); a heredoc makes the line end later, so that
 * instruction is built again as before. The last instruction is kept on the parser object, which
 * dies with the parse, so no module-level reference keeps a tree alive.
 */
export function createEachInstructionOnce(): void {
  const methods = Parser.prototype as unknown as { createInstruction: CreateInstruction };
  const create = methods.createInstruction;
  if (typeof create !== 'function') {
    return; // another dockerfile-ast: parse as it does
  }
  methods.createInstruction = function (this: Parser, dockerfile, instruction, start, instructionEnd, end) {
    const parser = this as Remembering;
    const last = parser[LAST_CREATED];
    parser[LAST_CREATED] = undefined;
    if (
      last !== undefined &&
      last.dockerfile === dockerfile &&
      last.instruction === instruction &&
      last.start === start &&
      last.instructionEnd === instructionEnd &&
      last.end === end
    ) {
      return last.created;
    }
    const created = create.call(this, dockerfile, instruction, start, instructionEnd, end);
    parser[LAST_CREATED] = { dockerfile, instruction, start, instructionEnd, end, created };
    return created;
  };
}
