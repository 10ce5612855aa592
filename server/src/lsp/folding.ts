// Folding: dockerfile-language-service folds multi-line instructions and comment blocks; we add
// one range per stage (its FROM to its last instruction), which it does not have.
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver/node';
import { StageModel } from '../core/stages';

export function stageFoldingRanges(model: StageModel): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const stage of model.stages) {
    const startLine = stage.from.getRange().start.line;
    const last = stage.instructions[stage.instructions.length - 1];
    const endLine = last ? last.getRange().end.line : stage.from.getRange().end.line;
    if (endLine > startLine) {
      ranges.push({ startLine, endLine, kind: FoldingRangeKind.Region });
    }
  }
  return ranges;
}

/** Stage ranges win where a range of the service starts on the same line (a FROM over several lines). */
export function mergeFoldingRanges(service: readonly FoldingRange[], stages: readonly FoldingRange[]): FoldingRange[] {
  const stageStarts = new Set(stages.map((range) => range.startLine));
  return [...stages, ...service.filter((range) => !stageStarts.has(range.startLine))].sort((a, b) => a.startLine - b.startLine);
}
