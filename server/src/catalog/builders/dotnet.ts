// .NET builder entries: the mcr.microsoft.com/dotnet images by version, SDK included.
import type { CatalogEntry } from '../catalog';
import { CHECKED, linuxFacts } from './tags';

const DOTNET_SOURCE = 'dotnet/dotnet-docker README; dotnet/core release-notes/releases-index.json (eol-date)';

/**
 * .NET images not matched by the entries in `entries.ts` (which cover 8.0, 9.0 and the chiseled
 * tags): the version from the tag, and the end of support of the older releases.
 */
export function dotnet(): CatalogEntry[] {
  const name = /^mcr\.microsoft\.com\/dotnet\/(sdk|aspnet|runtime|runtime-deps)$/;
  const ended: [string, string][] = [
    ['3.1', '2022-12-13'],
    ['5.0', '2022-05-10'],
    ['6.0', '2024-11-12'],
    ['7.0', '2024-05-14'],
  ];
  const old = ended.map(([version, date]): CatalogEntry => ({
    id: `dotnet-${version}`,
    title: `.NET ${version} image`,
    name,
    tag: new RegExp(`^${version.replace('.', '\\.')}(\\.|-|$)`),
    // No `runtime` fact: rules read `runtime.language === 'dotnet'` as "defines APP_UID", which
    // only .NET 8 and newer images do.
    facts: {
      kind: 'full',
      endOfSupport: { date, replacement: 'mcr.microsoft.com/dotnet/aspnet:10.0', note: 'move the SDK image to 10.0 too and retarget the project to net10.0' },
    },
    factsFromTag: (tag) => ({
      ...linuxFacts(tag),
      ...(/(chiseled|distroless)/.test(tag) ? { kind: 'distroless' as const, hasShell: false, defaultUser: undefined } : {}),
    }),
    source: DOTNET_SOURCE,
    checked: CHECKED,
  }));
  // The runtime images of 3.1 and 5.0 without an OS in the tag (`aspnet:3.1`) are Debian 10
  // buster-slim, root, with no ENTRYPOINT; their SDK images are not slim.
  const debianSlim = ended.filter(([version]) => version === '3.1' || version === '5.0').map(([version, date]): CatalogEntry => ({
    id: `dotnet-${version}-runtime-default`,
    title: `.NET ${version} runtime image (Debian 10 slim)`,
    name: /^mcr\.microsoft\.com\/dotnet\/(aspnet|runtime|runtime-deps)$/,
    tag: new RegExp(`^${version.replace('.', '\\.')}(\\.\\d+)*$`),
    facts: {
      kind: 'minimal',
      libc: 'glibc',
      hasShell: true,
      defaultUser: 0,
      entrypoint: [],
      debian: 10,
      endOfSupport: { date, replacement: 'mcr.microsoft.com/dotnet/aspnet:10.0', note: 'move the SDK image to 10.0 too and retarget the project to net10.0' },
    },
    source: 'dotnet/dotnet-docker manifest.json before the release\'s removal (tag `3.1`/`5.0` on src/runtime-deps/3.1/buster-slim: FROM debian:buster-slim, no USER, no ENTRYPOINT)',
    checked: '2026-12-08',
  }));
  const current: CatalogEntry = {
    id: 'dotnet',
    title: '.NET image',
    name,
    tag: /^\d+\.\d+/,
    facts: { kind: 'full' },
    factsFromTag: (tag) => {
      const version = /^(\d+\.\d+)/.exec(tag)?.[1] ?? '';
      return { ...linuxFacts(tag), runtime: { language: 'dotnet', version } };
    },
    source: DOTNET_SOURCE,
    checked: CHECKED,
  };
  const sdk: CatalogEntry = {
    ...current,
    id: 'dotnet-sdk',
    title: '.NET SDK image',
    name: /^mcr\.microsoft\.com\/dotnet\/sdk$/,
    factsFromTag: (tag) => {
      const version = /^(\d+\.\d+)/.exec(tag)?.[1] ?? '';
      return { ...linuxFacts(tag), runtime: { language: 'dotnet', version }, toolchain: { language: 'dotnet', version } };
    },
  };
  return [...debianSlim, ...old, sdk, current];
}
