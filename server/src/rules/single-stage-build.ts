import { Run } from 'dockerfile-ast';
import { Rule } from './rule';
import { stageImage } from './support';

export const singleStageBuild: Rule = {
  id: 'single-stage-build',
  description: 'The Dockerfile builds and runs in one stage, so build tools and sources ship in the image.',
  defaultSeverity: 'warning',
  productionOnly: true,
  check({ model }) {
    if (model.stages.length !== 1) {
      return [];
    }
    const stage = model.stages[0];
    const kind = stageImage(stage)?.lookup.kind;
    if (kind === 'windows') {
      return [];
    }
    // A lone distroless or minimal stage that only copies a prebuilt artifact (goreleaser, ko)
    // is already what the decision asks for.
    const buildsNothing = !stage.instructions.some((instruction) => instruction instanceof Run);
    if ((kind === 'distroless' || kind === 'minimal') && buildsNothing) {
      return [];
    }
    const message = buildsNothing
      ? // Built outside Docker (a jar, a publish folder): only the image is left to fix.
        'Single stage on a full image: nothing is built here, but the image ships its shell, package manager and tools. ' +
        'Base it on a distroless image (the quick fix on the image name does it where the stage needs no shell), or build the app in a builder stage.'
      : 'Single-stage build: build tools and sources ship in the image. Split it into a build stage ' +
        'and a distroless runtime stage that copies only the artifacts.';
    return [{ range: stage.from.getInstructionRange(), message }];
  },
};
