// Catalog data. Order matters: specific entries before generic ones. Each entry names its
// source and the date it was checked; update both when you re-verify a fact.
import type { CatalogEntry } from './catalog';

const DISTROLESS_SOURCE = 'GoogleContainerTools/distroless README.md, BUILD, */config.bzl';
const CHECKED = '2026-11-29';

function distroless(id: string, repository: string, facts: Omit<CatalogEntry['facts'], 'kind' | 'hasShell'>): CatalogEntry {
  return {
    id: `distroless-${id}`,
    title: `gcr.io/distroless/${id}`,
    name: new RegExp(`^gcr\\.io/distroless/${repository}$`),
    // The `debug` tags add busybox: a shell exists there.
    facts: { kind: 'distroless', hasShell: false, defaultUser: 0, ...facts },
    source: DISTROLESS_SOURCE,
    checked: CHECKED,
  };
}

export const CATALOG_ENTRIES: readonly CatalogEntry[] = [
  distroless('static', 'static(-debian1[123])?', { entrypoint: [], libc: 'none' }),
  distroless('base-nossl', 'base-nossl(-debian1[123])?', { entrypoint: [], libc: 'glibc' }),
  distroless('base', 'base(-debian1[123])?', { entrypoint: [], libc: 'glibc' }),
  distroless('cc', 'cc(-debian1[123])?', { entrypoint: [], libc: 'glibc' }),
  distroless('python3', 'python3(-debian1[123])?', { entrypoint: ['/usr/bin/python3.13'], libc: 'glibc', runtime: 'python 3.13' }),
  distroless('nodejs', 'nodejs\\d+(-debian1[123])?', { entrypoint: ['/nodejs/bin/node'], libc: 'glibc' }),
  distroless('java', 'java(\\d+|-base)(-debian1[123])?', { entrypoint: ['/usr/bin/java', '-jar'], libc: 'glibc' }),
  {
    id: 'distroless-other',
    title: 'gcr.io/distroless image',
    name: /^gcr\.io\/distroless\//,
    facts: { kind: 'distroless', hasShell: false },
    source: DISTROLESS_SOURCE,
    checked: CHECKED,
  },
  {
    id: 'chainguard-dev',
    title: 'Chainguard -dev image (has a shell and apk; for build stages)',
    name: /^cgr\.dev\/chainguard\//,
    tag: /(^|-)dev$/,
    facts: { kind: 'minimal', hasShell: true, defaultUser: 65532 },
    source: 'edu.chainguard.dev, getting started with Chainguard images',
    checked: CHECKED,
  },
  {
    id: 'chainguard',
    title: 'Chainguard image',
    name: /^cgr\.dev\/chainguard\//,
    facts: { kind: 'distroless', hasShell: false, defaultUser: 65532, libc: 'glibc' },
    source: 'edu.chainguard.dev, getting started with Chainguard images',
    checked: CHECKED,
  },
  {
    id: 'dotnet-chiseled',
    title: '.NET chiseled (Ubuntu) or distroless (Azure Linux) image',
    name: /^mcr\.microsoft\.com\/dotnet\/(runtime-deps|runtime|aspnet)$/,
    tag: /(chiseled|distroless)/,
    facts: { kind: 'distroless', hasShell: false, defaultUser: 1654, libc: 'glibc' },
    source: 'dotnet/dotnet-docker documentation/ubuntu-chiseled.md, documentation/distroless.md',
    checked: CHECKED,
  },
  {
    id: 'docker-hardened-dev',
    title: 'Docker Hardened Image, -dev/-sdk variant (for build stages)',
    name: /^dhi\.io\//,
    tag: /-(dev|sdk)$/,
    facts: { kind: 'minimal', hasShell: true },
    source: 'docker/docs content/manuals/dhi/migration/checklist.md',
    checked: CHECKED,
  },
  {
    id: 'docker-hardened',
    title: 'Docker Hardened Image (runtime variant)',
    name: /^dhi\.io\//,
    facts: { kind: 'distroless', hasShell: false, defaultUser: 65532 },
    source: 'docker/docs content/manuals/dhi/migration/checklist.md',
    checked: CHECKED,
  },
  {
    id: 'windows',
    title: 'Windows container image',
    name: /^mcr\.microsoft\.com\/(windows|powershell)(\/|$)|^microsoft\/(windowsservercore|nanoserver)$/,
    facts: { kind: 'windows' },
    source: 'learn.microsoft.com, Windows container base images',
    checked: CHECKED,
  },
  {
    id: 'windows-tag',
    title: 'Windows container image',
    name: /./,
    tag: /(nanoserver|windowsservercore|ltsc20\d\d)/,
    facts: { kind: 'windows' },
    source: 'learn.microsoft.com, Windows container base images',
    checked: CHECKED,
  },
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
    name: /^registry\.access\.redhat\.com\/ubi\d+(\/ubi)?-(minimal|micro)$|^registry\.access\.redhat\.com\/ubi\d+-(minimal|micro)$/,
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
