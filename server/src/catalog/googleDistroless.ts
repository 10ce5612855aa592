// What every gcr.io/distroless image entry shares, whichever family or Debian release: its id,
// title and name pattern come from the image's name, and the facts below hold for all of them
// (no shell, root by default, `/` as the working directory, the base files present).
import type { CatalogEntry } from './catalog';
import { ImageFacts } from './facts';

/** The entry of `gcr.io/distroless/<image>` (e.g. `static-debian13`, `cc`); `facts` add to or override the shared ones. */
export function googleDistrolessEntry(image: string, facts: Omit<ImageFacts, 'kind'>, source: string, checked: string): CatalogEntry {
  return {
    id: `distroless-${image}`,
    title: `gcr.io/distroless/${image}`,
    name: new RegExp(`^gcr\\.io/distroless/${image.replace(/\+/g, '\\+')}$`),
    facts: {
      kind: 'distroless',
      hasShell: false,
      defaultUser: 0,
      workdir: '/',
      hasBaseFiles: true,
      ...facts,
    },
    source,
    checked,
    distrolessTags: true,
  };
}
