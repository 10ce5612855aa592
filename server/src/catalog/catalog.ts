// The image catalog: what Stagecraft knows about images, in one place. Rules and fixes ask
// `lookupImage`; they never match image names themselves.
import { ImageReference, imageName } from '../core/imageReference';
import { ImageFacts, RuntimeKind, Source } from './facts';
import { CATALOG_ENTRIES } from './entries';

export interface CatalogEntry extends Source {
  /** A short, stable id, e.g. `distroless-static-debian13`. */
  id: string;
  /** Human name for messages and hovers. */
  title: string;
  /** Matched against `registry/repository` (lowercase). */
  name: RegExp;
  /** Matched against the tag ('' when the reference has none). Absent: any tag. */
  tag?: RegExp;
  facts: ImageFacts;
  /** Facts read from the tag (a builder's language version, its Debian release); they override `facts`. */
  factsFromTag?: (tag: string) => Partial<ImageFacts>;
  /** Distroless tag variants (`debug`, `nonroot`) change some facts. */
  distrolessTags?: boolean;
}

export interface ImageLookup {
  kind: RuntimeKind;
  /** The entry's facts adjusted for the tag; `{ kind: 'full' }` for unknown images. */
  facts: ImageFacts;
  entry?: CatalogEntry;
  /** A distroless `debug` tag (busybox shell), a Chainguard or Hardened `-dev` image. */
  isDebugVariant: boolean;
}

/**
 * Lookups by `name:tag`, remembered: the catalog is fixed at run time, every rule asks about the
 * same few images, and matching walks every entry's patterns. Bounded: a file with thousands of
 * distinct images only empties it.
 */
const lookups = new Map<string, ImageLookup>();
const MAX_REMEMBERED_LOOKUPS = 2_000;

/** First matching entry wins: entries are ordered from specific to generic. */
export function lookupImage(ref: ImageReference): ImageLookup {
  const name = imageName(ref);
  const tag = ref.tag ?? '';
  const key = `${name}:${tag}`;
  const known = lookups.get(key);
  if (known) {
    return known;
  }
  if (lookups.size >= MAX_REMEMBERED_LOOKUPS) {
    lookups.clear();
  }
  const lookup = matchCatalog(name, tag);
  lookups.set(key, lookup);
  return lookup;
}

function matchCatalog(name: string, tag: string): ImageLookup {
  const entry = CATALOG_ENTRIES.find((candidate) => candidate.name.test(name) && (!candidate.tag || candidate.tag.test(tag)));
  if (!entry) {
    return { kind: 'full', facts: { kind: 'full' }, isDebugVariant: false };
  }
  const entryFacts = entry.factsFromTag ? { ...entry.facts, ...entry.factsFromTag(tag) } : entry.facts;
  const facts = entry.distrolessTags ? applyDistrolessTag(entryFacts, tag) : entryFacts;
  const isDebugVariant = (entry.distrolessTags === true && /(^|-)debug(-|$)/.test(tag)) || /^(chainguard|docker-hardened)-dev/.test(entry.id);
  return { kind: facts.kind, facts, entry, isDebugVariant };
}

/**
 * `nonroot` tags run as 65532 in /home/nonroot; `debug` tags add busybox, and for images
 * without a language runtime the entrypoint becomes the busybox shell.
 * Source: GoogleContainerTools/distroless root BUILD `VARIANTS`, static/static.bzl `USER_VARIANTS`.
 */
function applyDistrolessTag(facts: ImageFacts, tag: string): ImageFacts {
  const adjusted: ImageFacts = { ...facts };
  if (/(^|-)nonroot(-|$)/.test(tag)) {
    adjusted.defaultUser = 65532;
    adjusted.workdir = '/home/nonroot';
  }
  if (/(^|-)debug(-|$)/.test(tag)) {
    adjusted.hasShell = true;
    if (facts.entrypoint?.length === 0) {
      adjusted.entrypoint = ['/busybox/sh'];
    }
  }
  return adjusted;
}

/** Entries for hovers and completion: every catalog entry with a concrete image name. */
export function catalogEntries(): readonly CatalogEntry[] {
  return CATALOG_ENTRIES;
}
