// The stages whose files end up in the shipped image: the runtime stage, the stages it is built
// `FROM` (their layers are its layers), and stages it copies wholesale (`COPY --from=x / /`).
// A stage the runtime only copies artifacts from (`COPY --from=build /app/dist ./`) is a
// builder: what its RUN steps leave behind outside those paths never ships.
import { Add, Copy } from 'dockerfile-ast';
import { rememberOn } from '../core/memo';
import { Stage, resolveBaseImage } from '../core/stages';

/** Remembered on the runtime stage: package-cache-in-image and cache-mount-available both ask. */
export function shippedStages(runtime: Stage | undefined): ReadonlySet<Stage> {
  return runtime ? rememberOn(runtime, SHIPPED, () => findShippedStages(runtime)) : NONE;
}

const SHIPPED = Symbol('shippedStages');
const NONE: ReadonlySet<Stage> = new Set();

function findShippedStages(runtime: Stage): Set<Stage> {
  const shipped = new Set<Stage>();
  const pending = [runtime];
  for (let stage = pending.pop(); stage !== undefined; stage = pending.pop()) {
    for (const layer of resolveBaseImage(stage).chain) {
      if (shipped.has(layer)) continue;
      shipped.add(layer);
      for (const reference of layer.references) {
        if (reference.target && copiesWholeFilesystem(reference.instruction)) {
          pending.push(reference.target);
        }
      }
    }
  }
  return shipped;
}

/** `COPY --from=x / /`: every source is the root of the other stage. */
function copiesWholeFilesystem(instruction: unknown): boolean {
  if (!(instruction instanceof Copy || instruction instanceof Add)) return false;
  const words = instruction.getArguments().map((argument) => argument.getValue());
  const sources = words.slice(0, -1);
  return sources.length > 0 && sources.every((source) => /^\/+\.?$/.test(source) || source === '/*');
}
