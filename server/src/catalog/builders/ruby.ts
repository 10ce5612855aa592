// Ruby builder entry: the official ruby image.
import type { CatalogEntry } from '../catalog';
import { officialEndOfSupport } from '../officialLifecycle';
import { CHECKED, codenameRelease, isAlpine, linuxFacts, majorMinor, officialName } from './tags';

/**
 * Ruby (docker-library/ruby): Debian tags `<version>[-slim][-<codename>]`, Alpine tags
 * `<version>-alpine[<release>]`. The images set no ENTRYPOINT and no WORKDIR (CMD is `irb`);
 * gems go to GEM_HOME /usr/local/bundle. Without a codename the Debian release moves with new
 * Debian releases, so it is not stated. The Ruby version is in the tag, but ImageFacts has no
 * Ruby toolchain (Language lists the languages with a distroless runtime).
 */
export function ruby(): CatalogEntry {
  return {
    id: 'ruby',
    title: 'Ruby (official image)',
    name: officialName('ruby'),
    facts: { kind: 'full' },
    factsFromTag: (tag) => {
      const endOfSupport = officialEndOfSupport('ruby', 'ruby', tag, majorMinor(tag));
      return { ...linuxFacts(tag), debian: isAlpine(tag) ? undefined : codenameRelease(tag), workdir: '/', ...(endOfSupport ? { endOfSupport } : {}) };
    },
    source: 'docker-library/ruby Dockerfile.template; docker-library/official-images library/ruby (tag scheme); end of support: ruby-lang.org branches (catalog/languageReleases.ts)',
    checked: CHECKED,
  };
}
