import { resolveBaseImage } from '../core/stages';
import { hasNoVersionTags } from './imageTags';
import { Rule } from './rule';
import { stageImage } from './support';

export const runtimeImageNotDigestPinned: Rule = {
  id: 'runtime-image-not-digest-pinned',
  description: 'The runtime image has no version tags (distroless, Chainguard) and is not pinned by digest.',
  defaultSeverity: 'information',
  // Opt-in: digests need a bot (Renovate, Dependabot) to stay current, which not every team has.
  enabledByDefault: false,
  check({ runtimeStage }) {
    const runtime = runtimeStage && stageImage(runtimeStage);
    if (!runtimeStage || !runtime || runtime.image.digest !== undefined || !hasNoVersionTags(runtime.lookup)) {
      return [];
    }
    const { chain } = resolveBaseImage(runtimeStage);
    const written = chain[chain.length - 1].from;
    return [
      {
        range: written.getImageRange() ?? written.getInstructionRange(),
        message:
          `${runtime.image.text} has no version tags: its tag moves with every rebuild of the image. ` +
          'Pin it by digest (image:tag@sha256:...) and let Renovate or Dependabot bump the digest.',
      },
    ];
  },
};
