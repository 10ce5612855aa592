// The runtime images Stagecraft can propose by name: every distroless image of the catalog with
// its tags, and the Chainguard, .NET chiseled and scratch images, ranked for the stage that ships
// (current Debian 13 and non-root first; debug tags, unversioned aliases and images that no
// longer get updates last, marked). Completion reads this; facts stay in `lookupImage`.
import { ImageReference, parseImageReference } from '../core/imageReference';
import { ImageLookup, catalogEntries, lookupImage } from './catalog';
import { EndOfSupport, Source } from './facts';

export interface RuntimeImage {
  /** The full reference, e.g. `gcr.io/distroless/static-debian13:nonroot`. */
  reference: string;
  image: ImageReference;
  lookup: ImageLookup;
  /** Set when updates have ended by `today` (the image should not be chosen). */
  outdated?: EndOfSupport;
  /** Set when updates end after `today` (still fine, but soon not). */
  endsOn?: EndOfSupport;
  /** An unversioned alias (`gcr.io/distroless/static`): moves to the next Debian release one day. */
  alias: boolean;
  /** Rank for the shipped stage: lower is better. */
  tier: number;
}

/** Distroless tags in the order we propose them; `debug` variants have busybox and are for debugging. */
const DISTROLESS_TAGS = ['nonroot', 'latest', 'debug-nonroot', 'debug'];

/**
 * Runtime images outside gcr.io/distroless, by name. The catalog classifies them by pattern
 * (`cgr.dev/chainguard/*`, `*-chiseled`); these are the concrete names worth proposing.
 */
export const OTHER_RUNTIME_IMAGES: readonly (Source & { references: readonly string[] })[] = [
  {
    // Chainguard's free tier publishes `latest` (runtime) and `latest-dev` (build) only.
    references: ['cgr.dev/chainguard/static:latest', 'cgr.dev/chainguard/glibc-dynamic:latest', 'cgr.dev/chainguard/python:latest', 'cgr.dev/chainguard/node:latest'],
    source: 'edu.chainguard.dev getting-started pages; chainguard-images/images images/{static,glibc-dynamic,python,node}/locked_config.json (commit cd7edd23, 2026-08-22: tags `latest`)',
    checked: '2026-12-06',
  },
  {
    references: [
      'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled',
      'mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled',
      'mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled',
      'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra',
      'mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra',
      'mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra',
      'mcr.microsoft.com/dotnet/aspnet:10.0-azurelinux3.0-distroless',
      'mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0-distroless',
      'mcr.microsoft.com/dotnet/runtime-deps:10.0-azurelinux3.0-distroless',
    ],
    source: 'dotnet/dotnet-docker documentation/ubuntu-chiseled.md, documentation/distroless.md',
    checked: '2026-11-29',
  },
  { references: ['scratch'], source: 'Docker documentation, "Create a base image: scratch"', checked: '2026-11-29' },
];

/** Distroless image names the catalog knows one by one (its entries' titles), in catalog order. */
function distrolessNames(): string[] {
  const names: string[] = [];
  for (const entry of catalogEntries()) {
    if (entry.distrolessTags && entry.title.startsWith('gcr.io/distroless/') && entry.name.test(entry.title) && !names.includes(entry.title)) {
      names.push(entry.title);
    }
  }
  return names;
}

let cached: { today: string; images: RuntimeImage[] } | undefined;

/** Every proposable runtime image as of `today` (YYYY-MM-DD), best first for a shipped stage. */
export function runtimeImages(today: string): RuntimeImage[] {
  if (cached?.today === today) {
    return cached.images;
  }
  const references = [
    ...distrolessNames().flatMap((name) => DISTROLESS_TAGS.map((tag) => `${name}:${tag}`)),
    ...OTHER_RUNTIME_IMAGES.flatMap((group) => group.references),
  ];
  const images: RuntimeImage[] = [];
  references.forEach((reference) => {
    const image = parseImageReference(reference);
    if (!image) {
      return;
    }
    const lookup = lookupImage(image);
    if (lookup.kind !== 'distroless') {
      return; // the catalog is the judge: a name it does not call distroless is not proposed
    }
    const ended = lookup.facts.endOfSupport;
    const outdated = ended && ended.date <= today ? ended : undefined;
    const alias = image.registry === 'gcr.io' && !/-debian\d+$/.test(image.repository);
    const candidate: RuntimeImage = { reference, image, lookup, outdated, endsOn: outdated ? undefined : ended, alias, tier: 0 };
    candidate.tier = tierOf(candidate);
    images.push(candidate);
  });
  // Stable: equal tiers keep catalog order (static, base-nossl, base, cc, python3, nodejs, java).
  images.sort((a, b) => a.tier - b.tier);
  cached = { today, images };
  return images;
}

/**
 * 0: current distroless that runs as non-root; 1: Chainguard and .NET chiseled (non-root by
 * default); 2: current, but root by default (`latest`, scratch); 3: unversioned aliases;
 * 4: debug variants (a shell, for debugging only); 5: updates end soon; 9: no longer updated.
 */
function tierOf(candidate: RuntimeImage): number {
  const { lookup, outdated, endsOn, alias, image } = candidate;
  if (outdated) {
    return 9;
  }
  if (lookup.isDebugVariant) {
    return 4;
  }
  if (endsOn) {
    return 5;
  }
  if (alias) {
    return 3;
  }
  const nonRoot = lookup.facts.defaultUser !== undefined && lookup.facts.defaultUser !== 0;
  if (image.registry === 'gcr.io') {
    return nonRoot ? 0 : 2;
  }
  return nonRoot ? 1 : 2;
}
