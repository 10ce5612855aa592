// Debian releases behind the official images' `-stretch` ... `-trixie` tags, and when each stops
// getting security updates (the end of Debian LTS). An image on a release past that date is
// frozen: its packages get no fixes, whatever the language version in the tag.
import { parseImageReference } from '../core/imageReference';
import { codenameRelease } from './builders/tags';

export interface DebianRelease {
  version: number;
  codename: string;
  /** The last day of security support (Debian LTS). */
  endOfLts: string;
}

export const DEBIAN_RELEASES_SOURCE = 'wiki.debian.org/LTS (LTS end dates per release)';
export const DEBIAN_RELEASES_CHECKED = '2026-12-06';

export const DEBIAN_RELEASES: readonly DebianRelease[] = [
  { version: 9, codename: 'stretch', endOfLts: '2022-06-30' },
  { version: 10, codename: 'buster', endOfLts: '2024-06-30' },
  { version: 11, codename: 'bullseye', endOfLts: '2026-08-31' },
  { version: 12, codename: 'bookworm', endOfLts: '2028-06-30' },
  { version: 13, codename: 'trixie', endOfLts: '2030-06-30' },
];

/** The Debian release an image's tag names (`python:3.9-slim-bullseye`), if it names one. */
export function debianReleaseOfTag(reference: string): DebianRelease | undefined {
  const version = codenameRelease(parseImageReference(reference)?.tag ?? '');
  return DEBIAN_RELEASES.find((release) => release.version === version);
}

/** Whether the release's security support ended on or before `today` (YYYY-MM-DD). */
export function isFrozen(release: DebianRelease, today: string): boolean {
  return release.endOfLts < today;
}
