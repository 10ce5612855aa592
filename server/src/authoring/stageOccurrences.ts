// Every place a stage is named or used: its `AS name`, `FROM <stage>`, `COPY --from=`,
// `ADD --from=`, `RUN --mount=...,from=` (by name or by index) and the target directive. One
// list serves references, highlights, rename, go to definition, the code lens, the graph and the
// stage hover's "Used by" list.
import { Stage, StageModel, sameStageName } from '../core/stages';
import { Position, Range, comparePositions } from '../core/types';

export type OccurrenceKind =
  /** `FROM image AS <name>`. */
  | 'definition'
  /** `FROM <stage>`: a stage built on another. */
  | 'base'
  /** `COPY --from=` or `ADD --from=`. */
  | 'copy'
  /** `RUN --mount=...,from=`. */
  | 'mount'
  /** `# stagecraft: target=<stage>`. */
  | 'target';

export interface StageOccurrence {
  stage: Stage;
  kind: OccurrenceKind;
  range: Range;
  /** `--from=0`: names the stage by its index, so a rename leaves it alone. */
  byIndex: boolean;
  /**
   * False for a `FROM ${BASE}` resolved from an ARG: the hover counts it as a use, but the text
   * does not name the stage, so references, the code lens and rename cannot follow it.
   */
  navigable: boolean;
  /** The stage whose instruction holds it (none for the target directive). */
  user: Stage | undefined;
  /** The keyword of the instruction that holds it (`FROM`, `COPY`, `ADD`, `RUN`); none for the target directive. */
  keyword: string | undefined;
}

const occurrencesByModel = new WeakMap<StageModel, StageOccurrence[]>();

/**
 * All occurrences in document order, the ones navigation cannot follow included, remembered per
 * model (a code lens asks for every stage).
 */
export function stageOccurrences(model: StageModel): StageOccurrence[] {
  let occurrences = occurrencesByModel.get(model);
  if (!occurrences) {
    occurrences = collectOccurrences(model);
    occurrencesByModel.set(model, occurrences);
  }
  return occurrences;
}

function navigableOccurrences(model: StageModel): StageOccurrence[] {
  return stageOccurrences(model).filter((occurrence) => occurrence.navigable);
}

function collectOccurrences(model: StageModel): StageOccurrence[] {
  const occurrences: StageOccurrence[] = [];
  const directive = model.targetDirective;
  const shipped = directive && model.stages.find((stage) => stage.name !== undefined && sameStageName(stage.name, directive.name));
  if (directive && shipped) {
    occurrences.push({ stage: shipped, kind: 'target', range: directive.range, byIndex: false, navigable: true, user: undefined, keyword: undefined });
  }
  for (const stage of model.stages) {
    if (stage.name !== undefined && stage.nameRange) {
      occurrences.push({ stage, kind: 'definition', range: stage.nameRange, byIndex: false, navigable: true, user: stage, keyword: 'FROM' });
    }
    if (stage.base.kind === 'stage') {
      const imageRange = stage.from.getImageRange();
      // Only a base written as the stage's name is navigable: `FROM ${BASE}` resolved from an ARG
      // is not a use a rename could follow.
      const navigable = imageRange !== undefined && stage.from.getImage() === stage.baseText;
      const range = imageRange ?? stage.from.getRange();
      occurrences.push({ stage: stage.base.stage, kind: 'base', range, byIndex: false, navigable, user: stage, keyword: 'FROM' });
    }
    for (const reference of stage.references) {
      if (reference.target) {
        const keyword = reference.instruction.getKeyword();
        const kind = keyword === 'RUN' ? 'mount' : 'copy';
        const byIndex = /^\d+$/.test(reference.value);
        occurrences.push({ stage: reference.target, kind, range: reference.valueRange, byIndex, navigable: true, user: stage, keyword });
      }
    }
  }
  return occurrences;
}

/** The occurrence under the cursor (its end counts: the cursor is often just after a word). */
export function occurrenceAt(model: StageModel, position: Position): StageOccurrence | undefined {
  return navigableOccurrences(model).find(
    (occurrence) => comparePositions(occurrence.range.start, position) <= 0 && comparePositions(position, occurrence.range.end) <= 0,
  );
}

/** Every occurrence of one stage, its definition first when it has one. */
export function occurrencesOf(model: StageModel, stage: Stage): StageOccurrence[] {
  const all = navigableOccurrences(model).filter((occurrence) => occurrence.stage === stage);
  return [...all.filter((occurrence) => occurrence.kind === 'definition'), ...all.filter((occurrence) => occurrence.kind !== 'definition')];
}

/** The uses of a stage: every occurrence but its definition. */
export function usesOf(model: StageModel, stage: Stage): StageOccurrence[] {
  return occurrencesOf(model, stage).filter((occurrence) => occurrence.kind !== 'definition');
}

/** Where a stage is defined: its name, or the whole `FROM` line of an unnamed stage. */
export function definitionRange(stage: Stage): Range {
  return stage.nameRange ?? stage.from.getRange();
}

// BuildKit's rule for stage names (dockerfile2llb: `^[a-z][a-z0-9-_.]*$`, case-insensitive).
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/i;

/** Why a new stage name cannot be used, or undefined when it can. */
export function invalidStageName(newName: string, stage: Stage, model: StageModel): string | undefined {
  if (!STAGE_NAME.test(newName)) {
    return `"${newName}" is not a valid stage name: it must start with a letter and hold only letters, digits, "-", "_" and ".".`;
  }
  const clash = model.stages.find((other) => other !== stage && other.name !== undefined && sameStageName(other.name, newName));
  if (clash) {
    return `A stage named "${clash.name}" already exists (stage names are case-insensitive).`;
  }
  return undefined;
}

/** The text edits of a stage rename: every named occurrence, not the `--from=<index>` ones. */
export function renameEdits(model: StageModel, stage: Stage, newName: string): { range: Range; newText: string }[] {
  return occurrencesOf(model, stage)
    .filter((occurrence) => !occurrence.byIndex)
    .map((occurrence) => ({ range: occurrence.range, newText: newName }));
}
