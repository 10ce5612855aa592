// Where a FROM's image text comes from when it holds a build argument: the `ARG` before the first
// FROM whose default supplies it, so a fix can edit the default instead of the FROM (the FROM
// keeps its argument and `--build-arg` still works).
import { Arg } from 'dockerfile-ast';
import { StageModel } from '../core/stages';
import { Range } from '../core/types';

export interface ArgDefault {
  name: string;
  value: string;
  valueRange: Range;
}

const WHOLE_VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/**
 * The ARG that gives the FROM its tag: `image:${TAG}` (the argument is the tag) or `${IMAGE}` (the
 * argument is the whole reference). Undefined for any other shape, or an ARG without a default.
 */
export function fromArgument(model: StageModel, writtenImage: string): { arg: ArgDefault; whole: boolean } | undefined {
  const whole = WHOLE_VARIABLE.exec(writtenImage);
  if (whole) {
    const arg = globalArgDefault(model, whole[1] ?? whole[2]);
    return arg && { arg, whole: true };
  }
  const withoutDigest = writtenImage.split('@')[0];
  const colon = withoutDigest.lastIndexOf(':');
  if (colon <= withoutDigest.lastIndexOf('/')) {
    return undefined;
  }
  const tag = WHOLE_VARIABLE.exec(withoutDigest.slice(colon + 1));
  const arg = tag ? globalArgDefault(model, tag[1] ?? tag[2]) : undefined;
  return arg && { arg, whole: false };
}

/** The last declaration wins, as in Docker. */
function globalArgDefault(model: StageModel, name: string): ArgDefault | undefined {
  let found: ArgDefault | undefined;
  for (const instruction of model.preamble) {
    const property = instruction instanceof Arg ? instruction.getProperty() : null;
    if (property?.getName() === name) {
      const value = property.getValue();
      const valueRange = property.getValueRange();
      found = value !== null && valueRange ? { name, value, valueRange } : undefined;
    }
  }
  return found;
}
