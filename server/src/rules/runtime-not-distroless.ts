import { lineEnding } from '../core/lineEnding';
import { RuntimeSuggestion, suggestRuntimeImage } from '../catalog/suggestions';
import { Range } from '../core/types';
import { Rule, RuleResult } from './rule';
import { isAllowedImage, stageImage } from './support';
import { swapRuntimeImageFix } from './swapRuntimeImage';

export const runtimeNotDistroless: Rule = {
  id: 'runtime-not-distroless',
  description: 'The runtime stage is not based on a distroless image.',
  defaultSeverity: 'warning',
  productionOnly: true,
  check({ runtimeStage, allowedRuntimeImages, text, today }) {
    const runtime = runtimeStage && stageImage(runtimeStage);
    if (!runtimeStage || !runtime) {
      return []; // no stage, or an `${ARG}` without a default: we cannot know the image
    }
    const { image, lookup } = runtime;
    if (lookup.kind === 'distroless' || lookup.kind === 'windows' || isAllowedImage(image, allowedRuntimeImages)) {
      return [];
    }
    const range = runtimeStage.from.getImageRange() ?? runtimeStage.from.getInstructionRange();
    const suggestion = suggestRuntimeImage(image);
    const swap = swapRuntimeImageFix(runtimeStage, runtime, lineEnding(text), today);
    const fixes = swap ? [swap] : undefined;
    if (suggestion.noDistroless) {
      return [noDistrolessFinding(range, image.text, lookup.kind === 'minimal', suggestion)];
    }
    if (lookup.kind === 'minimal') {
      return [
        {
          range,
          severity: 'information',
          message:
            `Runtime image ${image.text} is minimal but has a shell and package manager. ` +
            `Prefer ${suggestion.image} (${suggestion.reason}).`,
          fixes,
        },
      ];
    }
    return [
      {
        range,
        message:
          `Runtime image ${image.text} is a full distribution image. Base the final stage on ` +
          `${suggestion.image} (${suggestion.reason}).`,
        fixes,
      },
    ];
  },
};

/** Ruby, PHP: no distroless image to move to, so the advice is their smallest official image, not `static`. */
function noDistrolessFinding(range: Range, written: string, minimal: boolean, suggestion: RuntimeSuggestion): RuleResult {
  const none = `no distroless ${suggestion.noDistroless} image exists`;
  if (minimal) {
    return {
      range,
      severity: 'information',
      message: `Runtime image ${written} is minimal but has a shell and package manager; ${none}, so keep the smallest official image (${suggestion.image}: ${suggestion.reason}).`,
    };
  }
  return {
    range,
    message: `Runtime image ${written} is a full distribution image, and ${none}. Base the final stage on ${suggestion.image} (${suggestion.reason}).`,
  };
}
