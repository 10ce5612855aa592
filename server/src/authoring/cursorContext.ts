// What the cursor is on, for completion: the start of a line (where an instruction or a template
// goes), the image of a FROM, or the stage named by `COPY --from=` / `RUN --mount=...,from=`.
// Read from the text before the cursor within its instruction, so half-typed lines work.
import { Instruction } from 'dockerfile-ast';
import { Stage, StageModel } from '../core/stages';
import { Position, Range } from '../core/types';

interface BaseContext {
  /** What is typed so far of the word being completed. */
  prefix: string;
  /** From the start of the word to the cursor (what an insert replaces). */
  insertRange: Range;
  /** The whole word under the cursor (what a replace replaces). */
  replaceRange: Range;
}

export type CursorContext =
  | (BaseContext & { kind: 'lineStart'; emptyDocument: boolean })
  /** The image of a FROM; `stage` is the stage that FROM starts. */
  | (BaseContext & { kind: 'fromImage'; stage: Stage })
  /** A stage reference; `stage` is the stage the instruction is in. */
  | (BaseContext & { kind: 'stageReference'; flag: 'copy-from' | 'mount-from'; stage: Stage });

const FROM_IMAGE = /^\s*FROM\s+(?:--\S+\s+)*(\S*)$/i;
const COPY_FROM = /^\s*(?:ONBUILD\s+)?(?:COPY|ADD)\s+(?:--\S+\s+)*--from=(\S*)$/i;
const MOUNT_FROM = /^\s*(?:ONBUILD\s+)?RUN\s+(?:--\S+\s+)*--mount=(?:\S*,)?from=([^\s,]*)$/i;

export function cursorContext(text: string, model: StageModel, position: Position): CursorContext | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const line = lines[position.line];
  if (line === undefined || position.character > line.length) {
    return undefined;
  }
  const before = line.slice(0, position.character);
  const wordEnd = position.character + (/^\S*/.exec(line.slice(position.character))?.[0].length ?? 0);
  const instruction = instructionCovering(model, position.line);

  if (!instruction || instruction.getRange().start.line === position.line) {
    const keyword = /^\s*([A-Za-z]*)$/.exec(before);
    if (keyword) {
      const ranges = wordRanges(position, keyword[1].length, /^[A-Za-z]*/.exec(line.slice(position.character))?.[0].length ?? 0);
      // "Empty": no instruction yet besides the word being typed (comments and directives may be there).
      const emptyDocument = model.dockerfile.getInstructions().every((other) => other === instruction);
      return { kind: 'lineStart', prefix: keyword[1], ...ranges, emptyDocument };
    }
  }
  if (!instruction || /^\s*#/.test(before)) {
    return undefined;
  }
  // The instruction's text up to the cursor, continuation lines joined.
  const start = instruction.getRange().start;
  const escape = model.dockerfile.getEscapeCharacter();
  const upToCursor = [...lines.slice(start.line, position.line), before]
    .map((l, index) => (index === 0 ? l.slice(start.character) : l))
    .map((l, index, all) => (index < all.length - 1 && l.endsWith(escape) ? l.slice(0, -1) : l))
    .join(' ');
  const stage = stageAt(model, position.line);
  const keyword = instruction.getKeyword();
  const fromImage = keyword === 'FROM' ? FROM_IMAGE.exec(upToCursor) : null;
  if (fromImage && before.endsWith(fromImage[1]) && !/^[-$]/.test(fromImage[1])) {
    const fromStage = model.stages.find((s) => s.from === instruction);
    return fromStage ? { kind: 'fromImage', prefix: fromImage[1], ...wordRanges(position, fromImage[1].length, wordEnd - position.character), stage: fromStage } : undefined;
  }
  if (!stage) {
    return undefined;
  }
  const copyFrom = COPY_FROM.exec(upToCursor);
  if (copyFrom && before.endsWith(copyFrom[1])) {
    return { kind: 'stageReference', flag: 'copy-from', prefix: copyFrom[1], ...wordRanges(position, copyFrom[1].length, wordEnd - position.character), stage };
  }
  const mountFrom = MOUNT_FROM.exec(upToCursor);
  if (mountFrom && before.endsWith(mountFrom[1])) {
    const rest = /^[^\s,]*/.exec(line.slice(position.character))?.[0].length ?? 0;
    return { kind: 'stageReference', flag: 'mount-from', prefix: mountFrom[1], ...wordRanges(position, mountFrom[1].length, rest), stage };
  }
  return undefined;
}

function wordRanges(position: Position, before: number, after: number): { insertRange: Range; replaceRange: Range } {
  const start = { line: position.line, character: position.character - before };
  return {
    insertRange: { start, end: position },
    replaceRange: { start, end: { line: position.line, character: position.character + after } },
  };
}

/** The instruction whose lines include `line` (continuations and heredocs included). */
function instructionCovering(model: StageModel, line: number): Instruction | undefined {
  return model.dockerfile.getInstructions().find((instruction) => {
    const range = instruction.getRange();
    return range.start.line <= line && line <= range.end.line;
  });
}

/** The stage whose lines include `line`: the last one whose FROM starts at or above it. */
export function stageAt(model: StageModel, line: number): Stage | undefined {
  let found: Stage | undefined;
  for (const stage of model.stages) {
    if (stage.from.getRange().start.line <= line) {
      found = stage;
    }
  }
  return found;
}
