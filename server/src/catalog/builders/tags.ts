// Shared tag parsing for the builder entries: the official-image name pattern, the Debian
// release a tag names or defaults to, the libc and kind from `-alpine`/`-slim`, and the
// language version (`3.12` from `3.12.4-slim`). Also the source and checked date they share.
import { ImageFacts, RuntimeKind } from '../facts';

export const CHECKED = '2026-11-29';
export const OFFICIAL = (image: string): string => `docker-library/official-images library/${image} (commit 37079fb, 2026-08-21)`;

/** Docker Hub's official image, also through the common mirrors and per-architecture namespaces. */
export function officialName(repository: string): RegExp {
  return new RegExp(`^(?:(?:mirror\\.gcr\\.io|public\\.ecr\\.aws/docker)/library/|(?:amd64|arm64v8|arm32v7|arm32v6|arm32v5|i386|ppc64le|s390x|riscv64)/)?${repository}$`);
}

const CODENAMES: Record<string, number> = { stretch: 9, buster: 10, bullseye: 11, bookworm: 12, trixie: 13 };
export const CODENAME_OF: Record<number, string> = { 9: 'stretch', 10: 'buster', 11: 'bullseye', 12: 'bookworm', 13: 'trixie' };

/** The Debian release a tag names (`-bookworm`, `-slim-trixie`), if it names one. */
export function codenameRelease(tag: string): number | undefined {
  const match = /(?:^|-)(stretch|buster|bullseye|bookworm|trixie)(?:-|$)/.exec(tag);
  return match ? CODENAMES[match[1]] : undefined;
}

export const isAlpine = (tag: string): boolean => /(?:^|-)alpine/.test(tag);
const isSlim = (tag: string): boolean => /(?:^|-)slim(?:-|$)/.test(tag);

/** The facts every Linux tag of an official image shares: kind from `-slim`/`-alpine`, libc, shell, root. */
export function linuxFacts(tag: string): Pick<ImageFacts, 'kind' | 'libc' | 'hasShell' | 'defaultUser'> {
  const kind: RuntimeKind = isAlpine(tag) || isSlim(tag) ? 'minimal' : 'full';
  return { kind, libc: isAlpine(tag) ? 'musl' : 'glibc', hasShell: true, defaultUser: 0 };
}

/** Debian release: the codename in the tag, else the image's default for that version; none on Alpine. */
export function debianRelease(tag: string, defaultFor: () => number | undefined): number | undefined {
  if (isAlpine(tag)) {
    return undefined;
  }
  return codenameRelease(tag) ?? defaultFor();
}

/** `3.12` from `3.12.4-slim`; undefined for `3-slim`, `latest`, `slim`. */
export function majorMinor(tag: string): string | undefined {
  const match = /^(\d+)\.(\d+)(?:[.-]|rc|$)/.exec(tag);
  return match ? `${match[1]}.${match[2]}` : undefined;
}

export function minorOf(version: string | undefined): number | undefined {
  return version === undefined ? undefined : Number(version.split('.')[1]);
}

/** A tag without any version number: `latest`, `slim`, `bookworm`, `alpine3.20`, ''. */
export function hasNoVersion(tag: string): boolean {
  return !/^\d/.test(tag);
}
