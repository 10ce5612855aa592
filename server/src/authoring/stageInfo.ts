// Where a stage is defined and where later stages use it (`FROM <stage>`, `COPY --from=`,
// `RUN --mount=from=`), for hovers and completion items on stage names.
import { Stage, StageModel } from '../core/stages';
import { Range } from '../core/types';

export interface StageUse {
  /** The stage that uses it. */
  user: Stage;
  how: 'FROM' | 'COPY --from' | 'ADD --from' | 'RUN --mount from';
  range: Range;
}

export function stageUses(model: StageModel, stage: Stage): StageUse[] {
  const uses: StageUse[] = [];
  for (const other of model.stages) {
    if (other.base.kind === 'stage' && other.base.stage === stage) {
      uses.push({ user: other, how: 'FROM', range: other.from.getImageRange() ?? other.from.getRange() });
    }
    for (const reference of other.references) {
      if (reference.target === stage) {
        const keyword = reference.instruction.getKeyword();
        const how = keyword === 'RUN' ? 'RUN --mount from' : keyword === 'ADD' ? 'ADD --from' : 'COPY --from';
        uses.push({ user: other, how, range: reference.valueRange });
      }
    }
  }
  return uses.sort((a, b) => a.range.start.line - b.range.start.line);
}

/** `build` or `stage 0` (unnamed stages are referred to by index). */
export function stageLabel(stage: Stage): string {
  return stage.name ?? String(stage.index);
}

/** Markdown: the stage, its base, where it is defined and used, and whether it ships. */
export function describeStage(model: StageModel, stage: Stage, runtimeStage: Stage | undefined): string {
  const line = stage.from.getRange().start.line + 1;
  const title = stage.name ? `Stage \`${stage.name}\`` : `Stage ${stage.index} (unnamed)`;
  const position = `index ${stage.index}, ${ordinal(stage.index + 1)} of ${model.stages.length} stages`;
  const parts = [`**${title}** (${position})${stage === runtimeStage ? ' — the stage that ships' : ''}`];
  const base = stage.base.kind === 'stage' ? `stage \`${stageLabel(stage.base.stage)}\`` : `\`${stage.baseText || '?'}\``;
  parts.push(`Defined on line ${line}: \`FROM ${stage.from.getImage() ?? ''}${stage.name ? ` AS ${stage.name}` : ''}\` (based on ${base}).`);
  const uses = stageUses(model, stage);
  if (uses.length === 0) {
    parts.push(stage === runtimeStage ? 'Not used by another stage.' : 'Not used by any later stage: `docker build` skips it unless it is the `--target`.');
  } else {
    parts.push(['Used by:', ...uses.map((use) => `- line ${use.range.start.line + 1}: \`${use.how}\` in ${use.user.name ? `stage \`${use.user.name}\`` : `stage ${use.user.index}`}`)].join('\n'));
  }
  return parts.join('\n\n');
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
