// The title of each split variant in the quick-fix menu. It says "distroless" only when the
// runtime image is one: a split onto python:2-alpine or node:22-slim must not promise what it
// does not give.
import { lookupImage } from '../../catalog/catalog';
import { parseImageReference } from '../../core/imageReference';
import { SplitPlan } from './recipe';

export const SPLIT_TITLE = 'Split into build and distroless runtime stages';
const NOT_DISTROLESS_TITLE = 'Split into build and runtime stages';

/** The menu title of one plan: its label, or for a runtime that is not distroless, the image it runs on. */
export function splitTitle(plan: Pick<SplitPlan, 'runtimeImage' | 'label'>): string {
  const image = plan.runtimeImage.replace(/^--platform=\S+\s+/, '');
  const reference = parseImageReference(image);
  const distroless = reference !== undefined && lookupImage(reference).kind === 'distroless';
  if (distroless) {
    return plan.label ? `${SPLIT_TITLE} (${plan.label})` : SPLIT_TITLE;
  }
  return `${NOT_DISTROLESS_TITLE} (${plan.label ?? `${image} runtime`})`;
}
