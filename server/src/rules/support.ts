// Questions many rules ask about a stage, answered once here so they agree with each other.
import { ImageLookup, lookupImage } from '../catalog/catalog';
import { matchesAny } from '../core/glob';
import { ImageReference, imageName } from '../core/imageReference';
import { Stage, baseImageOf } from '../core/stages';
import { rememberOn } from '../core/memo';

export interface StageImage {
  /** The image the stage really starts from (a `FROM <stage>` chain followed). */
  image: ImageReference;
  lookup: ImageLookup;
}

/** Each stage's image, remembered for the analysis: most rules ask for the runtime stage's. */
const STAGE_IMAGE = Symbol('stageImage');

/** Undefined when the base is an `${ARG}` without default or unparsable: rules stay quiet. */
export function stageImage(stage: Stage): StageImage | undefined {
  const image = rememberOn<StageImage | null>(stage, STAGE_IMAGE, () => {
    const base = baseImageOf(stage);
    return base.kind === 'image' ? { image: base.image, lookup: lookupImage(base.image) } : null;
  });
  return image ?? undefined;
}

/**
 * True when the stage's image has no shell (distroless non-debug, scratch, chiseled) and the
 * stage does not bring one itself (`SHELL` pointing at a binary it copied in).
 */
export function isShellless(stage: Stage): boolean {
  const image = stageImage(stage);
  if (!image || image.lookup.facts.hasShell !== false) {
    return false;
  }
  return !stage.instructions.some((instruction) => instruction.getKeyword() === 'SHELL');
}

/** Matches the team's allow-list against the reference as written and without its digest. */
export function isAllowedImage(image: ImageReference, patterns: readonly string[]): boolean {
  if (patterns.length === 0) {
    return false;
  }
  const withTag = image.tag ? `${imageName(image)}:${image.tag}` : imageName(image);
  return matchesAny(image.text, patterns) || matchesAny(withTag, patterns) || matchesAny(imageName(image), patterns);
}
