import { lookupImage } from '../catalog/catalog';
import { suggestRuntimeImage } from '../catalog/suggestions';
import { resolveBaseImage } from '../core/stages';
import { Rule } from './rule';

export const runtimeNotDistroless: Rule = {
  id: 'runtime-not-distroless',
  description: 'The final (runtime) stage is not based on a distroless image.',
  defaultSeverity: 'warning',
  check({ model }) {
    const runtime = model.finalStage;
    if (!runtime) {
      return [];
    }
    const { base } = resolveBaseImage(runtime);
    if (base.kind !== 'image') {
      return []; // an `${ARG}` without a default: we cannot know the image
    }
    const { kind } = lookupImage(base.image);
    if (kind === 'distroless' || kind === 'windows') {
      return [];
    }
    const range = runtime.from.getImageRange() ?? runtime.from.getInstructionRange();
    const suggestion = suggestRuntimeImage(base.image);
    if (kind === 'minimal') {
      return [
        {
          range,
          severity: 'information',
          message:
            `Runtime image ${base.image.text} is minimal but has a shell and package manager. ` +
            `Prefer ${suggestion.image} (${suggestion.reason}).`,
        },
      ];
    }
    return [
      {
        range,
        message:
          `Runtime image ${base.image.text} is a full distribution image. Base the final stage on ` +
          `${suggestion.image} (${suggestion.reason}).`,
      },
    ];
  },
};
