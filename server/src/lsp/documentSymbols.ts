// The outline: one symbol per stage (named by its `AS` name, its instructions inside), global
// ARGs above them. dockerfile-language-service lists instructions flat, without stages; it
// still answers clients that cannot show a hierarchy.
import { Arg, Instruction } from 'dockerfile-ast';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver/node';
import { StageModel } from '../core/stages';

const DETAIL_LENGTH = 60;

export function stageOutline(model: StageModel): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = model.preamble.map(instructionSymbol);
  for (const stage of model.stages) {
    const from = stage.from.getRange();
    const last = stage.instructions[stage.instructions.length - 1]?.getRange() ?? from;
    const range = { start: from.start, end: last.end };
    symbols.push({
      name: stage.name ?? `stage ${stage.index}`,
      detail: `FROM ${stage.from.getImage() ?? ''}`,
      kind: SymbolKind.Module,
      range,
      selectionRange: stage.nameRange ?? stage.from.getImageRange() ?? stage.from.getInstructionRange(),
      children: stage.instructions.map(instructionSymbol),
    });
  }
  return symbols;
}

function instructionSymbol(instruction: Instruction): DocumentSymbol {
  const keyword = instruction.getKeyword();
  const variable = instruction instanceof Arg ? instruction.getProperty() : null;
  const text = instruction.getArgumentsContent() ?? '';
  const detail = text.length > DETAIL_LENGTH ? `${text.slice(0, DETAIL_LENGTH - 1)}…` : text;
  return {
    name: variable ? variable.getName() : keyword,
    detail: variable ? 'ARG' : detail.replace(/\s+/g, ' '),
    kind: variable ? SymbolKind.Variable : SymbolKind.Function,
    range: instruction.getRange(),
    selectionRange: variable ? variable.getNameRange() : instruction.getInstructionRange(),
  };
}
