// Debian and Alpine entries: the official debian image, Alpine through mirrors and architecture
// namespaces, and the Debian facts rules look up (a release's codename and its apt python3).
import type { CatalogEntry } from '../catalog';
import { officialEndOfSupport } from '../officialLifecycle';
import { OFFICIAL_SLIM } from '../sharedLibraries';
import { CHECKED, CODENAME_OF, OFFICIAL, codenameRelease, linuxFacts, officialName } from './tags';

export function debian(): CatalogEntry {
  return {
    id: 'debian',
    title: 'Debian (official image)',
    name: officialName('debian'),
    facts: { kind: 'full' },
    factsFromTag: (tag) => {
      const number = /^(\d+)(?:[.-]|$)/.exec(tag)?.[1];
      const suite = /^(latest|stable|oldstable|oldoldstable)?(?:-|$)/.exec(tag)?.[1];
      // `debian:slim` is not a tag (the slim tags are `<release>-slim`, `stable-slim`): it gets no release.
      const release =
        codenameRelease(tag) ??
        (number !== undefined ? Number(number) : tag === '' || suite === 'latest' || suite === 'stable' ? 13 : suite === 'oldstable' ? 12 : suite === 'oldoldstable' ? 11 : undefined);
      const facts = linuxFacts(tag);
      const endOfSupport = officialEndOfSupport('debian', 'debian', tag, undefined);
      // debian:<codename>-slim is the base of the official -slim images: only glibc is counted as present.
      return {
        ...facts,
        debian: release,
        ...(facts.kind === 'minimal' && release !== undefined ? { sharedLibraries: OFFICIAL_SLIM } : {}),
        ...(endOfSupport ? { endOfSupport } : {}),
      };
    },
    source: `${OFFICIAL('debian')}; end of support: wiki.debian.org/LTS (catalog/debianReleases.ts)`,
    checked: CHECKED,
  };
}

/** Alpine through a registry mirror or an architecture namespace (plain `alpine` is in entries.ts). */
export function alpineMirror(): CatalogEntry {
  return {
    id: 'alpine-mirror',
    title: 'Alpine Linux (mirror or architecture namespace)',
    name: /^(?:(?:mirror\.gcr\.io|public\.ecr\.aws\/docker)\/library\/|(?:amd64|arm64v8|arm32v7|arm32v6|i386|ppc64le|s390x|riscv64)\/)alpine$/,
    facts: { kind: 'minimal', hasShell: true, defaultUser: 0, libc: 'musl' },
    source: 'Docker Hub official image "alpine"',
    checked: CHECKED,
  };
}

/**
 * The Python that `apt-get install python3` brings on each Debian release (bullseye 3.9.2,
 * bookworm 3.11.2, trixie 3.13.5): the builder of distroless' own python3 example.
 */
const DEBIAN_PYTHON: Record<number, string> = { 11: '3.9', 12: '3.11', 13: '3.13' };
export const DEBIAN_PYTHON_SOURCE = 'Debian packages python3 (packages.debian.org bullseye/bookworm/trixie); distroless python3/config.bzl';

export function debianPythonVersion(release: number | undefined): string | undefined {
  return release === undefined ? undefined : DEBIAN_PYTHON[release];
}

/** The Debian codename of a release (12 → `bookworm`). */
export function debianCodename(release: number): string | undefined {
  return CODENAME_OF[release];
}
