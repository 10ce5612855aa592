// End of support of the official language images' tags, from the language release a tag pins
// (languageReleases.ts) and the Debian release it names (debianReleases.ts), and the tag to move
// to: the same image and variant on the nearest supported release. The builder entries attach the
// end of support; `outdated-runtime-image` asks for the replacement with today's date.
import { ImageReference } from '../core/imageReference';
import { DEBIAN_RELEASES, DebianRelease } from './debianReleases';
import { EndOfSupport } from './facts';
import { addDays } from './calendar';
import { NOTICE_DAYS, OfficialFamily, releaseLine, releaseSchedule, supportedSuccessor } from './languageReleases';
import { DISTROLESS_NODE_MAJORS } from './suggestions';
import { codenameRelease, majorMinor } from './builders/tags';
import type { ImageLookup } from './catalog';

/** The date the replacements stored in the catalog are computed for (the rule recomputes them for its `today`). */
const CATALOG_DATE = '2026-12-06';

/** The language version at the start of the tag: `20`, `hydrogen`, `3.9.18`, `17.0.18_8`, `8u502`. */
const VERSION_PREFIX = /^(?:\d+(?:\.\d+)*(?:_\d+)?(?:u\d+(?:-b\d+)?)?|[a-z]+(?=-|$))/;

/** The entries whose tags start with the language version (not `latest`, `lts`, `alpine`, `bookworm`). */
function pinnedVersion(tag: string, version: string | undefined): string | undefined {
  return version !== undefined && /^\d/.test(tag) ? version : version !== undefined && /^(?:gallium|hydrogen|iron|jod|krypton)(?:-|$)/.test(tag) ? version : undefined;
}

/** The Debian release a tag names: a codename, or for the debian image itself its number (`11-slim`). */
function debianOfTag(family: OfficialFamily | 'debian', tag: string): DebianRelease | undefined {
  const number = family === 'debian' ? /^(\d+)(?:[.-]|$)/.exec(tag)?.[1] : undefined;
  const version = codenameRelease(tag) ?? (number !== undefined ? Number(number) : undefined);
  return DEBIAN_RELEASES.find((release) => release.version === version);
}

/**
 * When the tag's language release or the Debian release it names stops getting updates (the
 * earlier of the two), with the replacement as of the catalog's date.
 */
export function officialEndOfSupport(family: OfficialFamily | 'debian', repository: string, tag: string, version: string | undefined): EndOfSupport | undefined {
  const line = family === 'debian' ? undefined : releaseLine(family, pinnedVersion(tag, version));
  const debian = debianOfTag(family, tag);
  const ends = [
    ...(line?.end ? [{ date: line.end, estimate: line.estimate === true }] : []),
    ...(debian ? [{ date: debian.endOfLts, estimate: false }] : []),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const first = ends[0];
  if (!first) {
    return undefined;
  }
  const moved = officialReplacement(family, repository, tag, version, addDays(first.date, 1)) ?? officialReplacement(family, repository, tag, version, CATALOG_DATE);
  return {
    date: first.date,
    ...(first.estimate ? { estimate: true } : {}),
    replacement: moved?.reference ?? repository,
    ...(moved?.note ? { note: moved.note } : {}),
  };
}

export interface OfficialReplacement {
  reference: string;
  /** What else must move (the build stage's version, its Debian release). */
  note?: string;
}

/**
 * The same image and variant on releases supported `NOTICE_DAYS` after `today`: the language
 * version swapped for the nearest supported one (an LTS one for Node.js and Temurin), an ended
 * Debian codename for the nearest supported release, an Alpine release pin dropped (the old Alpine
 * release has no image of the new version). Undefined when nothing needs to move or no release fits.
 */
export function officialReplacement(family: OfficialFamily | 'debian', repository: string, tag: string, version: string | undefined, today: string): OfficialReplacement | undefined {
  const horizon = addDays(today, NOTICE_DAYS);
  const pinned = family === 'debian' ? undefined : pinnedVersion(tag, version);
  const line = family === 'debian' ? undefined : releaseLine(family, pinned);
  const languageEnds = line?.end !== undefined && line.end <= horizon;
  const successor = languageEnds && pinned && family !== 'debian' ? supportedSuccessor(family, pinned, today) : undefined;
  const debian = debianOfTag(family, tag);
  const debianEnds = debian !== undefined && debian.endOfLts <= horizon;
  const nextDebian = debianEnds ? DEBIAN_RELEASES.find((release) => release.version > debian.version && release.endOfLts > horizon) : undefined;
  if ((languageEnds && !successor) || (debianEnds && !nextDebian) || (!languageEnds && !debianEnds)) {
    return undefined;
  }
  let newTag = tag;
  const notes: string[] = [];
  if (successor && family !== 'debian') {
    newTag = newTag.replace(VERSION_PREFIX, successor.version).replace(/-alpine\d+\.\d+(?=-|$)/, '-alpine');
    notes.push(`move the build stage to ${releaseSchedule(family).language} ${successor.version} too${distrolessNote(family, successor.version)}`);
  }
  if (debian && nextDebian) {
    newTag = newTag.replace(new RegExp(`(^|-)${debian.codename}(?=-|$)`), `$1${nextDebian.codename}`);
    if (family === 'debian') {
      newTag = newTag.replace(/^\d+(?:\.\d+)?(?=-|$)/, String(nextDebian.version));
    }
    notes.push(`Debian ${debian.version} (${debian.codename}) gets no security updates after ${debian.endOfLts}: build on Debian ${nextDebian.version} (${nextDebian.codename}) too`);
  }
  return { reference: `${repository}:${newTag}`, note: notes.join('; ') };
}

function distrolessNote(family: OfficialFamily, version: string): string {
  return family === 'node' && DISTROLESS_NODE_MAJORS.includes(Number(version)) ? `; its distroless image is gcr.io/distroless/nodejs${version}-debian13:nonroot` : '';
}

/** The official family of an image reference's catalog entry, if its tags are dated here. */
export function officialFamilyOf(entryId: string | undefined): OfficialFamily | 'debian' | undefined {
  return entryId === 'node' || entryId === 'python' || entryId === 'golang' || entryId === 'ruby' || entryId === 'php' || entryId === 'eclipse-temurin' || entryId === 'debian' ? entryId : undefined;
}

/** The repository as written (keeps a mirror prefix such as `mirror.gcr.io/library/`), without tag or digest. */
export function writtenRepository(ref: ImageReference): string {
  const withoutDigest = ref.text.replace(/@.*$/, '');
  const lastSlash = withoutDigest.lastIndexOf('/');
  const lastColon = withoutDigest.lastIndexOf(':');
  return lastColon > lastSlash ? withoutDigest.slice(0, lastColon) : withoutDigest;
}

/** The replacement of an official image past (or near) its end of support, as of `today`; undefined for other images. */
export function officialReplacementFor(ref: ImageReference, lookup: ImageLookup, today: string): OfficialReplacement | undefined {
  const family = officialFamilyOf(lookup.entry?.id);
  if (!family) {
    return undefined;
  }
  const tag = ref.tag ?? '';
  const version = family === 'ruby' || family === 'php' ? majorMinor(tag) : family === 'golang' ? lookup.facts.toolchain?.version : lookup.facts.runtime?.version;
  return officialReplacement(family, writtenRepository(ref), tag, version, today);
}
