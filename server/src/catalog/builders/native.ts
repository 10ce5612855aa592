// Native toolchain builder entries: the official golang and rust images, built by one factory.
import type { CatalogEntry } from '../catalog';
import { officialEndOfSupport } from '../officialLifecycle';
import { CHECKED, OFFICIAL, debianRelease, hasNoVersion, linuxFacts, majorMinor, minorOf, officialName } from './tags';

/**
 * Go and Rust images: versioned `1.x` tags, whose default Debian release follows the minor
 * version (trixie from `trixieFrom`, bookworm from `bookwormFrom`); `1` and untagged are trixie.
 */
function toolchainImage(
  repository: 'golang' | 'rust',
  title: string,
  language: 'go' | 'rust',
  minors: { trixieFrom: number; bookwormFrom: number },
  source: string,
): CatalogEntry {
  return {
    id: repository,
    title,
    name: officialName(repository),
    facts: { kind: 'full' },
    factsFromTag: (tag) => {
      const version = majorMinor(tag);
      const minor = minorOf(version);
      const debian = debianRelease(tag, () => {
        if (version === undefined) {
          return hasNoVersion(tag) || /^1(?:-|$)/.test(tag) ? 13 : undefined;
        }
        return minor === undefined ? undefined : minor >= minors.trixieFrom ? 13 : minor >= minors.bookwormFrom ? 12 : undefined;
      });
      // Go releases are dated (the two newest minors are supported); Rust has no end of support per release.
      const endOfSupport = repository === 'golang' ? officialEndOfSupport('golang', 'golang', tag, version) : undefined;
      return { ...linuxFacts(tag), debian, ...(endOfSupport ? { endOfSupport } : {}), toolchain: { language, version } };
    },
    source,
    checked: CHECKED,
  };
}

export function golang(): CatalogEntry {
  return toolchainImage('golang', 'Go (official image)', 'go', { trixieFrom: 24, bookwormFrom: 19 }, OFFICIAL('golang'));
}

export function rust(): CatalogEntry {
  return toolchainImage(
    'rust',
    'Rust (official image)',
    'rust',
    { trixieFrom: 89, bookwormFrom: 72 },
    `${OFFICIAL('rust')}; rust-lang/docker-rust#246 (trixie default, GLIBC_2.xx not found on bookworm)`,
  );
}
