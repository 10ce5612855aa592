// Images that no longer get updates, beyond those in `entries.ts`, and the reference to move an
// ended image to (its replacement, keeping the tag where the replacement publishes it).
import type { CatalogEntry, ImageLookup } from './catalog';
import { ImageReference, parseImageReference } from '../core/imageReference';
import { ImageFacts } from './facts';
import { googleDistrolessEntry } from './googleDistroless';

const CHECKED = '2026-11-29';

/**
 * Debian 11 distroless images: built until commit 1533e54a "remove debian11 builds and
 * references" (2024-09-03); SUPPORT_POLICY.md before it gave 2024-06-01 (static, base, cc) and
 * 2023-12-01 (java, node, python) as their end of life. Old tags still pull but get no patches.
 */
const DEBIAN11_SOURCE = 'GoogleContainerTools/distroless commit 1533e54a (2024-09-03), SUPPORT_POLICY.md and README.md before it';
const DEBIAN11_ENDED = '2024-09-03';

function distrolessDebian11(family: string, replacement: string, facts: Omit<ImageFacts, 'kind'>, note?: string): CatalogEntry {
  const endOfSupport = { date: DEBIAN11_ENDED, replacement, note };
  return googleDistrolessEntry(`${family}-debian11`, { debian: 11, ...facts, endOfSupport }, DEBIAN11_SOURCE, CHECKED);
}

export const DISTROLESS_DEBIAN11_ENTRIES: readonly CatalogEntry[] = [
  distrolessDebian11('static', 'gcr.io/distroless/static-debian13', { libc: 'none', entrypoint: [] }),
  ...['base-nossl', 'base', 'cc', 'java-base'].map((family) =>
    distrolessDebian11(family, `gcr.io/distroless/${family}-debian13`, { libc: 'glibc', entrypoint: [] }, 'build dynamically linked binaries on Debian 13 (trixie) or older'),
  ),
  distrolessDebian11(
    'python3',
    'gcr.io/distroless/python3-debian13',
    { libc: 'glibc', entrypoint: ['/usr/bin/python3.9'], runtime: { language: 'python', version: '3.9' } },
    'it ships Python 3.13: build the venv on python:3.13-slim-trixie',
  ),
  distrolessDebian11('java11', 'gcr.io/distroless/java17-debian13', { libc: 'glibc', entrypoint: ['/usr/bin/java', '-jar'], runtime: { language: 'java', version: '11' } }, 'Java 11 images are no longer built: build for Java 17 or newer'),
  distrolessDebian11('java17', 'gcr.io/distroless/java17-debian13', { libc: 'glibc', entrypoint: ['/usr/bin/java', '-jar'], runtime: { language: 'java', version: '17' } }),
  distrolessDebian11('nodejs18', 'gcr.io/distroless/nodejs22-debian13', { libc: 'glibc', entrypoint: ['/nodejs/bin/node'], runtime: { language: 'node', version: '18' } }, 'Node.js 18 images are no longer built: build on node:22'),
  distrolessDebian11('nodejs20', 'gcr.io/distroless/nodejs22-debian13', { libc: 'glibc', entrypoint: ['/nodejs/bin/node'], runtime: { language: 'node', version: '20' } }, 'Node.js 20 images are no longer built: build on node:22'),
  distrolessDebian11('nodejs22', 'gcr.io/distroless/nodejs22-debian13', { libc: 'glibc', entrypoint: ['/nodejs/bin/node'], runtime: { language: 'node', version: '22' } }),
];

const DOTNET_SOURCE = 'dotnet/core release-notes/releases-index.json (eol-date); dotnet/dotnet-docker README (Windows tags)';

/**
 * Windows tags of ended .NET releases (`8.0-nanoserver-ltsc2022`): Windows images (no Linux
 * distroless advice) that are no longer updated. Placed before the .NET entries of `entries.ts`,
 * which would otherwise classify them as Linux images.
 */
export const DOTNET_WINDOWS_ENDED_ENTRIES: readonly CatalogEntry[] = (
  [
    ['3.1', '2022-12-13'],
    ['5.0', '2022-05-10'],
    ['6.0', '2024-11-12'],
    ['7.0', '2024-05-14'],
    ['8.0', '2026-11-10'],
    ['9.0', '2026-11-10'],
  ] as const
).map(([version, date]) => ({
  id: `dotnet-${version}-windows`,
  title: `.NET ${version} Windows image`,
  name: /^mcr\.microsoft\.com\/dotnet\/(sdk|aspnet|runtime)$/,
  tag: new RegExp(`^${version.replace('.', '\\.')}[.-].*(nanoserver|windowsservercore)`),
  facts: { kind: 'windows', endOfSupport: { date, replacement: 'mcr.microsoft.com/dotnet/aspnet:10.0-nanoserver-ltsc2022', note: 'move the SDK image to 10.0 too' } },
  source: DOTNET_SOURCE,
  checked: CHECKED,
}));

/**
 * The reference to move an ended image to, keeping what the tag says where the replacement
 * publishes it: `static-debian12:nonroot` → `static-debian13:nonroot`, `.NET aspnet:8.0-alpine` →
 * `aspnet:10.0-alpine`. Undefined when the image has not ended, is pinned by digest (the digest
 * belongs to the old image), or no matching tag exists. .NET 10 has no Debian tags (→ Ubuntu
 * `noble`) and no Windows Server 2019 tags (→ `ltsc2022`, which needs a Windows Server 2022 host).
 */
export function replacementReference(ref: ImageReference, lookup: ImageLookup): string | undefined {
  const ended = lookup.facts.endOfSupport;
  const replacement = ended ? parseImageReference(ended.replacement) : undefined;
  if (!ended || !replacement || ref.digest) {
    return undefined;
  }
  if (ref.registry === 'mcr.microsoft.com' && ref.repository.startsWith('dotnet/')) {
    return dotnetReplacement(ref, replacement.tag);
  }
  if (replacement.tag === undefined) {
    return ref.tag ? `${ended.replacement}:${ref.tag}` : ended.replacement;
  }
  return ref.tag === undefined ? ended.replacement : undefined;
}

/** Same repository, the new release's version, the distribution mapped to one .NET 10 publishes. */
function dotnetReplacement(ref: ImageReference, replacementTag: string | undefined): string | undefined {
  const target = /^(\d+\.\d+)/.exec(replacementTag ?? '')?.[1];
  const version = /^\d+\.\d+(?:\.\d+)?(?:-(?:preview|rc)\.\d+)?/.exec(ref.tag ?? '');
  if (!target || !version || !ref.tag) {
    return undefined;
  }
  const rest = ref.tag.slice(version[0].length);
  if (/ltsc2016/.test(rest)) {
    return undefined;
  }
  const mapped = rest
    // .NET 10 publishes Windows Server 2022 and 2025 images only.
    .replace(/-(?:ltsc2019|1809)(?=-|$)/, '-ltsc2022')
    .replace(/-(?:bookworm|bullseye|buster)-slim(?=-|$)/, '-noble')
    .replace(/-(?:bookworm|bullseye|buster|jammy|focal)(?=-|$)/, '-noble')
    .replace(/-cbl-mariner2\.0(?=-|$)/, '-azurelinux3.0')
    .replace(/-alpine3\.\d+(?=-|$)/, '-alpine');
  return `mcr.microsoft.com/${ref.repository}:${target}${mapped}`;
}

/** The note to show with an ended image, without the "move the SDK too" part when it is the SDK. */
export function endOfSupportNote(ref: ImageReference, lookup: ImageLookup): string | undefined {
  const note = lookup.facts.endOfSupport?.note;
  if (note && ref.registry === 'mcr.microsoft.com' && ref.repository === 'dotnet/sdk') {
    return note.replace(/^move the SDK image to [\d.]+ too( and )?/, '') || undefined;
  }
  return note;
}

/**
 * The `-extra` variant of a .NET chiseled or distroless tag (ICU and tzdata included):
 * `10.0-noble-chiseled` → `10.0-noble-chiseled-extra`, `...-chiseled-amd64` → `...-chiseled-extra-amd64`.
 * Source: dotnet/dotnet-docker README tag lists (`-extra` follows the variant, before the architecture).
 */
export function extraVariantReference(ref: ImageReference): string | undefined {
  if (ref.registry !== 'mcr.microsoft.com' || !/^dotnet\/(runtime-deps|runtime|aspnet)$/.test(ref.repository) || !ref.tag || ref.digest) {
    return undefined;
  }
  if (!/(chiseled|distroless)/.test(ref.tag) || /-extra(-|$)/.test(ref.tag)) {
    return undefined;
  }
  const arch = /-(amd64|arm64v8|arm32v7)$/.exec(ref.tag);
  const tag = arch ? `${ref.tag.slice(0, arch.index)}-extra${arch[0]}` : `${ref.tag}-extra`;
  return `mcr.microsoft.com/${ref.repository}:${tag}`;
}
