import { inheritedInstructions } from '../core/stages';
import { Rule } from './rule';
import { stageImage } from './support';

export const missingEntrypoint: Rule = {
  id: 'missing-entrypoint',
  description: 'The runtime image has no ENTRYPOINT and the runtime stage sets neither ENTRYPOINT nor CMD.',
  defaultSeverity: 'warning',
  check({ runtimeStage }) {
    const runtime = runtimeStage && stageImage(runtimeStage);
    // Only when the catalog knows the image starts nothing (distroless static/base/cc, scratch).
    if (!runtimeStage || !runtime || runtime.lookup.facts.entrypoint?.length !== 0) {
      return [];
    }
    const keywords = new Set(inheritedInstructions(runtimeStage).map((instruction) => instruction.getKeyword()));
    if (keywords.has('ENTRYPOINT') || keywords.has('CMD')) {
      return [];
    }
    // A scratch stage without a start command is usually not a service: it exports files
    // (`docker build --output`) or is a base image (a root filesystem). Only a stage that says it
    // serves (EXPOSE, HEALTHCHECK, STOPSIGNAL) clearly misses its command.
    const empty = runtime.lookup.facts.hasBaseFiles === false;
    if (empty && !['EXPOSE', 'HEALTHCHECK', 'STOPSIGNAL'].some((keyword) => keywords.has(keyword))) {
      return [];
    }
    return [
      {
        range: runtimeStage.from.getInstructionRange(),
        message:
          `${runtime.image.text} has no ENTRYPOINT and this runtime stage sets neither ENTRYPOINT nor CMD, so the container has nothing to run. ` +
          'Add ENTRYPOINT ["/path/to/app"] in exec form with an absolute path.',
      },
    ];
  },
};
