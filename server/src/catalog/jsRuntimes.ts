// The Bun and Deno images, read from the projects' own Dockerfiles and release workflows (not
// from memory): which tags exist, and what the distroless variants hold. The split recipes for
// Bun and Deno take their runtime's entrypoint, user and tag scheme from here.
import type { CatalogEntry } from './catalog';

/** When the facts below were last read against their sources. */
export const JS_RUNTIMES_CHECKED = '2026-12-06';

/** oven/bun: dockerhub/<variant>/Dockerfile, published by .github/workflows/release.yml. */
export const BUN_SOURCE =
  'oven-sh/bun@9315f7ea093524d2875e82404dfcef3d45fa501f dockerhub/distroless/Dockerfile (FROM gcr.io/distroless/base-nossl-debian13, no USER, ENTRYPOINT ["/usr/local/bin/bun"], BUN_RUNTIME_TRANSPILER_CACHE_PATH=0); ' +
  'oven-sh/bun@54023f132432bbcef25cc5ccef9c5c82bc927b08 dockerhub/debian/Dockerfile (user bun uid 1000 not set as USER, WORKDIR /home/bun/app, ENTRYPOINT docker-entrypoint.sh); ' +
  'oven-sh/bun@00bd888ac5c6857e24099b92f19981700e7ef17b .github/workflows/release.yml (docker job: tags X.Y.Z, X.Y, X with suffixes "", -debian, -slim, -alpine, -distroless, and the bare variant name); ' +
  'distroless tags missing for releases after 1.1.45 until late 2025: oven-sh/bun issues #16666 ("the last official image with distroless support was 1.1.45"), #20414 (closed 2025-11-29, "fixed by #24055"); 1.0.3-distroless in #6166';

/**
 * The Debian release under oven/bun's distroless tags of Bun 1.0 and 1.1 (1.0.3 to 1.1.45, and the
 * 1.0-distroless and 1.1-distroless tags their last builds left): Debian 11, base-nossl-debian11.
 * No later build replaced them: distroless was not built after 1.1.45 until the fix of late 2025,
 * which moved to Debian 12 and since 13 for 1.3 (#25132, #24055; BUN_SOURCE).
 */
export const BUN_DISTROLESS_DEBIAN_SOURCE =
  'oven-sh/bun@e9c09f8ebc50f761d69db60f4dbc58078199befe dockerhub/Dockerfile-distroless (FROM gcr.io/distroless/base-nossl-debian11); ' +
  'oven-sh/bun issue #9240 (2024-03-04: the distroless image is on gcr.io/distroless/base-nossl-debian11); ' +
  'pull request #19102 (2025-04-18: dockerhub/distroless/Dockerfile still `FROM gcr.io/distroless/base-nossl-debian11`) and #25132 (2025-11-27: "upgrade base image from debian11 to debian12")';

/** The Debian version of an oven/bun distroless tag known to be frozen on an old release, or undefined. */
export function bunDistrolessDebianVersion(tag: string): number | undefined {
  return /^1\.[01](?:\.\d+)?-distroless$/.test(tag) ? 11 : undefined;
}

/** denoland/deno: <variant>.dockerfile, published by .github/workflows/ci.yml. */
export const DENO_SOURCE =
  'denoland/deno_docker@b7864b7239424079c44c954ca3a8e273a2cc1a13 distroless.dockerfile (FROM gcr.io/distroless/cc, no USER, deno at /bin/deno, ENTRYPOINT ["/tini", "--", "/bin/deno"], DENO_DIR=/deno-dir/); ' +
  'debian.dockerfile (useradd --uid 1993 deno, /deno-dir/ owned by deno, no USER, ENTRYPOINT tini + docker-entrypoint.sh); ' +
  'bin.dockerfile (FROM scratch, /deno only); .github/workflows/ci.yml "Push named images" (tags <kind>-<git tag> and <kind>; git tags are X.Y.Z)';

/** The uid of the `bun` user of the oven/bun Debian images, and of `deno` in denoland/deno's. */
export const BUN_IMAGE_UID = 1000;
export const DENO_IMAGE_UID = 1993;

/** Where each image's runtime starts: the distroless variants have no shell, so a CMD holds its arguments. */
export const BUN_DISTROLESS_ENTRYPOINT = ['/usr/local/bin/bun'];
export const DENO_DISTROLESS_ENTRYPOINT = ['/tini', '--', '/bin/deno'];

export const JS_RUNTIME_ENTRIES: readonly CatalogEntry[] = [
  {
    id: 'bun-distroless',
    title: 'oven/bun distroless variant',
    name: /^(docker\.io\/)?oven\/bun$/,
    tag: /(^|-)distroless$/,
    facts: {
      kind: 'distroless',
      hasShell: false,
      entrypoint: BUN_DISTROLESS_ENTRYPOINT,
      // The base's `latest` user: root (the nonroot user 65532 is in its /etc/passwd).
      defaultUser: 0,
      workdir: '/',
      // base-nossl-debian13 today; the 1.0 and 1.1 tags on debian11 (BUN_DISTROLESS_DEBIAN_SOURCE).
      libc: 'glibc',
      hasBaseFiles: true,
      architectures: ['amd64', 'arm64'],
    },
    source: BUN_SOURCE,
    checked: JS_RUNTIMES_CHECKED,
  },
  {
    id: 'bun',
    title: 'oven/bun (Debian, slim or Alpine; for build stages)',
    name: /^(docker\.io\/)?oven\/bun$/,
    facts: { kind: 'full', hasShell: true, defaultUser: 0, workdir: '/home/bun/app', entrypoint: ['/usr/local/bin/docker-entrypoint.sh'] },
    // Alpine and slim are smaller images with a shell; which libc Bun's Alpine build uses is not recorded.
    factsFromTag: (tag) => (/(^|-)(alpine|slim)$/.test(tag) ? { kind: 'minimal' } : { libc: 'glibc' }),
    source: BUN_SOURCE,
    checked: JS_RUNTIMES_CHECKED,
  },
  {
    id: 'deno-distroless',
    title: 'denoland/deno distroless variant',
    name: /^(docker\.io\/|ghcr\.io\/)?denoland\/deno$/,
    tag: /^distroless(-|$)/,
    facts: {
      kind: 'distroless',
      hasShell: false,
      entrypoint: DENO_DISTROLESS_ENTRYPOINT,
      // gcr.io/distroless/cc's `latest`: root (nonroot 65532 is in its /etc/passwd).
      defaultUser: 0,
      workdir: '/',
      libc: 'glibc',
      hasBaseFiles: true,
      architectures: ['amd64', 'arm64'],
    },
    source: DENO_SOURCE,
    checked: JS_RUNTIMES_CHECKED,
  },
  {
    id: 'deno',
    title: 'denoland/deno (Debian, Ubuntu or Alpine; for build stages)',
    name: /^(docker\.io\/|ghcr\.io\/)?denoland\/deno$/,
    facts: { kind: 'full', hasShell: true, defaultUser: 0, workdir: '/', entrypoint: ['/tini', '--', 'docker-entrypoint.sh'] },
    // bin.dockerfile: FROM scratch with /deno only (for COPY --from); alpine: a smaller image with a shell.
    factsFromTag: (tag) => (/^alpine(-|$)/.test(tag) ? { kind: 'minimal' } : /^bin(-|$)/.test(tag) ? { kind: 'distroless', hasShell: false, entrypoint: [], hasBaseFiles: false } : { libc: 'glibc' }),
    source: DENO_SOURCE,
    checked: JS_RUNTIMES_CHECKED,
  },
];
