// Python builder entries: the official python image and the astral-sh/uv images that bundle one.
import type { CatalogEntry } from '../catalog';
import { OFFICIAL_SLIM } from '../sharedLibraries';
import { officialEndOfSupport } from '../officialLifecycle';
import { CHECKED, OFFICIAL, debianRelease, hasNoVersion, linuxFacts, majorMinor, minorOf, officialName } from './tags';

export function python(): CatalogEntry {
  return {
    id: 'python',
    title: 'Python (official image)',
    name: officialName('python'),
    facts: { kind: 'full' },
    factsFromTag: (tag) => {
      const version = majorMinor(tag);
      const minor = minorOf(version);
      const floating = version === undefined && (hasNoVersion(tag) || /^3(?:-|$)/.test(tag));
      const debian = debianRelease(tag, () => {
        if (floating) {
          return 13;
        }
        if (version?.startsWith('3.') && minor !== undefined) {
          return minor >= 9 ? 13 : minor >= 7 ? 12 : undefined;
        }
        return undefined;
      });
      const facts = linuxFacts(tag);
      const endOfSupport = officialEndOfSupport('python', 'python', tag, version);
      return {
        ...facts,
        debian,
        ...(endOfSupport ? { endOfSupport } : {}),
        toolchain: { language: 'python', version },
        ...(version ? { runtime: { language: 'python' as const, version } } : {}),
        ...(facts.kind === 'minimal' && facts.libc === 'glibc' ? { sharedLibraries: OFFICIAL_SLIM } : {}),
      };
    },
    source: `${OFFICIAL('python')}; end of support: python/peps python-releases.toml (catalog/languageReleases.ts)`,
    checked: CHECKED,
  };
}

/**
 * astral-sh/uv images with a distribution (`python3.12-bookworm-slim`, `0.5-alpine`); the bare
 * `uv:0.5` image holds only the uv binary (FROM scratch) and is not a builder.
 */
export function uv(): CatalogEntry {
  return {
    id: 'uv',
    title: 'uv (astral-sh) with a Python image',
    name: /^ghcr\.io\/astral-sh\/uv$/,
    tag: /(?:^|-)(bookworm|trixie|bullseye|alpine|debian)/,
    facts: { kind: 'minimal' },
    factsFromTag: (tag) => {
      const version = /(?:^|-)python(\d+\.\d+)(?:-|$)/.exec(tag)?.[1];
      return {
        ...linuxFacts(tag),
        debian: debianRelease(tag, () => (/(?:^|-)debian(?:-|$)/.test(tag) ? 13 : undefined)),
        toolchain: { language: 'python', version },
        ...(version ? { runtime: { language: 'python' as const, version } } : {}),
      };
    },
    source: 'astral-sh/uv docs/guides/integration/docker.md (available images); python images built FROM python:<version>-<distro>',
    checked: CHECKED,
  };
}
