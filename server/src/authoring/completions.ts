// Stagecraft's own completion proposals, as plain data: templates at the start of a line,
// runtime images (ranked for the stage that ships) and earlier stages in FROM, and stage names
// in `COPY --from=` and `RUN --mount=...,from=`. The LSP layer turns them into CompletionItems
// and merges them with the everyday proposals of dockerfile-language-service.
import { lookupImage } from '../catalog/catalog';
import { suggestRuntimeImage } from '../catalog/suggestions';
import { imageSummary, describeImage } from '../catalog/describe';
import { RuntimeImage, runtimeImages } from '../catalog/runtimeImages';
import { parseImageReference } from '../core/imageReference';
import { Stage, StageModel, resolveBaseImage } from '../core/stages';
import { Range } from '../core/types';
import { CursorContext, cursorContext } from './cursorContext';
import { describeStage, stageLabel } from './stageInfo';
import { Template } from './templates';

export type ProposalKind = 'template' | 'image' | 'stage';

export interface Proposal {
  kind: ProposalKind;
  label: string;
  /** Short text beside the label. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** What is inserted; in snippet syntax when `snippet` is set. */
  insertText: string;
  snippet?: string;
  insertRange: Range;
  replaceRange: Range;
  filterText?: string;
  sortText: string;
  preselect?: boolean;
  /** Shown struck through: an image that no longer gets updates. */
  deprecated?: boolean;
  /** For images, the documentation is computed when the item is resolved (`imageDocumentation`). */
  image?: { reference: string; ships: boolean };
}

export interface CompletionOptions {
  templates: readonly Template[];
  /** YYYY-MM-DD, for end-of-support marks. */
  today: string;
  /** The stage that ships (`runtimeStageOf`); default: the last. */
  runtimeStage?: Stage;
  /**
   * Whether to propose what dockerfile-language-service (and so the Docker extensions) already
   * propose: stage names after `COPY --from=`. Off when another Dockerfile extension answers.
   */
  overlapping: boolean;
}

export function proposalsAt(text: string, model: StageModel, position: { line: number; character: number }, options: CompletionOptions): Proposal[] {
  const context = cursorContext(text, model, position);
  if (!context) {
    return [];
  }
  switch (context.kind) {
    case 'lineStart':
      return templateProposals(context, options.templates);
    case 'fromImage':
      return [...earlierStageProposals(context, model, context.stage, options), ...imageProposals(context, model, options)];
    case 'stageReference':
      return context.flag === 'copy-from' && !options.overlapping ? [] : earlierStageProposals(context, model, context.stage, options);
  }
}

/** Whole-file templates first in an empty file, the one-line ones first elsewhere. */
function templateProposals(context: CursorContext & { kind: 'lineStart' }, templates: readonly Template[]): Proposal[] {
  return templates.map((template, index): Proposal => {
    const first = template.isFileTemplate === context.emptyDocument;
    return {
      kind: 'template',
      label: template.prefixes[0],
      detail: template.name,
      documentation: `${template.description}\n\n\`\`\`dockerfile\n${template.text.trimEnd()}\n\`\`\``,
      insertText: template.text,
      snippet: template.snippet,
      insertRange: context.insertRange,
      replaceRange: context.replaceRange,
      filterText: template.prefixes[0],
      sortText: `${first ? 'a' : 'b'}${String(index).padStart(3, '0')}`,
    };
  });
}

/** Stages before `stage` (a stage cannot use itself or a later one), by name or by index. */
function earlierStageProposals(context: CursorContext, model: StageModel, stage: Stage, options: CompletionOptions): Proposal[] {
  return model.stages.slice(0, stage.index).map((earlier): Proposal => {
    const label = stageLabel(earlier);
    return {
      kind: 'stage',
      label,
      detail: `stage ${earlier.index}: FROM ${earlier.baseText}`,
      documentation: describeStage(model, earlier, options.runtimeStage ?? model.finalStage),
      insertText: label,
      insertRange: context.insertRange,
      replaceRange: context.replaceRange,
      // Stage names come before images: in FROM, a stage is what a user most likely means.
      sortText: `0${String(earlier.index).padStart(3, '0')}`,
    };
  });
}

function imageProposals(context: CursorContext & { kind: 'fromImage' }, model: StageModel, options: CompletionOptions): Proposal[] {
  const ships = context.stage === (options.runtimeStage ?? model.finalStage);
  const suggested = ships ? suggestedRuntime(model, context.stage) : undefined;
  return runtimeImages(options.today).map((candidate, index): Proposal => {
    const preselect = candidate.reference === suggested;
    return {
      kind: 'image',
      label: candidate.reference,
      detail: imageSummary(candidate.lookup, options.today),
      image: { reference: candidate.reference, ships },
      insertText: candidate.reference,
      insertRange: context.insertRange,
      replaceRange: context.replaceRange,
      filterText: candidate.reference,
      // `1`: after stage names; then `a` for the preselected image, `b`... by rank; then catalog order.
      sortText: `1${preselect ? 'a' : String.fromCharCode(98 + rankFor(candidate, ships))}${String(index).padStart(3, '0')}`,
      preselect: preselect || undefined,
      deprecated: candidate.outdated !== undefined || undefined,
    };
  });
}

/** The documentation of an image proposal, computed on resolve: ~200 images per list add up. */
export function imageDocumentation(reference: string, ships: boolean, today: string): string | undefined {
  const image = parseImageReference(reference);
  return image ? describeImage(image, lookupImage(image), today, { ships }) : undefined;
}

/** In a stage that does not ship, debug variants are as good as any; outdated images stay last. */
function rankFor(candidate: RuntimeImage, ships: boolean): number {
  if (ships) {
    return candidate.tier;
  }
  return candidate.outdated ? 9 : candidate.alias ? 3 : 1;
}

/**
 * The runtime for what the earlier stages build, when one builder is clear: the stage the
 * shipped stage copies from, else the first stage (`golang` → static, `node:24` → nodejs24).
 */
function suggestedRuntime(model: StageModel, shipped: Stage): string | undefined {
  const builder = shipped.references.find((reference) => reference.target)?.target ?? (shipped.index > 0 ? model.stages[0] : undefined);
  if (!builder) {
    return undefined;
  }
  const { base } = resolveBaseImage(builder);
  // Only for a builder the catalog knows (a language toolchain): else any guess is as good as another.
  return base.kind === 'image' && lookupImage(base.image).facts.toolchain ? suggestRuntimeImage(base.image).image : undefined;
}
