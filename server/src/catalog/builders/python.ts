// Python builder entries: the official python image and the astral-sh/uv images that bundle one.
import type { CatalogEntry } from '../catalog';
import { OFFICIAL_SLIM } from '../sharedLibraries';
import { officialEndOfSupport } from '../officialLifecycle';
import { CHECKED, OFFICIAL, debianRelease, hasNoVersion, linuxFacts, majorMinor, minorOf, officialName } from './tags';

/**
 * Python releases whose official tags are no longer built but still pull, frozen on the Debian
 * release and Alpine version of their last build. Read from docker-library/python at the commit
 * before each release's removal: generate-stackbrew-library.sh (`defaultDebianSuite`, which the
 * plain `X.Y` and `X.Y-slim` tags point at, beside `X.Y-<suite>` and `X.Y-slim-<suite>`;
 * `defaultAlpineVersion` for `X.Y-alpine`; the alias `[2.7]='2'`) and the Dockerfiles' FROM.
 * 3.7 and 3.8 (bookworm) are in the rule below.
 */
export const FROZEN_PYTHON: Readonly<Record<string, { debian: number; alpine?: string; lastBuilt: string; removedIn: string }>> = {
  '2.7': { debian: 10, alpine: '3.11', lastBuilt: '2020-04-20', removedIn: 'ab8db2f8 "Remove Python 2"' },
  '3.4': { debian: 9, alpine: '3.9', lastBuilt: '2019-03-18', removedIn: 'b162f580 "Remove 3.4 (EOL)"' },
  '3.5': { debian: 10, alpine: '3.12', lastBuilt: '2020-10-02', removedIn: '93ddb24e "Remove Python 3.5 (EOL)"' },
  '3.6': { debian: 11, alpine: '3.15', lastBuilt: '2022-01-14', removedIn: '2e0f1dc3 "Remove 3.6 (EOL)"' },
};
export const FROZEN_PYTHON_SOURCE = 'docker-library/python generate-stackbrew-library.sh and */Dockerfile before ab8db2f8, b162f580, 93ddb24e, 2e0f1dc3 (checked 2026-12-07)';

/** `2.7` for the `2` alias (`python:2-alpine`), which has pointed at 2.7 only; else the tag's `X.Y`. */
export function pythonTagVersion(tag: string): string | undefined {
  return majorMinor(tag) ?? (/^2(?:-|$)/.test(tag) ? '2.7' : undefined);
}

export function python(): CatalogEntry {
  return {
    id: 'python',
    title: 'Python (official image)',
    name: officialName('python'),
    facts: { kind: 'full' },
    factsFromTag: (tag) => {
      const version = pythonTagVersion(tag);
      const minor = minorOf(version);
      const floating = version === undefined && (hasNoVersion(tag) || /^3(?:-|$)/.test(tag));
      const debian = debianRelease(tag, () => {
        if (floating) {
          return 13;
        }
        if (version !== undefined && FROZEN_PYTHON[version]) {
          return FROZEN_PYTHON[version].debian;
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
    source: `${OFFICIAL('python')}; tags no longer built: ${FROZEN_PYTHON_SOURCE}; end of support: python/peps python-releases.toml (catalog/languageReleases.ts)`,
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
