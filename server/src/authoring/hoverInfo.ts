// Stagecraft's hovers, as markdown and a range: on an image reference (FROM, or an image in
// `COPY --from=`), what the catalog knows and how it fares against the runtime rules, with the
// findings Stagecraft reports on that FROM; on a stage name, where it is defined and used; on the
// shipped CMD/ENTRYPOINT that runs node or python as PID 1, how it gets SIGTERM.
import { lookupImage } from '../catalog/catalog';
import { describeImage } from '../catalog/describe';
import { ImageReference, parseImageReference } from '../core/imageReference';
import { Stage, StageModel } from '../core/stages';
import { Finding, Position, Range, comparePositions, rangesOverlap } from '../core/types';
import { debugHelp } from './debugHelp';
import { keywordRange, pidOneNote } from './signalHover';
import { describeStage } from './stageInfo';

export interface HoverInfo {
  markdown: string;
  range: Range;
}

export interface HoverOptions {
  today: string;
  /** The stage that ships (`runtimeStageOf`). */
  runtimeStage?: Stage;
  /** The document's findings, to say which apply to the hovered FROM. */
  findings: readonly Finding[];
  /** Where docs/debugging-distroless.md is read (a file URL beside the bundle, or online). */
  debuggingDocsUrl?: string;
}

export function hoverAt(model: StageModel, position: Position, options: HoverOptions): HoverInfo | undefined {
  for (const stage of model.stages) {
    const nameRange = stage.nameRange;
    if (nameRange && contains(nameRange, position)) {
      return { markdown: describeStage(model, stage, options.runtimeStage), range: nameRange };
    }
    const imageRange = stage.from.getImageRange();
    if (imageRange && contains(imageRange, position)) {
      if (stage.base.kind === 'stage') {
        return { markdown: describeStage(model, stage.base.stage, options.runtimeStage), range: imageRange };
      }
      if (stage.base.kind === 'image') {
        return { markdown: imageHover(stage.base.image, stage, imageRange, options), range: imageRange };
      }
      return undefined;
    }
    for (const reference of stage.references) {
      if (!contains(reference.valueRange, position)) {
        continue;
      }
      if (reference.target) {
        return { markdown: describeStage(model, reference.target, options.runtimeStage), range: reference.valueRange };
      }
      const image = parseImageReference(reference.value);
      // `COPY --from=ghcr.io/astral-sh/uv:0.9`: an image; a bare word is a misspelt stage (a rule says so).
      if (image && /[/:@.]/.test(reference.value)) {
        return { markdown: describeImage(image, lookupImage(image), options.today, { ships: false }), range: reference.valueRange };
      }
    }
  }
  const runtime = options.runtimeStage;
  const start = runtime?.instructions.find((i) => (i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT') && contains(keywordRange(i), position));
  const note = runtime && start ? pidOneNote(start, runtime) : undefined;
  return note && start ? { markdown: note, range: keywordRange(start) } : undefined;
}

function imageHover(image: ImageReference, stage: Stage, range: Range, options: HoverOptions): string {
  const ships = stage === options.runtimeStage;
  const lookup = lookupImage(image);
  const parts = [describeImage(image, lookup, options.today, { ships })];
  if (image.text !== (stage.from.getImage() ?? '')) {
    parts.push(`_\`${stage.from.getImage() ?? ''}\` with the ARG defaults substituted._`);
  }
  const fromRange = stage.from.getRange();
  const here = options.findings.filter((finding) => rangesOverlap(finding.range, fromRange) || rangesOverlap(finding.range, range));
  if (here.length > 0) {
    parts.push(['Stagecraft reports on this FROM:', ...here.map((finding) => `- \`${finding.ruleId}\`: ${finding.message}`)].join('\n'));
  } else if (ships) {
    parts.push('No Stagecraft finding on this FROM.');
  }
  const debugging = ships ? debugHelp(image, lookup, options.debuggingDocsUrl) : undefined;
  if (debugging) {
    parts.push(debugging);
  }
  return parts.join('\n\n');
}

/** Inclusive of both ends: the cursor right after a word still hovers it. */
function contains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}
