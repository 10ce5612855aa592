// Catalog data. Order matters: specific entries before generic ones. Each entry names its
// source and the date it was checked; update both when you re-verify a fact.
import type { CatalogEntry } from './catalog';
import { ImageFacts } from './facts';
import { BUILDER_ENTRIES } from './builders';
import { googleDistrolessEntry } from './googleDistroless';
import { JS_RUNTIME_ENTRIES } from './jsRuntimes';
import { DISTROLESS_DEBIAN11_ENTRIES, DOTNET_WINDOWS_ENDED_ENTRIES } from './lifecycle';
import { BASE_LIBRARIES, BASE_NOSSL_LIBRARIES, CC_LIBRARIES, PYTHON3_LIBRARIES, STATIC_LIBRARIES, SharedLibraries, nodejsLibraries } from './sharedLibraries';

const CHECKED = '2026-11-29';
const DISTROLESS = 'GoogleContainerTools/distroless README.md, BUILD, SUPPORT_POLICY.md, */config.bzl; removals: commits b80e2842, 5cd38c1e (2026-02-27), 400e0721 (2026-05-01), read at cd080764 (2026-08-21)';
const ALL_ARCHES = ['amd64', 'arm64', 'arm', 's390x', 'ppc64le', 'riscv64'];
/**
 * The Java and Node.js Debian 12 images (java-base included) were removed on 2026-02-27: commits
 * b80e2842 "Remove java debian12 builds" and 5cd38c1e "Remove nodejs debian12 builds"
 * (SUPPORT_POLICY.md had estimated "Jan 2026").
 */
const DEBIAN12_LANGUAGE_REMOVED = '2026-02-27';

/** One distroless image family on one Debian release (`-debian13`), or the unversioned alias. */
function distroless(
  family: string,
  debian: 12 | 13 | 'alias',
  facts: Omit<ImageFacts, 'kind' | 'hasShell' | 'debian'>,
): CatalogEntry {
  const suffix = debian === 'alias' ? '' : `-debian${debian}`;
  // The unversioned aliases currently point at Debian 13 (README: "will change in the future").
  return googleDistrolessEntry(`${family}${suffix}`, { debian: debian === 'alias' ? 13 : debian, ...facts }, DISTROLESS, CHECKED);
}

function baseFamilies(): CatalogEntry[] {
  const families: [string, ImageFacts['libc'], string, SharedLibraries][] = [
    ['static', 'none', 'gcr.io/distroless/static-debian13', STATIC_LIBRARIES],
    ['base-nossl', 'glibc', 'gcr.io/distroless/base-nossl-debian13', BASE_NOSSL_LIBRARIES],
    ['base', 'glibc', 'gcr.io/distroless/base-debian13', BASE_LIBRARIES],
    ['cc', 'glibc', 'gcr.io/distroless/cc-debian13', CC_LIBRARIES],
  ];
  // The library facts are Debian 13's: the Debian 12 images are left without (none is proposed).
  return families.flatMap(([family, libc, current, sharedLibraries]) => [
    distroless(family, 13, { libc, entrypoint: [], architectures: ALL_ARCHES, sharedLibraries }),
    distroless(family, 'alias', { libc, entrypoint: [], architectures: ALL_ARCHES, sharedLibraries }),
    distroless(family, 12, {
      libc,
      entrypoint: [],
      endOfSupport: {
        date: '2026-09-30',
        estimate: true,
        replacement: current,
        note: 'build on Debian 13 (trixie) or older for dynamically linked binaries',
      },
    }),
  ]);
}

function languageFamilies(): CatalogEntry[] {
  const python = { language: 'python' as const };
  const entries: CatalogEntry[] = [
    distroless('python3', 13, { libc: 'glibc', entrypoint: ['/usr/bin/python3.13'], runtime: { ...python, version: '3.13' }, architectures: ['amd64', 'arm64', 'riscv64'], sharedLibraries: PYTHON3_LIBRARIES }),
    distroless('python3', 'alias', { libc: 'glibc', entrypoint: ['/usr/bin/python3.13'], runtime: { ...python, version: '3.13' }, sharedLibraries: PYTHON3_LIBRARIES }),
    distroless('python3', 12, {
      libc: 'glibc',
      entrypoint: ['/usr/bin/python3.11'],
      runtime: { ...python, version: '3.11' },
      endOfSupport: {
        date: '2026-04-30',
        replacement: 'gcr.io/distroless/python3-debian13',
        note: 'it ships Python 3.13: build the venv on python:3.13-slim-trixie',
      },
    }),
  ];
  // Node: even-numbered LTS lines. nodejs20 was dropped on 2026-05-01 (commit 400e0721); the Debian 12
  // Node images were removed on 2026-02-27 (5cd38c1e); nodejs26 was only ever built for Debian 13.
  for (const major of [20, 22, 24, 26]) {
    const node = { language: 'node' as const, version: String(major) };
    const arches = major <= 22 ? ['amd64', 'arm64', 'arm', 's390x', 'ppc64le'] : ['amd64', 'arm64', 's390x', 'ppc64le'];
    const dropped = major === 20 ? { date: '2026-05-01', replacement: 'gcr.io/distroless/nodejs22-debian13', note: 'Node.js 20 images are no longer built: build on node:22' } : undefined;
    entries.push(
      distroless(`nodejs${major}`, 13, { libc: 'glibc', entrypoint: ['/nodejs/bin/node'], runtime: node, architectures: arches, endOfSupport: dropped, sharedLibraries: nodejsLibraries(major) }),
      distroless(`nodejs${major}`, 'alias', { libc: 'glibc', entrypoint: ['/nodejs/bin/node'], runtime: node, endOfSupport: dropped, sharedLibraries: nodejsLibraries(major) }),
    );
    if (major !== 26) {
      entries.push(
        distroless(`nodejs${major}`, 12, {
          libc: 'glibc',
          entrypoint: ['/nodejs/bin/node'],
          runtime: node,
          endOfSupport:
            major === 20
              ? { date: DEBIAN12_LANGUAGE_REMOVED, replacement: 'gcr.io/distroless/nodejs22-debian13', note: 'Node.js 20 images are no longer built: build on node:22-trixie-slim' }
              : { date: DEBIAN12_LANGUAGE_REMOVED, replacement: `gcr.io/distroless/nodejs${major}-debian13`, note: 'build on a trixie-based node image' },
        }),
      );
    }
  }
  for (const release of [17, 21, 25]) {
    const java = { language: 'java' as const, version: String(release) };
    const arches = ['amd64', 'arm64', 's390x', 'ppc64le', 'riscv64'];
    entries.push(
      distroless(`java${release}`, 13, { libc: 'glibc', entrypoint: ['/usr/bin/java', '-jar'], runtime: java, architectures: arches }),
      distroless(`java${release}`, 'alias', { libc: 'glibc', entrypoint: ['/usr/bin/java', '-jar'], runtime: java }),
    );
    if (release !== 25) {
      entries.push(
        distroless(`java${release}`, 12, {
          libc: 'glibc',
          entrypoint: ['/usr/bin/java', '-jar'],
          runtime: java,
          endOfSupport: { date: DEBIAN12_LANGUAGE_REMOVED, replacement: `gcr.io/distroless/java${release}-debian13` },
        }),
      );
    }
  }
  entries.push(
    distroless('java-base', 13, { libc: 'glibc', entrypoint: [] }),
    distroless('java-base', 'alias', { libc: 'glibc', entrypoint: [] }),
    distroless('java-base', 12, { libc: 'glibc', entrypoint: [], endOfSupport: { date: DEBIAN12_LANGUAGE_REMOVED, replacement: 'gcr.io/distroless/java-base-debian13' } }),
  );
  return entries;
}

const DOTNET = 'dotnet/dotnet-docker documentation/ubuntu-chiseled.md, documentation/distroless.md; .NET support policy';

/** .NET 8 and 9 reached end of support on 2026-11-10 (.NET 9 is STS: 24 months since .NET 9). */
function dotnet(): CatalogEntry[] {
  const ended = (version: string): CatalogEntry => ({
    id: `dotnet-${version}`,
    title: `.NET ${version} image`,
    name: /^mcr\.microsoft\.com\/dotnet\/(sdk|aspnet|runtime|runtime-deps)$/,
    tag: new RegExp(`^${version.replace('.', '\\.')}(\\.|-|$)`),
    facts: {
      kind: 'full',
      runtime: { language: 'dotnet', version },
      endOfSupport: { date: '2026-11-10', replacement: 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled', note: 'move the SDK image to 10.0 too' },
    },
    source: DOTNET,
    checked: CHECKED,
  });
  const chiseledEnded = (version: string): CatalogEntry => ({
    ...ended(version),
    id: `dotnet-${version}-chiseled`,
    tag: new RegExp(`^${version.replace('.', '\\.')}.*(chiseled|distroless)`),
    facts: { ...ended(version).facts, kind: 'distroless', hasShell: false, defaultUser: 1654, libc: 'glibc' },
  });
  return [
    chiseledEnded('8.0'),
    chiseledEnded('9.0'),
    ...chiseled('-extra', '.NET chiseled image with ICU and tzdata (-extra)', /(chiseled|distroless).*-extra|-extra.*(chiseled|distroless)/, {}),
    ...chiseled('', '.NET chiseled (Ubuntu) or distroless (Azure Linux) image', /(chiseled|distroless)/, { globalizationInvariant: true }),
    ended('8.0'),
    ended('9.0'),
  ];
}

/**
 * The supported chiseled images: `runtime` and `aspnet` run `dotnet` as their ENTRYPOINT (with
 * `CMD ["--info"]`: there is no shell), so a CMD names the app's dll; `runtime-deps` has no
 * dotnet, for self-contained apps.
 */
function chiseled(suffix: string, title: string, tag: RegExp, extra: Partial<ImageFacts>): CatalogEntry[] {
  const facts: ImageFacts = { kind: 'distroless', hasShell: false, defaultUser: 1654, libc: 'glibc', hasBaseFiles: true, ...extra };
  return [
    {
      id: `dotnet-chiseled${suffix}`,
      title,
      name: /^mcr\.microsoft\.com\/dotnet\/(runtime|aspnet)$/,
      tag,
      facts: { ...facts, entrypoint: ['/usr/bin/dotnet'] },
      source: `${DOTNET}; dotnet/dotnet-docker src/runtime/*/noble-chiseled/*/Dockerfile (ENTRYPOINT, CMD)`,
      checked: CHECKED,
    },
    {
      id: `dotnet-runtime-deps-chiseled${suffix}`,
      title: `${title}, runtime-deps`,
      name: /^mcr\.microsoft\.com\/dotnet\/runtime-deps$/,
      tag,
      facts: { ...facts, entrypoint: [] },
      source: DOTNET,
      checked: CHECKED,
    },
  ];
}

const CHAINGUARD = 'chainguard-images/images images/<name>/locked_config.json (commit cd7edd23, 2026-08-22: packages, run-as, entrypoint, work-dir)';
const CHAINGUARD_CHECKED = '2026-12-06';

/**
 * One Chainguard image with the facts its locked_config.json gives: `busybox` among its packages
 * means /bin/sh exists; `run-as` is the default user. The images have no package manager (apk
 * is in `-dev` only), so they count as distroless for the runtime-image decision even with busybox.
 */
function chainguard(name: string, facts: Omit<ImageFacts, 'kind' | 'libc'> & Partial<Pick<ImageFacts, 'libc'>>): CatalogEntry {
  return {
    id: `chainguard-${name}`,
    title: `cgr.dev/chainguard/${name}`,
    name: new RegExp(`^cgr\\.dev/chainguard/${name}$`),
    facts: { kind: 'distroless', libc: 'glibc', hasBaseFiles: true, ...facts },
    source: CHAINGUARD.replace('<name>', name),
    checked: CHAINGUARD_CHECKED,
  };
}

const CHAINGUARD_ENTRIES: readonly CatalogEntry[] = [
  {
    id: 'chainguard-dev',
    title: 'Chainguard -dev image (has a shell and apk; for build stages)',
    name: /^cgr\.dev\/chainguard\//,
    tag: /(^|-)dev$/,
    facts: { kind: 'minimal', hasShell: true, defaultUser: 65532, libc: 'glibc' },
    source: `${CHAINGUARD.replace('<name>', '*')} (devConfigs: apk-tools, bash, busybox)`,
    checked: CHAINGUARD_CHECKED,
  },
  // For static binaries: base files, CA certificates and tzdata, but no libc (like distroless static).
  chainguard('static', { hasShell: false, defaultUser: 65532, libc: 'none', entrypoint: [] }),
  chainguard('glibc-dynamic', { hasShell: false, defaultUser: 65532, entrypoint: [] }),
  // The language images start their runtime, so a CMD holds its arguments (as on distroless).
  // node ships busybox and npm (Chainguard's own example runs `RUN npm install` on it).
  chainguard('node', { hasShell: true, defaultUser: 65532, entrypoint: ['/usr/bin/node'], workdir: '/app' }),
  chainguard('python', { hasShell: false, defaultUser: 65532, entrypoint: ['/usr/bin/python'] }),
  chainguard('jre', { hasShell: false, defaultUser: 65532, entrypoint: ['/usr/bin/java'], workdir: '/app' }),
  chainguard('aspnet-runtime', { hasShell: false, defaultUser: 65532, entrypoint: ['/usr/bin/dotnet'] }),
  chainguard('ruby', { hasShell: false, defaultUser: 65532, entrypoint: ['/usr/bin/ruby'], workdir: '/work' }),
  // `latest` starts /bin/php, `latest-fpm` php-fpm: the entrypoint depends on the tag.
  chainguard('php', { hasShell: false, defaultUser: 65532, workdir: '/app' }),
  // Toolchain images with busybox; go runs as root.
  chainguard('go', { hasShell: true, defaultUser: 0, entrypoint: ['/usr/bin/go'] }),
  chainguard('rust', { hasShell: true, defaultUser: 65532, entrypoint: ['/usr/bin/rustc'], workdir: '/work' }),
  chainguard('jdk', { hasShell: true, defaultUser: 65532, entrypoint: [], workdir: '/home/build' }),
  chainguard('dotnet-runtime', { hasShell: true, defaultUser: 65532, entrypoint: ['/usr/bin/dotnet'] }),
  chainguard('dotnet-sdk', { hasShell: true, defaultUser: 65532, entrypoint: [] }),
  {
    // Any other Chainguard image: no package manager, but whether it has a shell and who it runs
    // as differ per image, so nothing is claimed (no shell-less error on a guess).
    id: 'chainguard',
    title: 'Chainguard image',
    name: /^cgr\.dev\/chainguard\//,
    facts: { kind: 'distroless', libc: 'glibc', hasBaseFiles: true },
    source: CHAINGUARD.replace('<name>', '*'),
    checked: CHAINGUARD_CHECKED,
  },
];

const HARDENED = 'docker/docs content/manuals/dhi/migration/checklist.md';
const WINDOWS = 'learn.microsoft.com, Windows container base images';

export const CATALOG_ENTRIES: readonly CatalogEntry[] = [
  {
    id: 'scratch',
    title: 'scratch (the empty image)',
    name: /^scratch$/,
    facts: { kind: 'distroless', hasShell: false, entrypoint: [], defaultUser: 0, libc: 'none', hasBaseFiles: false },
    source: 'Docker documentation, "Create a base image: scratch"',
    checked: CHECKED,
  },
  ...baseFamilies(),
  ...languageFamilies(),
  ...DISTROLESS_DEBIAN11_ENTRIES,
  {
    id: 'distroless-other',
    title: 'gcr.io/distroless image',
    name: /^gcr\.io\/distroless\//,
    facts: { kind: 'distroless', hasShell: false, defaultUser: 0 },
    source: DISTROLESS,
    checked: CHECKED,
    distrolessTags: true,
  },
  ...CHAINGUARD_ENTRIES,
  ...DOTNET_WINDOWS_ENDED_ENTRIES,
  ...dotnet(),
  {
    id: 'docker-hardened-dev',
    title: 'Docker Hardened Image, -dev/-sdk variant (for build stages)',
    name: /^dhi\.io\//,
    tag: /-(dev|sdk)$/,
    facts: { kind: 'minimal', hasShell: true },
    source: HARDENED,
    checked: CHECKED,
  },
  {
    id: 'docker-hardened',
    title: 'Docker Hardened Image (runtime variant)',
    name: /^dhi\.io\//,
    facts: { kind: 'distroless', hasShell: false, defaultUser: 65532, hasBaseFiles: true },
    source: HARDENED,
    checked: CHECKED,
  },
  {
    id: 'windows',
    title: 'Windows container image',
    name: /^mcr\.microsoft\.com\/(windows|powershell)(\/|$)|^microsoft\/(windowsservercore|nanoserver)$/,
    facts: { kind: 'windows' },
    source: WINDOWS,
    checked: CHECKED,
  },
  {
    id: 'windows-tag',
    title: 'Windows container image',
    name: /./,
    tag: /(nanoserver|windowsservercore|servercore|ltsc20\d\d)/,
    facts: { kind: 'windows' },
    source: WINDOWS,
    checked: CHECKED,
  },
  // Bun and Deno (their distroless variants and build images): before the generic -alpine/-slim entries.
  ...JS_RUNTIME_ENTRIES,
  // Builder images and Debian (catalog/builders/): before the generic -alpine/-slim entries.
  ...BUILDER_ENTRIES,
  {
    id: 'alpine',
    title: 'Alpine Linux',
    name: /^alpine$/,
    facts: { kind: 'minimal', hasShell: true, defaultUser: 0, libc: 'musl' },
    source: 'Docker Hub official image "alpine"',
    checked: CHECKED,
  },
  {
    id: 'alpine-variant',
    title: 'Alpine-based variant',
    name: /./,
    tag: /(^|-)alpine/,
    facts: { kind: 'minimal', hasShell: true, defaultUser: 0, libc: 'musl' },
    source: 'Docker Hub official images, `-alpine` tag convention',
    checked: CHECKED,
  },
  {
    id: 'slim-variant',
    title: 'Debian slim variant',
    name: /./,
    tag: /(^|-)slim(-|$)/,
    facts: { kind: 'minimal', hasShell: true, defaultUser: 0, libc: 'glibc' },
    source: 'Docker Hub official images, `-slim` tag convention',
    checked: CHECKED,
  },
  {
    id: 'ubi-minimal',
    title: 'Red Hat UBI minimal or micro',
    name: /^registry\.access\.redhat\.com\/ubi\d+(\/ubi)?-(minimal|micro)$/,
    facts: { kind: 'minimal', hasShell: true, libc: 'glibc' },
    source: 'Red Hat Universal Base Images documentation',
    checked: CHECKED,
  },
  {
    id: 'busybox',
    title: 'BusyBox',
    name: /^busybox$/,
    facts: { kind: 'minimal', hasShell: true, defaultUser: 0 },
    source: 'Docker Hub official image "busybox"',
    checked: CHECKED,
  },
];
