// Node.js builder entry: the official node image (numeric and LTS code name tags).
import type { CatalogEntry } from '../catalog';
import { officialEndOfSupport } from '../officialLifecycle';
import { CHECKED, OFFICIAL, debianRelease, linuxFacts, officialName } from './tags';

/** Node.js LTS code names used as tags. */
const NODE_CODENAMES: Record<string, number> = { gallium: 16, hydrogen: 18, iron: 20, jod: 22, krypton: 24 };

export function node(): CatalogEntry {
  return {
    id: 'node',
    title: 'Node.js (official image)',
    name: officialName('node'),
    facts: { kind: 'full' },
    factsFromTag: (tag) => {
      const numeric = /^(\d+)(?:[.-]|$)/.exec(tag)?.[1];
      const codename = /^([a-z]+)(?:-|$)/.exec(tag)?.[1];
      const major = numeric !== undefined ? Number(numeric) : codename !== undefined ? NODE_CODENAMES[codename] : undefined;
      // `latest`, `current`, `slim`, `alpine`, '' follow the newest release (26, trixie).
      const newest = major === undefined && (tag === '' || /^(latest|current|slim|bookworm|trixie|bullseye)(?:-|$)/.test(tag));
      const debian = debianRelease(tag, () => {
        if (newest) {
          return 13;
        }
        if (major === undefined) {
          return undefined;
        }
        // Node 19 ended before bookworm images came (nodejs/docker-node 92f79753 added them for 16, 18 and 20).
        return major >= 26 ? 13 : major === 19 ? 11 : major >= 18 ? 12 : major === 16 ? 10 : undefined;
      });
      const version = major !== undefined ? String(major) : undefined;
      const endOfSupport = officialEndOfSupport('node', 'node', tag, version);
      return {
        ...linuxFacts(tag),
        debian,
        ...(endOfSupport ? { endOfSupport } : {}),
        toolchain: { language: 'node', version },
        ...(version ? { runtime: { language: 'node' as const, version } } : {}),
      };
    },
    source: `${OFFICIAL('node')}; end of support: nodejs/Release schedule.json (catalog/languageReleases.ts)`,
    checked: CHECKED,
  };
}
