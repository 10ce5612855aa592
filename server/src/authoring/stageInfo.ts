// Where a stage is defined and where later stages use it (`FROM <stage>`, `COPY --from=`,
// `RUN --mount=from=`), for hovers and completion items on stage names.
import { Stage, StageModel } from '../core/stages';
import { Range } from '../core/types';
import { stageOccurrences } from './stageOccurrences';

export interface StageUse {
  /** The stage that uses it. */
  user: Stage;
  how: 'FROM' | 'COPY --from' | 'ADD --from' | 'RUN --mount from';
  range: Range;
}

/**
 * The uses of a stage by other stages, from the same occurrences navigation reads; unlike
 * navigation, it counts a `FROM ${BASE}` resolved from an ARG (a use, though not a renamable one).
 */
export function stageUses(model: StageModel, stage: Stage): StageUse[] {
  const uses: StageUse[] = [];
  for (const occurrence of stageOccurrences(model)) {
    if (occurrence.stage !== stage || !occurrence.user) {
      continue;
    }
    if (occurrence.kind === 'base') {
      uses.push({ user: occurrence.user, how: 'FROM', range: occurrence.range });
    } else if (occurrence.kind === 'copy' || occurrence.kind === 'mount') {
      const how = occurrence.keyword === 'RUN' ? 'RUN --mount from' : occurrence.keyword === 'ADD' ? 'ADD --from' : 'COPY --from';
      uses.push({ user: occurrence.user, how, range: occurrence.range });
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
