// Quick fixes that silence a rule with a comment: on the instruction (`# stagecraft-ignore`)
// or for the whole file (`# stagecraft-ignore-file`), kept after parser directives.
import { StageModel } from '../core/stages';
import { TextEdit } from '../core/types';
import { LineDocument } from './textEdits';

export function ignoreOnInstructionEdit(model: StageModel, text: string, ruleId: string, line: number): TextEdit | undefined {
  const instruction = model.dockerfile.getInstructions().find((i) => i.getRange().start.line <= line && i.getRange().end.line >= line);
  if (!instruction) {
    return undefined;
  }
  const start = instruction.getRange().start.line;
  const lines = new LineDocument(text);
  const indentation = /^\s*/.exec(lines.lines[start] ?? '')?.[0] ?? '';
  return {
    range: { start: { line: start, character: 0 }, end: { line: start, character: 0 } },
    newText: `${indentation}# stagecraft-ignore ${ruleId}${lines.eol}`,
  };
}

export function ignoreInFileEdit(model: StageModel, text: string, ruleId: string): TextEdit {
  // Parser directives must stay first: insert after the last one.
  const directives = model.dockerfile.getDirectives();
  const line = directives.length > 0 ? directives[directives.length - 1].getRange().end.line + 1 : 0;
  const { eol } = new LineDocument(text);
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `# stagecraft-ignore-file ${ruleId}${eol}`,
  };
}
