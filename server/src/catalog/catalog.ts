// The image catalog: what Stagecraft knows about runtime images, in one place. Rules and fixes
// ask `lookupImage`; they never match image names themselves.
import { ImageReference, imageName } from '../core/imageReference';
import { ImageFacts, RuntimeKind, Source } from './facts';
import { CATALOG_ENTRIES } from './entries';

export interface CatalogEntry extends Source {
  /** A short, stable id, e.g. `distroless-static`. */
  id: string;
  /** Human name for messages and hovers. */
  title: string;
  /** Matched against `registry/repository` (lowercase). */
  name: RegExp;
  /** Matched against the tag ('' when the reference has none). Absent: any tag. */
  tag?: RegExp;
  facts: ImageFacts;
}

export interface ImageLookup {
  kind: RuntimeKind;
  entry?: CatalogEntry;
}

/** First matching entry wins: entries are ordered from specific to generic. */
export function lookupImage(ref: ImageReference): ImageLookup {
  if (ref.repository === 'scratch' && ref.registry === undefined) {
    return { kind: 'distroless', entry: SCRATCH };
  }
  const name = imageName(ref);
  const tag = ref.tag ?? '';
  for (const entry of CATALOG_ENTRIES) {
    if (entry.name.test(name) && (!entry.tag || entry.tag.test(tag))) {
      return { kind: entry.facts.kind, entry };
    }
  }
  return { kind: 'full' };
}

const SCRATCH: CatalogEntry = {
  id: 'scratch',
  title: 'scratch (empty image)',
  name: /^scratch$/,
  facts: { kind: 'distroless', hasShell: false, entrypoint: [], defaultUser: 0, libc: 'none' },
  source: 'Docker documentation, "Create a minimal base image using scratch"',
  checked: '2026-11-29',
};
