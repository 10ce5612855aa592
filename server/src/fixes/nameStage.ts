// "Name this stage": gives the unnamed stage under the cursor an `AS <name>` and rewrites the
// numeric references to it (`COPY --from=0`, `RUN --mount=...,from=0`) to use the name, so that
// inserting or reordering stages later cannot silently copy from the wrong one.
import { stageAt } from '../authoring/cursorContext';
import { Stage, StageModel, findStageByName } from '../core/stages';
import { TextEdit } from '../core/types';
import { Fix } from './fix';

export const nameStage: Fix = {
  id: 'name-stage',
  title: 'Name this stage',
  forRules: [],
  alsoAsRefactoring: true,
  compute({ model, range }) {
    const stage = range && model.stages.length > 1 ? stageAt(model, range.start.line) : undefined;
    const imageRange = stage?.from.getImageRange();
    if (!stage || stage.name !== undefined || !imageRange) {
      return [];
    }
    const name = freeName(model, stage);
    const edits: TextEdit[] = [{ range: { start: imageRange.end, end: imageRange.end }, newText: ` AS ${name}` }];
    let references = 0;
    for (const other of model.stages) {
      for (const reference of other.references) {
        if (reference.target === stage && /^\d+$/.test(reference.value)) {
          edits.push({ range: reference.valueRange, newText: name });
          references++;
        }
      }
    }
    const title = references > 0 ? `Name this stage "${name}" and use the name in ${references} --from reference${references === 1 ? '' : 's'}` : `Name this stage "${name}"`;
    return [{ title, edits }];
  },
};

/** `build` for a stage others copy from, `runtime` for the last one, else `stage-<index>`; never taken. */
function freeName(model: StageModel, stage: Stage): string {
  const usedByOthers = model.stages.some((other) => other.references.some((reference) => reference.target === stage));
  const base = stage === model.finalStage ? 'runtime' : usedByOthers ? 'build' : `stage-${stage.index}`;
  let name = base;
  for (let suffix = 2; findStageByName(model.stages, name); suffix++) {
    name = `${base}-${suffix}`;
  }
  return name;
}
