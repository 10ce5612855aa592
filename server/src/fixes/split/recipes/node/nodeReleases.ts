// Which Node releases the runtime can have: distroless publishes some majors (the catalog says
// which, and which have ended), the node image publishes the others on a Debian release, and
// some majors are past their end of life. A build whose native modules were compiled for one
// Node major keeps that major: its ABI (NODE_MODULE_VERSION) changes with every major, and a
// locked native module may have no build for the next one.
import { lookupImage } from '../../../../catalog/catalog';
import { CODENAME_OF } from '../../../../catalog/builders/tags';
import { releaseLine } from '../../../../catalog/languageReleases';
import { parseImageReference } from '../../../../core/imageReference';

/** Whether distroless still publishes `nodejs<major>-debian13` (a catalog entry for that major, with no end of support). */
export function distrolessPublishes(major: number): boolean {
  const reference = parseImageReference(`gcr.io/distroless/nodejs${major}-debian13`);
  const facts = reference && lookupImage(reference).facts;
  return facts?.kind === 'distroless' && facts.runtime?.version === String(major) && facts.endOfSupport === undefined;
}

/**
 * Whether the node image has `<major>-trixie` tags: trixie variants came with nodejs/docker-node
 * f9e105af (2025-08-11), after 18, 19, 21 and 23 had been dropped.
 */
export function nodeImageHasTrixie(major: number): boolean {
  return major >= 20 && major !== 21 && major !== 23;
}

/** `bookworm` for 12. */
export function codename(debian: number): string {
  return CODENAME_OF[debian] ?? 'trixie';
}

/** The note for a major past its end of life on `today` (the catalog's Node schedule); undefined for a supported one. */
export function endOfLifeNote(major: number, newer: number, today: string): string | undefined {
  const ended = releaseLine('node', String(major))?.end;
  return ended === undefined || ended >= today
    ? undefined
    : `Node ${major} is past its end of life (${ended}): it gets no security fixes, and its images no updates. Move the app to Node ${newer} or later, then split again for distroless.`;
}

/**
 * The Debian releases the node image published for the majors that ended before trixie
 * (nodejs/docker-node's 14/ and 16/ folders: stretch, buster, bullseye, and bookworm for 16;
 * 19/ had only buster and bullseye when 2d0cae79 dropped it, as bookworm came with 92f79753 for
 * 16, 18 and 20 only: there never was a `19-bookworm` tag).
 */
const OLD_MAJOR_DEBIANS: Record<number, number[]> = { 14: [9, 10, 11], 16: [9, 10, 11, 12], 19: [10, 11] };

/** The oldest Node major the split keeps on its own image. */
export const OLDEST_KEPT_MAJOR = 14;

/** For a major of OLD_MAJOR_DEBIANS: the build's Debian when the node image had that major on it, else bullseye (both had it). */
export function oldMajorDebian(major: number, builderDebian: number | undefined): number | undefined {
  const published = OLD_MAJOR_DEBIANS[major];
  if (!published) {
    return undefined;
  }
  return builderDebian !== undefined && published.includes(builderDebian) ? builderDebian : 11;
}
