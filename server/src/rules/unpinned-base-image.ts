import { lookupImage } from '../catalog/catalog';
import { Stage } from '../core/stages';
import { hasNoVersionTags, isConcreteReference } from './imageTags';
import { Rule, RuleResult } from './rule';
import { laterStageNamed, misspeltStageNames } from './stageNames';

export const unpinnedBaseImage: Rule = {
  id: 'unpinned-base-image',
  description: 'A stage is based on an image with no tag or the :latest tag, so builds are not reproducible.',
  defaultSeverity: 'warning',
  check({ model, runtimeStage }) {
    const results: RuleResult[] = [];
    for (const stage of model.stages) {
      const result = checkStage(stage, model.stages, stage === runtimeStage);
      if (result) {
        results.push(result);
      }
    }
    return results;
  },
};

function checkStage(stage: Stage, stages: readonly Stage[], isRuntime: boolean): RuleResult | undefined {
  if (stage.base.kind !== 'image') {
    return undefined; // a stage, or an `${ARG}` without default
  }
  const image = stage.base.image;
  if (image.digest !== undefined || (image.tag !== undefined && image.tag !== 'latest')) {
    return undefined;
  }
  if (!isConcreteReference(image) || /^\d+$/.test(image.text)) {
    return undefined; // a placeholder, or `FROM 0` (a stage index for buildah and imagebuilder)
  }
  const lookup = lookupImage(image);
  // scratch is not pulled; distroless and Chainguard's free images have no version tags to pin to
  // (see runtime-image-not-digest-pinned); a misspelt stage name is unknown-stage-reference's.
  if (lookup.entry?.id === 'scratch' || hasNoVersionTags(lookup) || namesAStage(stage, stages)) {
    return undefined;
  }
  const written = stage.from.getImage() ?? '';
  const literal = written === stage.baseText;
  const range = (literal ? stage.from.getImageTagRange() : undefined) ?? stage.from.getImageRange() ?? stage.from.getInstructionRange();
  const what = image.tag === 'latest' ? 'uses :latest' : 'has no tag (so :latest)';
  const viaArg = literal ? '' : ` (from the ARG defaults of ${written})`;
  const role = isRuntime ? 'the shipped image changes whenever the tag moves' : 'builds are not reproducible';
  const name = image.text.replace(/:latest$/, '');
  return {
    range,
    message: `${image.text}${viaArg} ${what}: ${role}. Pin a version tag (${name}:<version>) or a digest (@sha256:...).`,
  };
}

/** `FROM buidl` (a misspelt earlier stage) or `FROM build` (a later stage): the unknown-stage-reference rule's. */
function namesAStage(stage: Stage, stages: readonly Stage[]): boolean {
  return misspeltStageNames(stage.baseText, stages.slice(0, stage.index), stage).length > 0 || laterStageNamed(stage, stages) !== undefined;
}
