// Quick fixes that silence a rule with a comment: on the instruction (`# stagecraft-ignore`)
// or for the whole file (`# stagecraft-ignore-file`), kept after parser directives.
import { lineEnding } from '../core/lineEnding';
import { StageModel } from '../core/stages';
import { TextEdit } from '../core/types';
import { documentText } from '../rules/documentText';

export function ignoreOnInstructionEdit(model: StageModel, text: string, ruleId: string, line: number): TextEdit | undefined {
  const instruction = model.dockerfile.getInstructions().find((i) => i.getRange().start.line <= line && i.getRange().end.line >= line);
  if (!instruction) {
    return undefined;
  }
  const start = instruction.getRange().start.line;
  // Offered on every finding: reading one line through the shared offsets keeps this cheap on a
  // large file (a LineDocument per finding split a 1 MB text a hundred times).
  const leading = /[ \t]*/y;
  leading.lastIndex = documentText(text).offsetAt({ line: start, character: 0 });
  const indentation = leading.exec(text)?.[0] ?? '';
  return {
    range: { start: { line: start, character: 0 }, end: { line: start, character: 0 } },
    newText: `${indentation}# stagecraft-ignore ${ruleId}${lineEnding(text)}`,
  };
}

export function ignoreInFileEdit(model: StageModel, text: string, ruleId: string): TextEdit {
  // Parser directives must stay first: insert after the last one.
  const directives = model.dockerfile.getDirectives();
  const line = directives.length > 0 ? directives[directives.length - 1].getRange().end.line + 1 : 0;
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `# stagecraft-ignore-file ${ruleId}${lineEnding(text)}`,
  };
}
