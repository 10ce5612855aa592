// The lines shown above each `FROM`: how many places use the stage, whether it ships, and
// "not used by the shipped stage" where nothing the shipped stage needs reaches it (a test or
// dev stage built with --target is fine; a forgotten builder is worth knowing about).
import { Stage, StageModel } from '../core/stages';
import { Range } from '../core/types';
import { stagesNeededBy } from '../rules/stageGraph';
import { definitionRange, usesOf } from './stageOccurrences';

export interface StageLens {
  range: Range;
  title: string;
  /** For the "N references" lens: where the stage is defined and the places that use it. */
  references?: { definition: Range; uses: Range[] };
}

export function stageLenses(model: StageModel, shipped: Stage | undefined): StageLens[] {
  const needed = shipped ? stagesNeededBy([shipped], model.stages) : undefined;
  const lenses: StageLens[] = [];
  for (const stage of model.stages) {
    const range = stage.from.getRange();
    // The directive is not a use: it only says which stage ships.
    const uses = usesOf(model, stage).filter((occurrence) => occurrence.kind !== 'target');
    lenses.push(
      uses.length === 0
        ? { range, title: 'no references' }
        : {
            range,
            title: `${uses.length} ${uses.length === 1 ? 'reference' : 'references'}`,
            references: { definition: definitionRange(stage), uses: uses.map((use) => use.range) },
          },
    );
    if (stage === shipped) {
      lenses.push({ range, title: shippedTitle(model, stage) });
    } else if (needed && !needed.has(stage)) {
      lenses.push({ range, title: `not used by the shipped stage${shipped?.name ? ` "${shipped.name}"` : ''}` });
    }
  }
  return lenses;
}

function shippedTitle(model: StageModel, stage: Stage): string {
  if (model.targetDirective && stage !== model.finalStage) {
    return 'shipped (stagecraft: target)';
  }
  return stage === model.finalStage ? 'shipped (the last stage)' : 'shipped (the target setting)';
}
